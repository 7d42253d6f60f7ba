"""Hidden events (draft, unpublished, private, expired, an unpublished Arabic translation)
never appear on any public surface: listings and filters, calendars, home, expert pages,
the sitemap and both APIs; opened by address, id or path they are unknown."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import EventPage
from tests.support import events, factories
from tests.support.translation import submit, translate_strings

pytestmark = pytest.mark.django_db

SOON = datetime.timedelta(days=3)


def _hidden_events(expert):
    start = timezone.now() + SOON
    hidden = {
        "draft": events.event(
            "Hidden Draft Event", slug="hidden-draft-event", start=start, speakers=[expert],
            publish=False,
        ),
        "unpublished": events.event(
            "Hidden Unpublished Event", slug="hidden-unpublished-event", start=start,
            speakers=[expert],
        ),
        "password": events.event(
            "Hidden Password Event", slug="hidden-password-event", start=start, speakers=[expert]
        ),
        "login": events.event(
            "Hidden Login Event", slug="hidden-login-event", start=start, speakers=[expert]
        ),
        "expired": events.event(
            "Hidden Expired Event", slug="hidden-expired-event", start=start, speakers=[expert]
        ),
    }  # fmt: skip
    hidden["unpublished"].unpublish()
    factories.make_private(hidden["password"])
    PageViewRestriction.objects.create(
        page=hidden["login"], restriction_type=PageViewRestriction.LOGIN
    )
    EventPage.objects.filter(pk=hidden["expired"].pk).update(
        expire_at=timezone.now() - datetime.timedelta(hours=1)
    )
    return hidden


@pytest.fixture
def world(tree):
    expert = factories.expert("Visible Speaker", slug="visible-speaker")
    public = events.event(
        "Public Event", slug="public-event", start=timezone.now() + SOON, speakers=[expert]
    )
    hidden = _hidden_events(expert)
    translation = submit(public)
    translate_strings(translation)
    translation.save_target(publish=False)
    hidden["arabic_draft"] = translation.get_target_instance()
    return {"public": public, "hidden": hidden, "expert": expert}


SURFACES = [
    "/",
    "/ar/",
    "/events/",
    "/events/?expert=visible-speaker",
    "/events/ical/",
    "/ar/events/",
    "/ar/events/ical/",
    "/experts/visible-speaker/",
    "/sitemap.xml",
    "/api/v1/events/?limit=100",
    "/api/v1/events/?locale=ar&limit=100",
    "/api/v1/events/?expert=visible-speaker&limit=100",
    "/api/v2/pages/?type=events.EventPage&fields=*",
    "/api/v2/pages/?search=hidden&fields=*",
]


def test_no_event_surface_names_a_hidden_event(client, world):
    markers = {
        state: {page.title, page.slug} - {world["public"].title, world["public"].slug}
        for state, page in world["hidden"].items()
    }
    leaks = []
    for url in SURFACES:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        leaks += [
            (url, state) for state, names in markers.items() for name in names if name in body
        ]
    assert leaks == []
    # The positive control: the public event shows where the hidden ones do not.
    assert "Public Event" in client.get("/events/").content.decode()
    assert "Public Event" in client.get("/events/ical/").content.decode()


DIRECT_STATUS = {
    "draft": 404,
    "unpublished": 404,
    "password": 200,  # Wagtail's password form, without the event
    "login": 302,
    "expired": 404,
    "arabic_draft": 404,
}


def test_hidden_events_cannot_be_opened_by_address_id_or_path(client, world):
    problems = []
    for state, page in world["hidden"].items():
        path = page.get_url()
        for url, expected in (
            (path, DIRECT_STATUS[state]),
            (path + "ical/", DIRECT_STATUS[state]),
            (f"/api/v1/events/{page.pk}/", 404),
            (f"/api/v1/pages/by-path/?path={path}", 404),
            (f"/api/v2/pages/{page.pk}/", 404),
        ):
            response = client.get(url)
            if response.status_code != expected:
                problems.append(f"{state} {url}: {response.status_code}")
            if page.title in response.content.decode():
                problems.append(f"{state} {url}: title shown")
    assert problems == []
