"""Webhooks for events, against a real receiver on 127.0.0.1: publishing and unpublishing an
event are announced with its page type; a draft or private event is never announced."""

import json

import pytest

from tests.support import events, factories
from tests.webhooks.support import delivered, endpoint, wait_for
from webhooks.models import WebhookDelivery


@pytest.fixture(autouse=True)
def _loopback(settings):
    settings.WEBHOOKS_RETRY_BASE_SECONDS = 0.2
    settings.WEBHOOKS_TIMEOUT = 5
    settings.WEBHOOKS_ALLOWED_HOSTS = ["127.0.0.1"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_event_publish_and_unpublish_are_announced_drafts_and_private_ones_are_not(receiver, tree):
    server = receiver()
    endpoint(server.url, ["page.published", "page.unpublished"])
    events.event_index()
    events.event("Draft forum", slug="draft-forum", publish=False)
    private = events.event("Members forum", slug="members-forum", publish=False)
    factories.make_private(private)
    private.save_revision().publish()
    forum = events.event("Iraq forum", slug="iraq-forum")
    forum.unpublish()

    # The /events/ index, the forum's publish and its unpublish: nothing else.
    assert wait_for(delivered(3))
    bodies = sorted(
        (e["event"], e["title"], e["page_type"]) for e in map(json.loads, server.bodies)
    )
    assert bodies == [
        ("page.published", "Events", "events.EventIndexPage"),
        ("page.published", "Iraq forum", "events.EventPage"),
        ("page.unpublished", "Iraq forum", "events.EventPage"),
    ]
    assert WebhookDelivery.objects.count() == 3
