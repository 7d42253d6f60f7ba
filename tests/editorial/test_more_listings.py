"""The desk's listings of events, podcast episodes and videos (issue 16), the Arabic-edition
filter on every listing, and the dashboard panels that now include the new types."""

import csv
import datetime
import io
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.operations import translate_object

from tests.editorial.test_listings import rows, titles
from tests.support import events, factories, media

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def content(tree):
    knights = factories.expert("Michael Knights")
    stroul = factories.expert("Dana Stroul")
    forum = events.event_type("Policy Forum", "policy-forum")
    webinar = events.event_type("Webinar", "webinar")
    iraq = factories.region("Iraq")
    events.event(
        "Iraq after the elections",
        type=forum,
        speakers=[knights],
        regions=[iraq],
        start=datetime.datetime(2030, 3, 1, 12, tzinfo=NEW_YORK),
    )
    events.event(
        "Syria's reconstruction",
        type=webinar,
        speakers=[stroul],
        guests=[("Jane Guest", "Former Ambassador")],
        start=datetime.datetime(2030, 5, 1, 12, tzinfo=NEW_YORK),
    )
    show = media.show()
    other = media.show("Other Voices", "other-voices")
    media.episode(show, "Militias on air", number=7, season=2, guests=[knights, "A Host"])
    media.episode(other, "Budget talk", number=3, season=None, guests=[stroul])
    media.video("Policy Forum: Iraq", date=datetime.date(2024, 6, 1))
    return {"experts": (knights, stroul), "shows": (show, other), "types": (forum, webinar)}


def test_events_listing_shows_start_type_and_speakers(client, superuser, content):
    client.force_login(superuser)
    response = client.get(reverse("events:index"))
    assert response.status_code == 200
    assert titles(response) == ["Syria's reconstruction", "Iraq after the elections"]
    syria = rows(response)[0]
    assert "Webinar" in syria
    assert "Dana Stroul, Jane Guest" in syria
    assert "Arabic: not started" in syria


def test_events_filters_by_type_speaker_region_and_start(client, superuser, content):
    client.force_login(superuser)
    url = reverse("events:index")
    knights, _stroul = content["experts"]
    forum, _webinar = content["types"]
    assert titles(client.get(url, {"event_type": forum.pk})) == ["Iraq after the elections"]
    assert titles(client.get(url, {"expert": knights.pk})) == ["Iraq after the elections"]
    iraq = factories.region("Iraq")
    assert titles(client.get(url, {"regions": iraq.pk})) == ["Iraq after the elections"]
    assert titles(client.get(url, {"start_from": "2030-04-01", "start_to": "2030-06-01"})) == [
        "Syria's reconstruction"
    ]


def test_episodes_listing_shows_show_number_and_guests(client, superuser, content):
    client.force_login(superuser)
    response = client.get(reverse("episodes:index"), {"ordering": "title"})
    assert titles(response) == ["Budget talk", "Militias on air"]
    budget, militias = rows(response)
    assert "Other Voices" in budget and "E3" in budget and "Dana Stroul" in budget
    assert "Near East PolicyCast" in militias
    assert "S2 E7" in militias
    assert "Michael Knights, A Host" in militias


def test_episodes_filter_by_show_and_guest(client, superuser, content):
    client.force_login(superuser)
    url = reverse("episodes:index")
    show, _other = content["shows"]
    _knights, stroul = content["experts"]
    assert titles(client.get(url, {"show": show.pk})) == ["Militias on air"]
    assert titles(client.get(url, {"expert": stroul.pk})) == ["Budget talk"]


def test_videos_listing_and_its_csv_export(client, superuser, content):
    client.force_login(superuser)
    url = reverse("videos:index")
    assert titles(client.get(url)) == ["Policy Forum: Iraq"]
    response = client.get(url, {"export": "csv"})
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert table[0][:4] == ["Title", "Date", "Speakers", "Language"]
    assert table[1][:2] == ["Policy Forum: Iraq", "2024-06-01"]


@pytest.mark.parametrize(
    ("listing", "submitted"),
    [
        ("analysis", "Basra's water"),
        ("experts", "Michael Knights"),
        ("events", "Iraq after the elections"),
    ],
)
def test_arabic_edition_filter(client, superuser, tree, listing, submitted):
    """One page of each listing submitted for translation (in progress), the others never
    submitted (not started)."""
    knights = factories.expert("Michael Knights")
    factories.expert("Dana Stroul")
    factories.brief("Basra's water", authors=[knights])
    factories.brief("Militias and the state", authors=[knights])
    events.event("Iraq after the elections", speakers=[knights])
    events.event("Syria's reconstruction")
    page = Page.objects.get(title=submitted).specific
    translate_object(page, [factories.arabic()])  # a draft Arabic edition, not translated
    client.force_login(superuser)
    url = reverse(f"{listing}:index")
    assert titles(client.get(url, {"translation": "in_progress"})) == [submitted]
    not_started = titles(client.get(url, {"translation": "not_started"}))
    assert submitted not in not_started
    assert len(not_started) == 1


def test_bad_arabic_edition_value_is_reported_not_a_500(client, superuser, content):
    client.force_login(superuser)
    response = client.get(reverse("events:index"), {"translation": "finished"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Select a valid choice." in soup.select_one("#filters-drilldown").get_text()


def test_new_listings_are_in_the_main_menu(client, editor, content):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for name, label in [
        ("events", "Events"),
        ("episodes", "Podcast episodes"),
        ("videos", "Videos"),
    ]:
        assert reverse(f"{name}:index") in html and label in html


def test_dashboard_panels_include_events_and_episodes(client, superuser, content):
    client.force_login(superuser)
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    published = soup.select_one("[id^=desk-recently-published]").get_text(" ")
    assert "Syria's reconstruction" in published
    assert "Militias on air" in published
    assert "Podcast episode" in published
    assert reverse("events:index") + "?status=live" in str(
        soup.select_one("[id^=desk-recently-published]")
    )
