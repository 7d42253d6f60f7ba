"""Upcoming and past are decided by the clock at the moment of reading."""

import datetime

import pytest
import time_machine
from django.test import override_settings

from core import page_cache
from events.models import EventPage
from tests.support import events

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
START = datetime.datetime(2030, 3, 10, 15, 0, tzinfo=UTC)
END = START + datetime.timedelta(hours=2)


def titles(html, section):
    """Event titles inside one section of the events index."""
    part = html.split(f'id="{section}-heading"', 1)[1].split("</section>", 1)[0]
    return part.count("card__title")


def test_event_switches_from_upcoming_to_past_at_its_end(client, tree):
    page = events.event("Iraq forum", start=START, end=END)
    with time_machine.travel(END - datetime.timedelta(seconds=1), tick=False):
        html_before = client.get("/events/").content.decode()
        upcoming_before = list(EventPage.objects.upcoming().values_list("pk", flat=True))
    with time_machine.travel(END, tick=False):
        html_at_end = client.get("/events/").content.decode()
        past_at_end = list(EventPage.objects.past().values_list("pk", flat=True))

    assert upcoming_before == [page.pk]
    assert (titles(html_before, "upcoming"), titles(html_before, "past")) == (1, 0)
    assert past_at_end == [page.pk]
    assert (titles(html_at_end, "upcoming"), titles(html_at_end, "past")) == (0, 1)


@override_settings(PAGE_CACHE_ENABLED=True)
def test_a_cached_listing_never_outlives_the_end_of_an_event(client, tree):
    events.event("Iraq forum", start=START, end=END)
    with time_machine.travel(END - datetime.timedelta(seconds=30), tick=False):
        first = client.get("/events/")
        again = client.get("/events/")
    with time_machine.travel(END + datetime.timedelta(seconds=1), tick=False):
        after = client.get("/events/")

    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit")
    assert after["X-Cache"] == "miss"
    assert titles(after.content.decode(), "past") == 1


def test_next_change_is_the_next_join_link_start_or_end(tree):
    events.event(
        "Webinar",
        start=START,
        end=END,
        online_url="https://meet.example.org/room",
        join_link_lead_minutes=15,
    )
    assert page_cache.next_scheduled_change(START - datetime.timedelta(hours=1)) == (
        START - datetime.timedelta(minutes=15)
    )
    assert page_cache.next_scheduled_change(START - datetime.timedelta(minutes=5)) == START
    assert page_cache.next_scheduled_change(START) == END
    assert page_cache.next_scheduled_change(END) is None


def test_join_link_shows_from_the_lead_time_until_the_end(client, tree):
    page = events.event(
        "Webinar",
        start=START,
        end=END,
        online_url="https://meet.example.org/room",
        join_link_lead_minutes=30,
    )
    link = 'href="https://meet.example.org/room"'

    def shown(at):
        with time_machine.travel(at, tick=False):
            return link in client.get(page.url).content.decode()

    assert shown(START - datetime.timedelta(minutes=31)) is False
    assert shown(START - datetime.timedelta(minutes=30)) is True
    assert shown(END - datetime.timedelta(seconds=1)) is True
    assert shown(END) is False


def test_cancelled_event_never_shows_join_or_registration_links(client, tree):
    page = events.event(
        "Cancelled webinar",
        start=START,
        end=END,
        online_url="https://meet.example.org/room",
        registration_url="https://register.example.org/",
        cancelled=True,
    )
    with time_machine.travel(START, tick=False):
        html = client.get(page.url).content.decode()

    assert "This event has been cancelled." in html
    assert "meet.example.org" not in html
    assert "register.example.org" not in html


def test_registration_closed_replaces_the_link(client, tree):
    page = events.event(
        "Book launch",
        start=START,
        end=END,
        registration_url="https://register.example.org/",
        registration_closed=True,
    )
    with time_machine.travel(START - datetime.timedelta(days=1), tick=False):
        html = client.get(page.url).content.decode()

    assert "Registration closed" in html
    assert "register.example.org" not in html


def test_event_page_shows_local_time_in_the_event_zone_and_iso_instant(client, tree):
    page = events.event(
        "Baghdad roundtable",
        start=datetime.datetime(2030, 3, 10, 15, 0, tzinfo=UTC),
        end=datetime.datetime(2030, 3, 10, 17, 0, tzinfo=UTC),
        time_zone="Asia/Baghdad",
    )
    html = client.get(page.url).content.decode()

    assert '<time datetime="2030-03-10T18:00:00+03:00">March 10, 2030, 6 p.m.</time>' in html
    assert '<time datetime="2030-03-10T20:00:00+03:00">8 p.m.</time>' in html
    assert "(Asia/Baghdad)" in html
