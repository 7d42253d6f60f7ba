"""The "media", "podcast_show", "episode" and "video" record kinds, and an event's recording:
import with Arabic editions, export -> import into an empty site -> the same pages and the
same file, idempotent re-import, nulls read as absent, bad records refused."""

import json

import pytest
from wagtail.models import Page

from events.models import EventPage
from importexport.models import ImportedRecord
from podcasts.models import EpisodePage, MediaItem, PodcastShowPage, VideoPage
from podcasts.samples import tone_wav, webvtt
from policyanalysis.models import BriefPage
from tests.support.imports import archive, brief, empty_database, run, snapshot

pytestmark = pytest.mark.django_db

EXPERT = {
    "kind": "expert",
    "id": "e-knights",
    "name": "Michael Knights",
    "short_bio": "Michael Knights studies Iraq's security forces.",
}
AUDIO = {
    "kind": "media",
    "id": "m-ep1",
    "title": "PolicyCast 1 audio",
    "media_type": "audio",
    "file": "audio/episode-1.wav",
    "captions": "audio/episode-1.vtt",
}
HOSTED = {
    "kind": "media",
    "id": "m-ep2",
    "title": "PolicyCast 2 audio",
    "media_type": "audio",
    "url": "https://cdn.example.org/policycast/episode-2.mp3",
    "file_size": 24_117_248,
    "duration": 1507.5,
}
FORUM_VIDEO = {
    "kind": "media",
    "id": "m-forum",
    "title": "Policy forum video",
    "media_type": "video",
    "url": "https://www.youtube.com/watch?v=abcdefghijk",
    "poster": "photos/chart.png",
}
SHOW = {
    "kind": "podcast_show",
    "id": "policycast",
    "title": "Near East PolicyCast",
    "slug": "policycast",
    "description": "Conversations on U.S. policy in the Middle East.",
    "artwork": "photos/portrait.png",
    "author": "The Policy Institute",
    "owner_name": "Communications Team",
    "owner_email": "podcast@example.org",
    "category": "News/Politics",
    "show_type": "episodic",
    "feed_locked": True,
    "copyright": "© The Policy Institute",
}
SHOW_AR = {
    "kind": "podcast_show",
    "id": "policycast",
    "locale": "ar",
    "translation_of": "policycast",
    "title": "بودكاست الشرق الأدنى",
    "slug": "policycast-ar",
    "description": "حوارات حول السياسة الأمريكية في الشرق الأوسط.",
    "author": "معهد السياسات",
}
EPISODE = brief(
    "Iraq's Militias After the Election",
    id="ep-1",
    kind="episode",
    slug="policycast-iraq-militias",
    type="Podcast",
    authors=["e-knights"],
    show="policycast",
    audio="m-ep1",
    season=2,
    episode_number=14,
    episode_type="full",
    explicit=False,
    guests=[
        {"expert": "e-knights"},
        {"name": "Lina Haddad", "affiliation": "University of Baghdad"},
        {"name": "Host Name", "role": "host"},
    ],
    transcript_html="<p>Host: Welcome back.</p><p>Knights: Thank you.</p>",
)
EPISODE_AR = {
    "kind": "episode",
    "id": "ep-1",
    "locale": "ar",
    "translation_of": "ep-1",
    "title": "الميليشيات العراقية بعد الانتخابات",
    "slug": "militias-ar",
    "summary": "ملخص الحلقة.",
    "body_html": "<h2>عنوان</h2><p>ملاحظات الحلقة.</p>",
    "transcript_html": "<p>المضيف: أهلاً بكم.</p><p>نايتس: شكراً.</p>",
}
EPISODE_2 = brief(
    "The Gulf and the Truce",
    id="ep-2",
    kind="episode",
    type="Podcast",
    date="2021-04-01",
    show="policycast",
    audio="m-ep2",
    season=2,
    episode_number=15,
    episode_type="bonus",
    explicit=True,
    recommended=["ep-1"],
)
VIDEO = brief(
    "Policy Forum: Iraq After the Vote",
    id="v-1",
    kind="video",
    type="Video",
    video="m-forum",
    speakers=[{"expert": "e-knights"}, {"name": "Moderator Name", "role": "moderator"}],
    transcript_html="<p>A rapporteur's summary.</p>",
    recommended=["ep-1", "ep-2"],
)
EVENT = {
    "kind": "event",
    "id": "ev-1",
    "type": "Policy Forum",
    "title": "Iraq After the Vote",
    "start": "2021-05-04T12:00:00-04:00",
    "end": "2021-05-04T13:30:00-04:00",
    "speakers": [{"expert": "e-knights"}],
    "recording": "m-forum",
    "recording_url": "https://www.youtube.com/watch?v=abcdefghijk",
    "report_html": "<p>The speakers agreed.</p>",
    "related": ["v-1"],
}


def _files(tmp_path):
    (tmp_path / "audio").mkdir(exist_ok=True)
    (tmp_path / "audio" / "episode-1.wav").write_bytes(tone_wav(1.5))
    (tmp_path / "audio" / "episode-1.vtt").write_text(
        webvtt([(0, 1.5, "Host: Welcome back.")]), encoding="utf-8"
    )


def records():
    return [
        EXPERT, AUDIO, HOSTED, FORUM_VIDEO, SHOW, SHOW_AR, EPISODE, EPISODE_AR, EPISODE_2,
        VIDEO, EVENT,
    ]  # fmt: skip


def _import(tmp_path, lines=None):
    _files(tmp_path)
    code, out, _ = run("import_analysis", archive(tmp_path, lines or records()))
    assert code == 0, out
    return out


def _episode_facts(page):
    audio = page.audio
    return {
        "show": page.show.slug,
        "numbers": (page.season, page.episode_number, page.episode_type, page.explicit),
        "audio": (audio.title, audio.type, audio.mime_type, audio.file_size, audio.duration),
        "captions": bool(audio.captions),
        "guests": [
            (row.expert.title if row.expert_id else row.name, row.affiliation, row.role)
            for row in page.guests.order_by("sort_order")
        ],
        "transcript": page.transcript,
        "type": page.publication_type.name,
        "authors": [row.expert.title for row in page.authors.order_by("sort_order")],
    }


def test_records_become_media_show_episodes_video_and_recording(tmp_path, client):
    _import(tmp_path)

    show = PodcastShowPage.objects.get(slug="policycast")
    assert (
        show.live and show.category == "News/Politics" and show.owner_email == SHOW["owner_email"]
    )
    assert show.artwork is not None
    episode = EpisodePage.objects.get(slug="policycast-iraq-militias")
    wav = len(tone_wav(1.5))
    assert _episode_facts(episode) == {
        "show": "policycast",
        "numbers": (2, 14, "full", False),
        "audio": ("PolicyCast 1 audio", "audio", "audio/wav", wav, 1.5),
        "captions": True,
        "guests": [
            ("Michael Knights", "", "guest"),
            ("Lina Haddad", "University of Baghdad", "guest"),
            ("Host Name", "", "host"),
        ],
        "transcript": "<p>Host: Welcome back.</p><p>Knights: Thank you.</p>",
        "type": "Podcast",
        "authors": ["Michael Knights"],
    }
    second = EpisodePage.objects.get(episode_number=15)
    assert (second.audio.external_url, second.audio.mime_type, second.audio.file_size) == (
        HOSTED["url"],
        "audio/mpeg",
        24_117_248,
    )
    assert (second.audio.duration, second.episode_type, second.explicit) == (1507.5, "bonus", True)
    assert list(second.recommended.raw_data)[0]["value"]["items"] == [episode.pk]
    video = VideoPage.objects.get(title=VIDEO["title"])
    assert video.video.is_embed and video.video.poster is not None
    assert [(r.name or r.expert.title, r.role) for r in video.speakers.order_by("sort_order")] == [
        ("Michael Knights", "speaker"),
        ("Moderator Name", "moderator"),
    ]
    event = EventPage.objects.get(title="Iraq After the Vote")
    assert event.recording_id == video.video_id
    # Episodes and videos are briefs of their own type, not plain briefs beside them.
    assert BriefPage.objects.filter(title=EPISODE["title"]).get().specific_class is EpisodePage

    arabic = EpisodePage.objects.get(locale__language_code="ar")
    assert arabic.live and arabic.translation_key == episode.translation_key
    assert arabic.transcript == EPISODE_AR["transcript_html"]
    assert arabic.audio_id == episode.audio_id and arabic.show_id == episode.show_id
    show_ar = PodcastShowPage.objects.get(locale__language_code="ar")
    assert (show_ar.live, show_ar.description) == (True, SHOW_AR["description"])

    html = client.get(episode.url).content.decode()
    assert 'class="media-player__audio"' in html and "Lina Haddad" in html
    feed = client.get(show.url + "feed/")
    assert feed.status_code == 200
    assert feed.content.decode().count("<enclosure") == 2


def test_export_import_export_gives_the_same_pages_and_file(tmp_path):
    _import(tmp_path)
    first = tmp_path / "one" / "export.jsonl"
    code, out, _ = run("export_analysis", first)
    assert code == 0, out
    exported = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    kinds = [(r["kind"], r["locale"]) for r in exported if r["kind"] not in ("term", "expert")]
    assert kinds == [
        ("media", "en"),
        ("media", "en"),
        ("media", "en"),
        ("podcast_show", "en"),
        ("episode", "en"),
        ("episode", "en"),
        ("video", "en"),
        ("event", "en"),
        ("podcast_show", "ar"),
        ("episode", "ar"),
    ]
    by_id = {(r["kind"], r["id"], r["locale"]): r for r in exported}
    episode = by_id[("episode", "ep-1", "en")]
    assert (episode["show"], episode["audio"], episode["guests"]) == (
        "policycast",
        "m-ep1",
        EPISODE["guests"],
    )
    assert by_id[("video", "v-1", "en")]["recommended"] == ["ep-1", "ep-2"]
    assert by_id[("event", "ev-1", "en")]["recording"] == "m-forum"
    audio = by_id[("media", "m-ep1", "en")]
    assert audio["file"].startswith("media/") and audio["captions"].endswith(".vtt")
    hosted = by_id[("media", "m-ep2", "en")]
    assert {k: hosted[k] for k in ("url", "mime_type", "file_size", "duration")} == {
        "url": HOSTED["url"],
        "mime_type": "audio/mpeg",
        "file_size": 24_117_248,
        "duration": 1507.5,
    }
    before = {
        "episode": _episode_facts(EpisodePage.objects.get(slug="policycast-iraq-militias")),
        "pages": sorted(Page.objects.filter(depth__gt=2).values_list("url_path", "title")),
    }

    empty_database()
    assert not MediaItem.objects.exists()
    code, out, _ = run("import_analysis", first)
    assert code == 0, out
    after = {
        "episode": _episode_facts(EpisodePage.objects.get(slug="policycast-iraq-militias")),
        "pages": sorted(Page.objects.filter(depth__gt=2).values_list("url_path", "title")),
    }
    assert after == before
    second = tmp_path / "two" / "export.jsonl"
    run("export_analysis", second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")

    # Idempotent: the same file again changes nothing.
    rows = snapshot() | {"media": MediaItem.objects.count()}
    code, out, _ = run("import_analysis", first)
    assert code == 0, out
    assert snapshot() | {"media": MediaItem.objects.count()} == rows
    counted = {
        label: row
        for label, row in _counts(out).items()
        if label.split()[0] in ("media", "podcast_show", "episode", "video")
    }
    unchanged = {"media": 3, "podcast_show": 1, "podcast_show (ar)": 1, "episode": 2}
    unchanged |= {"episode (ar)": 1, "video": 1}
    assert counted == {label: ["0", "0", str(n), "0"] for label, n in unchanged.items()}


def _counts(out):
    """{kind label: [created, updated, unchanged, rejected]} from the import's summary."""
    rows = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) > 4 and all(part.isdigit() for part in parts[-4:]):
            rows[" ".join(parts[:-4])] = parts[-4:]
    return rows


def test_nulls_are_read_as_absent(tmp_path):
    with_nulls = {
        **EPISODE,
        "season": None,
        "episode_number": None,
        "audio": None,
        "guests": None,
        "transcript_html": None,
    }
    without = {k: v for k, v in with_nulls.items() if v is not None}
    _import(tmp_path, [EXPERT, SHOW, with_nulls])
    page = EpisodePage.objects.get()
    assert (page.season, page.episode_number, page.audio_id, page.transcript) == (
        None,
        None,
        None,
        "",
    )
    assert page.guests.count() == 0
    code, out, _ = run("import_analysis", archive(tmp_path, [EXPERT, SHOW, without]))
    assert code == 0, out
    assert _counts(out)["episode"] == ["0", "0", "1", "0"]


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({**HOSTED, "file": "audio/episode-1.wav"}, "give file (a path) or url, not both"),
        (
            {**HOSTED, "locale": "ar", "translation_of": "m-ep2"},
            "media records are not translated",
        ),
        ({**HOSTED, "url": "ftp://example.org/a.mp3"}, "url is not an http(s) URL"),
        ({**AUDIO, "file": "audio/missing.wav"}, "file 'audio/missing.wav' not found"),
        ({**AUDIO, "file": "audio/not-audio.mp3"}, "file: This file is not a readable"),
        ({**SHOW, "owner_email": "nobody"}, "owner_email is not an email address"),
        ({**SHOW, "category": "Comedy"}, "category"),
        ({**EPISODE, "show": "no-such-show"}, "show 'no-such-show' is not a podcast_show record"),
        ({**EPISODE, "audio": "no-such-media"}, "audio 'no-such-media' is not a media record"),
        ({**EPISODE, "show": None}, "show required"),
        ({**EPISODE, "guests": [{"expert": "nobody"}]}, "author 'nobody' is not an expert"),
        (
            {**VIDEO, "recommended": [], "video": "no-such-media"},
            "video 'no-such-media' is not a media record",
        ),
        (
            {**EVENT, "related": [], "recording": "no-such-media"},
            "recording 'no-such-media' is not a media record",
        ),
    ],
)
def test_bad_records_are_rejected_and_change_nothing(tmp_path, bad, reason):
    _files(tmp_path)
    (tmp_path / "audio" / "not-audio.mp3").write_bytes(b"<html>not audio</html>")
    before = snapshot() | {"media": MediaItem.objects.count()}
    lines = [EXPERT, HOSTED if bad["kind"] == "podcast_show" else SHOW, bad]
    code, out, _ = run("import_analysis", archive(tmp_path, lines))
    assert code == 1
    assert f"REJECTED line 3 (id {bad['id']!r})" in out and reason in out, out
    kind = bad["kind"]
    assert not ImportedRecord.objects.filter(kind=kind, source_id=bad["id"]).exists()
    assert not EpisodePage.objects.exists() and not VideoPage.objects.exists()
    assert not EventPage.objects.exists()
    if kind == "podcast_show":
        assert not PodcastShowPage.objects.exists()
    else:
        assert not MediaItem.objects.exists()
    assert snapshot()["terms"] == before["terms"]
