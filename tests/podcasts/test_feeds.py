"""The podcast feed: parses, carries what podcast directories require, lists only what readers
may see."""

import feedparser
import pytest
from lxml import etree

from tests.support import factories, media

pytestmark = pytest.mark.django_db

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"


@pytest.fixture
def show(tree):
    return media.show()


def fetch(client, show):
    response = client.get(f"{show.url}feed/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return response.content


def test_feed_parses_and_has_every_tag_directories_require(client, show):
    expert = factories.expert("Dana Stroul")
    media.episode(show, "Gulf security after the truce", number=1, guests=[expert])
    media.episode(show, "Iraq's elections", number=2, guests=["A Visiting Scholar"])
    body = fetch(client, show)

    parsed = feedparser.parse(body)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    channel = parsed.feed
    assert channel.title == "Near East PolicyCast"
    assert channel.language == "en"
    assert channel.image.href.startswith("http://") and channel.image.href.endswith(".jpg")
    assert [tag.term for tag in channel.tags] == ["Government"]

    xml = etree.fromstring(body)
    channel_xml = xml.find("channel")
    assert channel_xml.findtext(f"{{{ITUNES}}}author") == "The Policy Institute"
    owner = channel_xml.find(f"{{{ITUNES}}}owner")
    assert [owner.findtext(f"{{{ITUNES}}}{tag}") for tag in ("name", "email")] == [
        "Communications Team",
        "podcast@example.org",
    ]
    assert channel_xml.findtext(f"{{{ITUNES}}}type") == "episodic"
    assert channel_xml.findtext(f"{{{ITUNES}}}explicit") == "false"
    assert [item.findtext(f"{{{ITUNES}}}explicit") for item in xml.iter("item")] == ["false"] * 2
    assert channel_xml.findtext(f"{{{PODCAST}}}guid") == show.podcast_guid
    locked = channel_xml.find(f"{{{PODCAST}}}locked")
    assert (locked.text, locked.get("owner")) == ("yes", "podcast@example.org")

    assert [entry.title for entry in parsed.entries] == [
        "Iraq's elections",
        "Gulf security after the truce",
    ]
    guids = [entry.id for entry in parsed.entries]
    assert len(set(guids)) == 2
    for entry, item in zip(parsed.entries, xml.iter("item"), strict=True):
        (enclosure,) = entry.enclosures
        assert enclosure.type == "audio/wav"
        assert int(enclosure.length) > 30_000  # two seconds of 8 kHz 16-bit WAV
        assert enclosure.href.startswith("http://testserver/audio-video/")
        assert entry.itunes_duration == "0:02"
        assert entry.published_parsed is not None
        assert item.findtext(f"{{{ITUNES}}}season") == "1"
        transcript = item.find(f"{{{PODCAST}}}transcript")
        assert (
            transcript.get("url")
            == f"http://testserver{entry.link[len('http://testserver') :]}#transcript"
        )
        assert transcript.get("type") == "text/html"
    assert [item.findtext(f"{{{ITUNES}}}episode") for item in xml.iter("item")] == ["2", "1"]


def test_every_enclosure_answers_head_and_a_range_with_its_length_and_type(client, show):
    """What podcast directories check of each enclosure before they list a show."""
    media.episode(show, "First", number=1)
    media.episode(show, "Second", number=2, media=media.audio("Longer", seconds=3.0))
    parsed = feedparser.parse(fetch(client, show))
    assert len(parsed.entries) == 2
    for entry in parsed.entries:
        (enclosure,) = entry.enclosures
        path = enclosure.href.removeprefix("http://testserver")
        head = client.head(path)
        assert (head.status_code, head["Content-Length"], head["Content-Type"]) == (
            200,
            enclosure.length,
            enclosure.type,
        )
        ranged = client.get(path, headers={"Range": "bytes=0-1"})
        assert (ranged.status_code, ranged["Content-Range"]) == (
            206,
            f"bytes 0-1/{enclosure.length}",
        )
        assert b"".join(ranged.streaming_content) == b"RI"  # a WAV file starts "RIFF"


def test_episode_guid_survives_a_new_title_and_slug(client, show):
    episode = media.episode(show, "Before")
    (before,) = feedparser.parse(fetch(client, show)).entries
    episode.title, episode.slug = "After", "after"
    episode.save_revision().publish()
    (after,) = feedparser.parse(fetch(client, show)).entries
    assert (after.title, after.id) == ("After", before.id)


def test_drafts_private_and_audio_less_episodes_stay_out_of_the_feed(client, show):
    media.episode(show, "Published")
    media.episode(show, "Draft", publish=False)
    factories.make_private(media.episode(show, "Private"))
    expired = media.episode(show, "Unpublished later")
    expired.unpublish()
    no_audio = media.episode(show, "No audio yet")
    no_audio.audio = None
    no_audio.save_revision().publish()
    titles = [entry.title for entry in feedparser.parse(fetch(client, show)).entries]
    assert titles == ["Published"]


def test_draft_show_has_no_feed(client, tree):
    draft = media.show(publish=False)
    assert client.get("/policycast/feed/").status_code == 404
    assert draft.live is False


def test_show_page_lists_its_visible_episodes_and_links_the_feed(client, show):
    media.episode(show, "Published episode")
    media.episode(show, "Draft episode", publish=False)
    html = client.get(show.url).content.decode()
    assert "Published episode" in html
    assert "Draft episode" not in html
    assert f'href="{show.url}feed/" type="application/rss+xml"' in html
