"""Fixtures of the webhook tests: real receivers on 127.0.0.1 and the allow-list for them."""

import pytest

from tests.webhooks.support import receivers

receiver = pytest.fixture(receivers, name="receiver")


@pytest.fixture
def loopback_allowed(settings):
    """Exempt 127.0.0.1 from the public-address rule, for tests with a real receiver."""
    settings.WEBHOOKS_ALLOWED_HOSTS = ["127.0.0.1"]
