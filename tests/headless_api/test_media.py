"""Podcast episodes and videos in the API: their media as enclosures, speakers, transcript,
show and feed, by id and by path; drafts stay unknown."""

import pytest

from podcasts.models import MediaItem
from tests.support import factories, media

pytestmark = pytest.mark.django_db


def test_episode_detail_carries_its_enclosure_captions_guests_and_show(client, tree):
    show = media.show()
    expert = factories.expert("Dana Stroul")
    audio = media.audio("Ep", seconds=2.0, captions=[(0, 1, "Hello.")])
    episode = media.episode(
        show, "Gulf security", number=3, season=2, media=audio, guests=[expert, "Hanin Ghaddar"]
    )
    data = client.get(f"/api/v1/analysis/{episode.pk}/").json()
    assert data["type"] == {"slug": "podcast", "label": "Podcast"}
    item = data["media"]
    assert item["kind"] == "episode"
    assert item["media_type"] == "audio"
    assert item["enclosure"] == {
        "url": f"http://localhost{audio.url}",
        "length": audio.file_size,
        "type": "audio/wav",
    }
    assert item["duration"] == 2.0
    assert item["captions"]["language"] == "en"
    assert item["captions"]["url"].endswith(".vtt")
    assert item["transcript"] == "<p>Host: Welcome to the show.</p>"
    assert [(s["name"], s["role"], s["expert_id"]) for s in item["speakers"]] == [
        ("Dana Stroul", "guest", expert.pk),
        ("Hanin Ghaddar", "guest", None),
    ]
    assert (item["season"], item["episode_number"], item["episode_type"]) == (2, 3, "full")
    assert item["show"]["title"] == "Near East PolicyCast"
    assert item["show"]["feed_url"] == "http://localhost/policycast/feed/"

    by_path = client.get("/api/v1/pages/by-path/", {"path": episode.url}).json()
    assert by_path["type"] == "analysis"
    assert by_path["page"]["media"] == item


def test_video_with_an_external_page_has_an_embed_url_and_no_enclosure(client, tree):
    item = MediaItem.objects.create(
        title="Forum", type="video", external_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    )
    video = media.video(media=item)
    data = client.get(f"/api/v1/analysis/{video.pk}/").json()["media"]
    assert data["kind"] == "video"
    assert (data["enclosure"], data["embed_url"]) == (
        None,
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
    )
    assert data["show"] is None


def test_plain_briefs_have_no_media_and_drafts_stay_unknown(client, tree):
    brief = factories.brief("Plain brief")
    assert client.get(f"/api/v1/analysis/{brief.pk}/").json()["media"] is None
    draft = media.episode(media.show(), "Draft", publish=False)
    assert client.get(f"/api/v1/analysis/{draft.pk}/").status_code == 404
    listing = client.get("/api/v1/analysis/").json()
    assert [card["title"] for card in listing["items"]] == ["Plain brief"]
