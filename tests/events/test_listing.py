"""The /events/ listing: filters by type, region, issue, expert and year; unknown values are
reported and ignored; a fixed number of queries whatever the number of events or speakers."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support import events, factories

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2030, 6, 1, 12, 0, tzinfo=UTC)

#: Queries of a warm GET, asserted exactly (PAGE_CACHE off in the test settings).
EVENTS_INDEX_QUERIES = 5
EVENT_PAGE_QUERIES = 6


def measure(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def section_titles(html, section):
    part = html.split(f'id="{section}-heading"', 1)[1].split("</section>", 1)[0]
    return [
        chunk.split("</a>", 1)[0].split(">")[-1] for chunk in part.split('class="card__title"')[1:]
    ]


@pytest.fixture
def programme(tree):
    iraq, iran = factories.region("Iraq", "iraq"), factories.region("Iran", "iran")
    security = factories.issue("Military & Security", "military-security")
    webinar = events.event_type("Webinar", "webinar")
    karl = factories.expert("Karl Kaltenthaler", slug="karl-kaltenthaler")
    with time_machine.travel(NOW - datetime.timedelta(days=400), tick=False):
        events.event(
            "Iraq forum", start=NOW + datetime.timedelta(days=3), regions=[iraq], speakers=[karl]
        )
        events.event(
            "Iran webinar",
            start=NOW + datetime.timedelta(days=1),
            regions=[iran],
            issues=[security],
            type=webinar,
        )
        events.event(
            "Old Iraq forum",
            start=NOW - datetime.timedelta(days=200),
            regions=[iraq],
            moderators=[karl],
        )
        events.event("Older forum", start=NOW - datetime.timedelta(days=380))
    return karl  # fmt: skip


def listing(client, query=""):
    with time_machine.travel(NOW, tick=False):
        html = client.get(f"/events/{query}").content.decode()
    return section_titles(html, "upcoming"), section_titles(html, "past"), html


def test_upcoming_soonest_first_and_past_newest_first(client, programme):
    upcoming, past, _html = listing(client)
    assert upcoming == ["Iran webinar", "Iraq forum"]
    assert past == ["Old Iraq forum", "Older forum"]


@pytest.mark.parametrize(
    ("query", "upcoming", "past"),
    [
        ("?type=webinar", ["Iran webinar"], []),
        ("?region=iraq", ["Iraq forum"], ["Old Iraq forum"]),
        ("?issue=military-security", ["Iran webinar"], []),
        ("?expert=karl-kaltenthaler", ["Iraq forum"], ["Old Iraq forum"]),
        ("?year=2030", ["Iran webinar", "Iraq forum"], []),
    ],
)
def test_filters(client, programme, query, upcoming, past):
    assert listing(client, query)[:2] == (upcoming, past)


def test_unknown_filter_values_are_reported_and_ignored(client, programme):
    upcoming, past, html = listing(client, "?region=atlantis&year=abc")
    assert (upcoming, past) == (["Iran webinar", "Iraq forum"], ["Old Iraq forum", "Older forum"])
    assert "Some filters were not recognised and have been ignored:" in html


def test_expert_page_lists_events_with_this_expert(client, programme):
    with time_machine.travel(NOW, tick=False):
        html = client.get(programme.url).content.decode()
    assert section_titles(html, "events") == [
        "Iraq forum",
        "Old Iraq forum",
    ]


def test_expert_page_lists_every_upcoming_event_and_the_latest_past_ones(
    client, programme, django_assert_num_queries
):
    from events.templatetags.event_tags import events_with_expert

    with time_machine.travel(NOW - datetime.timedelta(days=400), tick=False):
        for days in (10, 20, 30):
            events.event(
                f"Past {days}", start=NOW - datetime.timedelta(days=days), speakers=[programme]
            )
        events.event("Later forum", start=NOW + datetime.timedelta(days=30), speakers=[programme])
    with time_machine.travel(NOW, tick=False):
        events_with_expert(programme, limit=3)  # warm: locales, view restrictions
        with django_assert_num_queries(1):
            upcoming, past = events_with_expert(programme, limit=3)
    assert [event.title for event in upcoming] == ["Iraq forum", "Later forum"]
    assert [event.title for event in past] == ["Past 10", "Past 20", "Past 30"]


def test_home_page_lists_upcoming_events(client, programme):
    with time_machine.travel(NOW, tick=False):
        html = client.get("/").content.decode()
    assert section_titles(html, "events") == ["Iran webinar", "Iraq forum"]


def test_listing_and_event_page_queries_do_not_grow(client, tree, settings):
    settings.PAGE_CACHE_ENABLED = False  # count rendering, not a page-cache hit
    experts = [factories.expert(f"Speaker {i}") for i in range(6)]
    first = events.event("First", speakers=experts[:1])
    small_index, _ = measure(client, "/events/")
    small_page, _ = measure(client, first.url)
    many = events.event("Many", speakers=experts, guests=[("Guest", "Embassy")] * 3)
    for i in range(12):
        events.event(f"More {i}", speakers=experts[:2])
    large_index, html = measure(client, "/events/")
    large_page, page_html = measure(client, many.url)
    assert html.count('class="card event-card') == 14
    assert page_html.count("speaker-list__person") == 9
    assert (small_index, large_index) == (EVENTS_INDEX_QUERIES, EVENTS_INDEX_QUERIES)
    assert (small_page, large_page) == (EVENT_PAGE_QUERIES, EVENT_PAGE_QUERIES)


def test_the_filter_choices_follow_what_is_published(client, tree, settings):
    # Kept until the content changes (core.versioned): a publish or an unpublish shows on
    # the next rendering of the listing.
    settings.PAGE_CACHE_ENABLED = False

    def choices(name):
        html = BeautifulSoup(client.get("/events/").content, "html.parser")
        select = html.select_one(f"select[name={name}]")
        return [option.get_text(strip=True) for option in select.select("option")[1:]]

    karl, simon = factories.expert("Karl Kaltenthaler"), factories.expert("Simon Henderson")
    first = events.event("Forum", start=NOW, speakers=[karl])
    assert (choices("expert"), choices("year")) == (["Karl Kaltenthaler"], ["2030"])
    events.event("Webinar", start=NOW.replace(year=2031), speakers=[simon])
    assert (choices("expert"), choices("year")) == (
        ["Karl Kaltenthaler", "Simon Henderson"],
        ["2031", "2030"],
    )
    first.unpublish()
    assert (choices("expert"), choices("year")) == (["Simon Henderson"], ["2031"])
