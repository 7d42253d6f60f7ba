"""Webhooks announce only pages readers can see (or could see until the event): nothing
about drafts, private pages, scheduled pages, unpublished translations or the live
chapters of hidden reports (deleting such a report deletes them) reaches a receiver.
The announcements are read from the callbacks queued for the commit, before any delivery
runs."""

import pytest

from tests.visibility.world import CHAPTER_STATES, SECTION, build_world
from webhooks.delivery import _record_and_schedule
from webhooks.models import EVENTS, WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _listening_to_every_event():
    """A receiver of every event: with none, nothing is announced at all."""
    WebhookEndpoint.objects.create(
        name="Everything", url="http://127.0.0.1:9/", secret="s", events=list(EVENTS)
    )


#: States whose page readers never could see.
NEVER_VISIBLE = (
    "draft",
    "login",
    "password",
    "group",
    SECTION,
    "group_ancestor",
    "scheduled",
    "arabic_draft",
    "draft_expert",
    "login_expert",
    # The draft chapter and the live chapters of hidden reports (publishing a chapter under
    # a hidden report announces nothing).
    *CHAPTER_STATES,
)


def announced(callbacks):
    """[(event, payload)] that the queued commit callbacks would deliver."""
    return [
        (callback.args[0], callback.args[1])
        for callback in callbacks
        if getattr(callback, "func", None) is _record_and_schedule
    ]


def test_building_hidden_pages_announces_none_of_them(tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        world = build_world()
    hidden_ids = {world.hidden[state].pk for state in NEVER_VISIBLE}
    events = announced(callbacks)
    assert [payload for _event, payload in events if payload["page_id"] in hidden_ids] == []
    published = {payload["page_id"] for event, payload in events if event == "page.published"}
    assert {world.public.pk, world.second.pk, world.expert.pk} <= published


def test_unpublishing_and_deleting_hidden_pages_announces_nothing(
    tree, django_capture_on_commit_callbacks
):
    world = build_world()
    with django_capture_on_commit_callbacks() as callbacks:
        for state in ("login", "password", "group", "login_expert"):
            world.hidden[state].save_revision().publish()
            world.hidden[state].unpublish()
        for state in ("draft", "scheduled", "arabic_draft", "draft_expert", SECTION):
            world.hidden[state].delete()
    assert announced(callbacks) == []


def test_deleting_a_public_page_is_announced_with_its_address(
    tree, django_capture_on_commit_callbacks
):
    world = build_world()
    url = world.second.full_url
    with django_capture_on_commit_callbacks() as callbacks:
        world.second.delete()
    events = [
        (event, payload["page_id"], payload["url"]) for event, payload in announced(callbacks)
    ]
    # Wagtail unpublishes a live page before deleting it.
    assert events == [
        ("page.unpublished", world.second.pk, url),
        ("page.deleted", world.second.pk, url),
    ]
