"""The endpoint model validates its events and its URL with Django's ValidationError, so
full_clean() (and every form built on the model) reports bad input instead of crashing."""

import pytest
from django.core.exceptions import ValidationError

from webhooks.models import WebhookEndpoint, validate_events

SECRET = "a-long-shared-secret-value"


def test_no_events_is_a_validation_error():
    with pytest.raises(ValidationError) as raised:
        validate_events([])
    assert raised.value.messages == ["Choose at least one event."]


def test_unknown_events_are_named_in_the_validation_error():
    with pytest.raises(ValidationError) as raised:
        validate_events(["page.published", "page.moved", "comment.added"])
    assert raised.value.messages == ["Unknown events: comment.added, page.moved."]


def test_full_clean_reports_bad_events_on_the_events_field():
    hook = WebhookEndpoint(
        name="Front end", url="https://8.8.8.8/hook", secret=SECRET, events=["nope"]
    )
    with pytest.raises(ValidationError) as raised:
        hook.full_clean()
    assert raised.value.message_dict == {"events": ["Unknown events: nope."]}


def test_full_clean_refuses_a_url_that_resolves_to_loopback():
    hook = WebhookEndpoint(
        name="Front end", url="http://localhost:8000/hook", secret=SECRET, events=["page.published"]
    )
    with pytest.raises(ValidationError) as raised:
        hook.full_clean()
    assert raised.value.message_dict == {
        "url": [
            "localhost resolves to 127.0.0.1, a loopback address: webhooks are sent to public "
            "addresses only."
        ]
    }


def test_full_clean_accepts_a_public_address_and_generates_a_secret():
    hook = WebhookEndpoint(name="Front end", url="https://8.8.8.8/hook", events=["page.published"])
    hook.full_clean()
    assert len(hook.secret) == 43  # 32 random bytes, URL-safe base64
