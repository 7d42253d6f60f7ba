"""/api/v1/events/: typed lists and details, upcoming/past by the clock, filters, by-path,
bad input and hidden events."""

import datetime

import pytest
import time_machine

from headless_api import schemas
from tests.support import events, factories

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2030, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def programme(tree):
    iraq = factories.region("Iraq", "iraq")
    karl = factories.expert("Karl Kaltenthaler", slug="karl-kaltenthaler")
    brief = factories.brief("Iraq brief", regions=[iraq])
    with time_machine.travel(NOW - datetime.timedelta(days=60), tick=False):
        forum = events.event(
            "Iraq forum",
            slug="iraq-forum",
            start=NOW + datetime.timedelta(days=2),
            time_zone="Asia/Baghdad",
            regions=[iraq],
            speakers=[karl],
            guests=[("Jane Guest", "Former Ambassador")],
            venue="Institute Boardroom",
            online_url="https://live.example.org/iraq",
            join_link_lead_minutes=30,
            registration_url="https://register.example.org/iraq",
            related=[("recommended", {"heading": "Related analysis", "items": [brief]})],
        )
        webinar = events.event(
            "Iran webinar",
            slug="iran-webinar",
            start=NOW - datetime.timedelta(days=2),
            type=events.event_type("Webinar", "webinar"),
            recording_url="https://video.example.org/iran",
            report="<p>The speakers agreed.</p>",
        )
        events.event("Draft forum", start=NOW + datetime.timedelta(days=3), publish=False)
    return {"forum": forum, "webinar": webinar, "karl": karl}


def get(client, url):
    with time_machine.travel(NOW, tick=False):
        return client.get(url)


def test_list_gives_upcoming_or_past_cards_that_match_the_schema(client, programme):
    upcoming = get(client, "/api/v1/events/").json()
    past = get(client, "/api/v1/events/?when=past").json()

    schemas.EventList.model_validate(upcoming)
    schemas.EventList.model_validate(past)
    assert [item["title"] for item in upcoming["items"]] == ["Iraq forum"]
    assert [item["title"] for item in past["items"]] == ["Iran webinar"]
    card = upcoming["items"][0]
    assert card["start"] == "2030-06-03T15:00:00+03:00"
    assert (card["time_zone"], card["status"], card["in_person"], card["online"]) == (
        "Asia/Baghdad",
        "upcoming",
        True,
        True,
    )
    assert card["type"] == {"slug": "policy-forum", "label": "Policy Forum"}
    assert card["regions"] == [{"slug": "iraq", "label": "Iraq"}]


def test_filters_narrow_the_list_and_unknown_values_are_a_422(client, programme):
    by_expert = get(client, "/api/v1/events/?expert=karl-kaltenthaler").json()
    by_type = get(client, "/api/v1/events/?when=past&type=webinar").json()
    wrong = get(client, "/api/v1/events/?type=no-such-type")
    bad_year = get(client, "/api/v1/events/?year=abc")
    bad_when = get(client, "/api/v1/events/?when=soon")

    assert [item["title"] for item in by_expert["items"]] == ["Iraq forum"]
    assert [item["title"] for item in by_type["items"]] == ["Iran webinar"]
    assert (wrong.status_code, bad_year.status_code, bad_when.status_code) == (422, 422, 422)
    assert wrong.json()["detail"] == [
        {"parameter": "type", "message": "Unknown slug(s): no-such-type."}
    ]


def test_detail_hides_the_join_link_until_it_opens(client, programme):
    forum = programme["forum"]
    before = get(client, f"/api/v1/events/{forum.pk}/").json()
    with time_machine.travel(forum.start - datetime.timedelta(minutes=30), tick=False):
        opened = client.get(f"/api/v1/events/{forum.pk}/").json()

    schemas.EventDetail.model_validate(before)
    assert before["online_access"] == {"opens_at": "2030-06-03T14:30:00+03:00", "url": None}
    assert opened["online_access"]["url"] == "https://live.example.org/iraq"
    assert before["registration"] == {
        "open": True,
        "closed": False,
        "url": "https://register.example.org/iraq",
    }
    assert [(s["name"], s["affiliation"], bool(s["expert"])) for s in before["speakers"]] == [
        ("Karl Kaltenthaler", "Senior Fellow", True),
        ("Jane Guest", "Former Ambassador", False),
    ]
    assert before["after"] is None
    assert [card["title"] for card in before["related"]["items"]][0] == "Iraq brief"
    assert before["ics_url"].endswith("/events/iraq-forum/ical/")


def test_past_event_gives_its_recording_and_report(client, programme):
    webinar = get(client, f"/api/v1/events/{programme['webinar'].pk}/").json()

    assert webinar["status"] == "past"
    assert webinar["after"] == {
        "recording_url": "https://video.example.org/iran",
        "recording": None,
        "report": "<p>The speakers agreed.</p>",
    }
    assert webinar["registration"]["url"] is None


def test_by_path_returns_the_event(client, programme):
    response = get(client, "/api/v1/pages/by-path/?path=/events/iraq-forum/")
    data = response.json()
    assert response.status_code == 200
    assert (data["type"], data["page"]["title"]) == ("event", "Iraq forum")


def test_draft_event_is_unknown_everywhere(client, programme):
    from events.models import EventPage

    draft = EventPage.objects.get(title="Draft forum")
    assert get(client, f"/api/v1/events/{draft.pk}/").status_code == 404
    assert get(client, f"/api/v1/pages/by-path/?path={draft.url_path[5:]}").status_code == 404
    listed = get(client, "/api/v1/events/?limit=100").json()
    assert "Draft forum" not in [item["title"] for item in listed["items"]]


def test_past_event_gives_its_recorded_media(client, programme):
    from tests.support import media

    webinar = programme["webinar"]
    item = media.audio("Webinar recording", seconds=1.0)
    webinar.recording = item
    webinar.save_revision().publish()
    after = get(client, f"/api/v1/events/{webinar.pk}/").json()["after"]
    assert after["recording"] == {
        "media_type": "audio",
        "enclosure": {
            "url": f"http://localhost{item.url}",
            "length": item.file_size,
            "type": "audio/wav",
        },
        "embed_url": None,
        "duration": 1.0,
        "poster": None,
        "captions": None,
    }
    schemas.EventDetail.model_validate(get(client, f"/api/v1/events/{webinar.pk}/").json())
    html = get(client, webinar.url).content.decode()
    assert 'class="media-player__audio"' in html and f'src="{item.url}"' in html


def test_taxonomy_lists_event_types_with_counts_of_public_events(client, programme):
    data = get(client, "/api/v1/taxonomy/").json()
    counts = {term["slug"]: (term["label"], term["count"]) for term in data["event_types"]}
    # The draft forum is not counted.
    assert counts == {"policy-forum": ("Policy Forum", 1), "webinar": ("Webinar", 1)}
