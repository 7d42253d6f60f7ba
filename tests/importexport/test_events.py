"""The "event" record kind: import, Arabic translation, export -> import -> export
identity, idempotence and refusal of bad records."""

import datetime
import json

import pytest
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from events.models import EventPage, EventType
from tests.support.imports import archive, brief, empty_database, run, snapshot

pytestmark = pytest.mark.django_db

UTC = datetime.UTC

EXPERT = {
    "kind": "expert",
    "id": "e-henderson",
    "name": "Simon Henderson",
    "short_bio": "Simon Henderson directs the Gulf and energy policy program.",
}
FORUM = {
    "kind": "event",
    "id": "ev-1",
    "type": "Policy Forum",
    "title": "Gulf Security After the Truce",
    "slug": "gulf-security-after-truce",
    "start": "2030-11-04T12:00:00-05:00",
    "end": "2030-11-04T13:30:00-05:00",
    "time_zone": "America/New_York",
    "summary": "Two former officials and a scholar weigh the truce.",
    "venue": "The Institute, Washington",
    "address": "1111 19th Street NW\nWashington, DC",
    "online_url": "https://live.example.org/gulf",
    "join_link_lead_minutes": 15,
    "registration_url": "https://register.example.org/gulf",
    "speakers": [
        {"expert": "e-henderson"},
        {"name": "Jane Guest", "affiliation": "Former Ambassador"},
        {"name": "Moderating Host", "role": "moderator"},
    ],
    "regions": ["Gulf States"],
    "issues": ["Military & Security"],
    "body_html": "<h2>About</h2><p>The forum asks whether the truce holds.</p>",
    "report_html": "<p>The speakers agreed the truce is fragile.</p>",
    "related": ["gulf-brief"],
}
FORUM_AR = {
    "kind": "event",
    "id": "ev-1",
    "locale": "ar",
    "translation_of": "ev-1",
    "title": "أمن الخليج بعد الهدنة",
    "slug": "amn-alkhalij",
    "summary": "مسؤولان سابقان وباحث يقيّمون الهدنة.",
    "venue": "المعهد، واشنطن",
    "body_html": "<h2>عن المنتدى</h2><p>يسأل المنتدى هل تصمد الهدنة.</p>",
    "report_html": "<p>اتفق المتحدثون على أن الهدنة هشة.</p>",
}


def records():
    return [EXPERT, brief("Gulf brief", id="gulf-brief", regions=["Gulf States"]), FORUM, FORUM_AR]


def test_event_record_becomes_an_event_page_with_speakers_and_translation(tmp_path, client):
    code, out, _ = run("import_analysis", archive(tmp_path, records()))
    assert code == 0, out

    page = EventPage.objects.get(slug="gulf-security-after-truce")
    assert page.live and page.event_type.name == "Policy Forum"
    assert page.start == datetime.datetime(2030, 11, 4, 17, 0, tzinfo=UTC)
    assert page.end == datetime.datetime(2030, 11, 4, 18, 30, tzinfo=UTC)
    assert (page.time_zone, page.join_link_lead_minutes) == ("America/New_York", 15)
    rows = [
        (row.expert.title if row.expert else row.name, row.affiliation, row.role)
        for row in page.speakers.order_by("sort_order")
    ]
    assert rows == [
        ("Simon Henderson", "", "speaker"),
        ("Jane Guest", "Former Ambassador", "speaker"),
        ("Moderating Host", "", "moderator"),
    ]
    assert [r.name for r in page.regions.all()] == ["Gulf States"]
    assert page.related.raw_data[0]["value"]["items"] == [Page.objects.get(slug="gulf-brief").pk]
    assert "fragile" in page.report

    arabic = EventPage.objects.get(translation_key=page.translation_key, locale__language_code="ar")
    assert (arabic.live, arabic.title, arabic.venue) == (True, FORUM_AR["title"], FORUM_AR["venue"])
    assert arabic.start == page.start  # synchronized
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    total, done = Translation.objects.get(source=source, target_locale=arabic.locale).get_progress()
    assert total == done
    html = client.get("/ar/events/amn-alkhalij/").content.decode()
    assert FORUM_AR["summary"] in html and FORUM_AR["venue"] in html


def test_events_export_import_export_gives_identical_files(tmp_path):
    run("import_analysis", archive(tmp_path, records()))
    first = tmp_path / "one" / "export.jsonl"
    code, out, _ = run("export_analysis", first)
    assert code == 0, out
    exported = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    forum = next(r for r in exported if r["kind"] == "event" and r["locale"] == "en")
    assert forum["start"] == "2030-11-04T12:00:00-05:00"
    assert forum["speakers"] == FORUM["speakers"]
    assert forum["related"] == ["gulf-brief"]
    assert {(r["kind"], r["locale"]) for r in exported if r["kind"] == "event"} == {
        ("event", "en"),
        ("event", "ar"),
    }
    event_type = next(r for r in exported if r.get("vocabulary") == "event_type")
    assert event_type["name"] == "Policy Forum"

    # Into an empty database: the same file again, and a second import changes nothing.
    empty_database()
    code, out, _ = run("import_analysis", first)
    assert code == 0, out
    second = tmp_path / "two" / "export.jsonl"
    run("export_analysis", second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    before = snapshot()
    code, out, _ = run("import_analysis", first)
    assert snapshot() == before
    event_rows = [line for line in out.splitlines() if line.startswith("event")]
    assert [line.split()[-4:] for line in event_rows] == [["0", "0", "1", "0"]] * 2


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"start": "2030-11-04T12:00:00"}, "start needs a UTC offset"),
        ({"time_zone": "Mars/Olympus"}, "time_zone 'Mars/Olympus' is not an IANA time zone"),
        ({"end": "2030-11-04T11:00:00-05:00"}, "end is before start"),
        ({"speakers": [{"expert": "nobody"}]}, "speaker 'nobody' is not an expert record"),
        ({"speakers": [{"expert": "e-henderson", "name": "X"}]}, "not both or neither"),
        ({"online_url": "javascript:alert(1)"}, "online_url is not an http(s) URL"),
        ({"start": None}, "start required"),
    ],
)
def test_bad_event_records_are_rejected_and_change_nothing(tmp_path, change, reason):
    code, out, _ = run("import_analysis", archive(tmp_path, [EXPERT, {**FORUM, **change}]))
    assert code == 1
    assert "REJECTED line 2 (id 'ev-1')" in out and reason in out
    assert not EventPage.objects.exists()
    assert not EventType.objects.exists()
