"""The .ics files and the upcoming-events feed, read back with the icalendar package."""

import datetime
import zoneinfo

import pytest
import time_machine
from icalendar import Calendar

from tests.support import events, factories

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
BAGHDAD = zoneinfo.ZoneInfo("Asia/Baghdad")


def vevents(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_event_file_gives_the_right_instants_on_both_sides_of_a_dst_change(client, tree):
    # New York leaves daylight saving time at 02:00 on 3 November 2030: the same wall-clock
    # noon is 16:00 UTC before and 17:00 UTC after.
    before = events.event(
        "Before the change", start=datetime.datetime(2030, 11, 2, 12, 0, tzinfo=NEW_YORK)
    )
    after = events.event(
        "After the change", start=datetime.datetime(2030, 11, 4, 12, 0, tzinfo=NEW_YORK)
    )

    _calendar, [first] = vevents(client.get(before.url + "ical/"))
    _calendar, [second] = vevents(client.get(after.url + "ical/"))

    assert first["DTSTART"].params["TZID"] == "America/New_York"
    assert first.decoded("DTSTART").astimezone(UTC) == datetime.datetime(
        2030, 11, 2, 16, 0, tzinfo=UTC
    )
    assert first.decoded("DTEND").astimezone(UTC) == datetime.datetime(
        2030, 11, 2, 17, 30, tzinfo=UTC
    )
    assert second.decoded("DTSTART").astimezone(UTC) == datetime.datetime(
        2030, 11, 4, 17, 0, tzinfo=UTC
    )


def test_feed_carries_a_vtimezone_for_each_zone_with_both_offsets(client, tree):
    events.event("Washington forum", start=datetime.datetime(2030, 11, 2, 12, 0, tzinfo=NEW_YORK))
    events.event(
        "Baghdad roundtable",
        start=datetime.datetime(2030, 11, 5, 18, 0, tzinfo=BAGHDAD),
        time_zone="Asia/Baghdad",
    )

    calendar, found = vevents(client.get("/events/ical/"))

    zones = {tz["TZID"]: tz for tz in calendar.walk("VTIMEZONE")}
    assert sorted(zones) == ["America/New_York", "Asia/Baghdad"]
    new_york_offsets = {
        part["TZOFFSETTO"].to_ical() for part in zones["America/New_York"].subcomponents
    }
    assert {"-0400", "-0500"} <= new_york_offsets
    # Read back with the file's own VTIMEZONE: the instants are right.
    starts = {e["SUMMARY"]: e.decoded("DTSTART").astimezone(UTC) for e in found}
    assert starts == {
        "Washington forum": datetime.datetime(2030, 11, 2, 16, 0, tzinfo=UTC),
        "Baghdad roundtable": datetime.datetime(2030, 11, 5, 15, 0, tzinfo=UTC),
    }


def test_uid_survives_edits_and_sequence_counts_published_changes(client, tree):
    page = events.event("Gulf security forum", slug="gulf-security-forum")
    _cal, [first] = vevents(client.get(page.url + "ical/"))
    assert first["SEQUENCE"] == 0

    # A change calendars must pick up: new time and title, new slug.
    page.title = "Gulf security forum (new time)"
    page.slug = "gulf-security-forum-new-time"
    page.start = page.start + datetime.timedelta(hours=2)
    page.end = page.end + datetime.timedelta(hours=2)
    page.save_revision().publish()
    page.refresh_from_db()
    _cal, [second] = vevents(client.get(page.url + "ical/"))

    # Publishing again without a change calendars see leaves SEQUENCE alone.
    page.save_revision().publish()
    _cal, [third] = vevents(client.get(page.url + "ical/"))

    assert second["UID"] == first["UID"] == third["UID"]
    assert (second["SEQUENCE"], third["SEQUENCE"]) == (1, 1)
    assert second["SUMMARY"] == "Gulf security forum (new time)"


def test_cancelled_event_is_exported_as_cancelled_with_a_new_sequence(client, tree):
    page = events.event("Iran nuclear talks webinar")
    page.cancelled = True
    page.save_revision().publish()

    _cal, [event] = vevents(client.get(page.url + "ical/"))
    _cal, [in_feed] = vevents(client.get("/events/ical/"))

    assert (event["STATUS"], event["SEQUENCE"]) == ("CANCELLED", 1)
    assert in_feed["STATUS"] == "CANCELLED"


def test_feed_lists_only_upcoming_visible_events_of_its_language(client, tree):
    now = datetime.datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        events.event("Past forum", start=now - datetime.timedelta(days=3))
        events.event("Next forum", start=now + datetime.timedelta(days=3))
        events.event("Draft forum", start=now + datetime.timedelta(days=4), publish=False)
        private = events.event("Members forum", start=now + datetime.timedelta(days=5))
        factories.make_private(private)

        _calendar, found = vevents(client.get("/events/ical/"))

    assert [e["SUMMARY"] for e in found] == ["Next forum"]


def test_event_file_is_a_named_download_and_omits_the_join_link(client, tree):
    page = events.event(
        "Webinar on Iraq's elections",
        slug="iraq-elections-webinar",
        online_url="https://meet.example.org/secret-room",
        venue="Institute Board Room",
    )
    response = client.get(page.url + "ical/")
    _cal, [event] = vevents(response)

    assert response["Content-Disposition"] == 'attachment; filename="iraq-elections-webinar.ics"'
    assert event["LOCATION"] == "Institute Board Room / Online"
    assert b"secret-room" not in response.content
