"""Builders for podcasts and video: real generated WAV files, shows, episodes, videos."""

import datetime
import itertools

from django.core.files.base import ContentFile

from podcasts.models import EpisodeGuest, EpisodePage, MediaItem, PodcastShowPage, VideoPage
from podcasts.samples import tone_wav, webvtt
from tests.support import factories

_counter = itertools.count(1)


def audio(title="Episode audio", seconds=2.0, captions=None, **fields):
    """An uploaded WAV file in the media library (MIME type, size, duration read from it)."""
    n = next(_counter)
    item = MediaItem(title=title, type="audio", **fields)
    item.file = ContentFile(tone_wav(seconds), name=f"episode-{n}.wav")
    if captions:
        item.captions = ContentFile(webvtt(captions).encode(), name=f"episode-{n}.vtt")
    item.full_clean()
    item.save()
    return item


def show(title="Near East PolicyCast", slug="policycast", publish=True, **fields):
    home = factories.home_page()
    factories.site_tree()
    page = PodcastShowPage(
        title=title,
        slug=slug,
        description=fields.pop("description", "Conversations on U.S. policy in the Middle East."),
        author=fields.pop("author", "The Policy Institute"),
        owner_name=fields.pop("owner_name", "Communications Team"),
        owner_email=fields.pop("owner_email", "podcast@example.org"),
        artwork=fields.pop("artwork", None) or factories.image("artwork", 1400, 1400),
        **fields,
    )
    home.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    page.refresh_from_db()
    return page


def episode(
    show_page,
    title=None,
    *,
    number=None,
    season=1,
    media=None,
    guests=(),
    publish=True,
    transcript="<p>Host: Welcome to the show.</p>",
    **fields,
):
    """A podcast episode (a brief of type Podcast) under /policy-analysis/."""
    _, _, analysis = factories.site_tree()
    n = next(_counter)
    title = title or f"Episode {n}"
    page = EpisodePage(
        title=title,
        slug=fields.pop("slug", None) or f"episode-{n}",
        date=fields.pop("date", None) or datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        publication_type=factories.publication_type("Podcast", "podcast"),
        summary=fields.pop("summary", f"Summary of {title}."),
        body=[("paragraph", f"<p>Show notes of {title}.</p>")],
        show=show_page,
        season=season,
        episode_number=number if number is not None else n,
        audio=media if media is not None else audio(f"{title} audio"),
        transcript=transcript,
        **fields,
    )
    page.guests = [
        EpisodeGuest(expert=guest, sort_order=i)
        if not isinstance(guest, str)
        else EpisodeGuest(name=guest, sort_order=i)
        for i, guest in enumerate(guests)
    ]
    analysis.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    page.refresh_from_db()
    return page


def video(title="Policy Forum: Iraq after the elections", *, media=None, publish=True, **fields):
    _, _, analysis = factories.site_tree()
    n = next(_counter)
    page = VideoPage(
        title=title,
        slug=fields.pop("slug", None) or f"video-{n}",
        date=fields.pop("date", None) or datetime.date(2024, 6, 1),
        publication_type=factories.publication_type("Video", "video"),
        summary="A policy forum.",
        video=media,
        transcript=fields.pop("transcript", "<p>Moderator: Good afternoon.</p>"),
        **fields,
    )
    analysis.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    page.refresh_from_db()
    return page
