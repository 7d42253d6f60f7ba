"""Episode and video pages as readers see them, and what the media library accepts."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from podcasts.models import MediaItem
from podcasts.samples import tone_wav
from tests.support import factories, media

pytestmark = pytest.mark.django_db


def test_episode_page_has_an_accessible_player_transcript_and_guest_cards(client, tree):
    show = media.show()
    expert = factories.expert("Dana Stroul", short_bio="Dana Stroul is director of research.")
    audio = media.audio("Episode 7", seconds=3.0, captions=[(0, 2, "Welcome.")])
    episode = media.episode(
        show, "Gulf security", number=7, media=audio, guests=[expert, "Hanin Ghaddar"]
    )
    page = client.get(episode.url).content.decode()
    assert '<audio class="media-player__audio" controls preload="metadata"' in page
    assert f'<source src="{audio.url}" type="audio/wav">' in page
    assert '<track kind="captions" src="' in page and 'srclang="en"' in page
    assert f'<a class="media-player__download" href="{audio.url}" download>' in page
    assert '<time datetime="PT0M3S">0:03</time>' in page
    assert '<details class="transcript" id="transcript">' in page
    assert "Host: Welcome to the show." in page
    assert "Dana Stroul is director of research." in page
    assert "<bdi>Hanin Ghaddar</bdi>" in page
    assert "Episode 7" in page
    assert f'href="{show.url}feed/"' in page


def test_video_page_plays_its_video_with_poster_and_captions(client, tree):
    poster = factories.image("poster", 1280, 720)
    item = MediaItem(title="Forum", type="video", external_url="https://example.org/forum.mp4")
    item.poster = poster
    item.save()
    video = media.video(media=item)
    page = client.get(video.url).content.decode()
    assert '<video class="media-player__video" controls preload="metadata" poster="' in page
    assert '<source src="https://example.org/forum.mp4" type="video/mp4">' in page
    assert "Moderator: Good afternoon." in page


def test_episodes_are_briefs_in_the_analysis_listing(client, tree):
    episode = media.episode(media.show(), "Listed episode")
    draft = media.episode(media.show(slug="other"), "Draft episode", publish=False)
    listing = client.get("/policy-analysis/").content.decode()
    assert "Listed episode" in listing
    assert draft.title not in listing
    assert episode.url.startswith("/policy-analysis/")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("talk.mp3", b"<html>not audio</html>", "This file is not a readable"),
        ("talk.exe", tone_wav(0.5), 'Files ending in ".exe" are not accepted'),
    ],
)
def test_media_library_refuses_files_that_are_not_audio(name, content, message):
    item = MediaItem(title="Bad", type="audio")
    item.file = ContentFile(content, name=name)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert message in error.value.message_dict["file"][0]


def test_captions_must_be_webvtt():
    item = MediaItem(title="Bad captions", type="audio", external_url="https://example.org/a.mp3")
    item.captions = ContentFile(b"1\n00:00:01,000 --> 00:00:02,000\nSRT\n", name="c.vtt")
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict["captions"] == [
        'This is not a WebVTT captions file: it must start with "WEBVTT".'
    ]


def test_upload_or_url_is_required():
    with pytest.raises(ValidationError) as error:
        MediaItem(title="Nothing", type="audio").full_clean()
    assert error.value.message_dict["file"] == ["Upload a file or give the external URL of one."]


def test_arabic_episode_is_rtl_with_arabic_chrome_and_its_own_feed(client, tree):
    from tests.support.translation import translate_and_publish

    show = media.show()
    episode = media.episode(show, "Gulf security", number=4)
    arabic_show = translate_and_publish(show)
    arabic = translate_and_publish(episode)
    page = client.get(arabic.url).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "النص الكامل" in page  # "Transcript"
    assert "نزّل الملف الصوتي" in page  # "Download the audio"
    assert f'href="{arabic_show.url}feed/"' in page
    feed = client.get(f"{arabic_show.url}feed/").content.decode()
    assert "<language>ar</language>" in feed
    assert f"<link>http://testserver{arabic.url}</link>" in feed
    assert f"<link>http://testserver{episode.url}</link>" not in feed
