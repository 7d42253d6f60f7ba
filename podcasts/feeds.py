"""The RSS 2.0 feed of a podcast show, one per language edition, built with feedgen.

feedgen's podcast extension writes the ``itunes:`` tags Apple Podcasts and Spotify require
(author, owner, image, category, explicit, type; per item duration, episode, season, episode
type, image); ``PodcastIndexExtension`` below adds the Podcasting 2.0 ``podcast:`` basics that
feedgen lacks (``podcast:guid``, ``podcast:locked``, ``podcast:transcript``). Only episodes
readers may see (``PodcastShowPage.episodes``) and that have audio are listed.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from .models import format_duration

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ARTWORK_FILTER = "fill-1400x1400|format-jpeg"


def _modern_explicit(element):
    """feedgen accepts only the legacy yes/no for ``itunes:explicit``; Apple's specification
    now asks for true/false (feedparser and the directories read both)."""
    for explicit in element.iter(f"{{{ITUNES_NS}}}explicit"):
        explicit.text = {"yes": "true", "no": "false"}.get(explicit.text, explicit.text)


class PodcastIndexExtension(BaseExtension):
    """Channel-level ``podcast:guid`` and ``podcast:locked``."""

    def __init__(self):
        self.guid = None
        self.locked = None
        self.owner_email = None

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]
        _modern_explicit(rss_feed)
        if self.guid:
            etree.SubElement(channel, f"{{{PODCAST_NS}}}guid").text = self.guid
        if self.locked is not None:
            locked = etree.SubElement(channel, f"{{{PODCAST_NS}}}locked")
            locked.text = "yes" if self.locked else "no"
            if self.owner_email:
                locked.set("owner", self.owner_email)
        return rss_feed


class PodcastIndexEntryExtension(BaseEntryExtension):
    """Item-level ``podcast:transcript`` (a link to the episode's transcript)."""

    def __init__(self):
        self.transcripts = []

    def extend_rss(self, entry):
        _modern_explicit(entry)
        for url, mime_type, language in self.transcripts:
            element = etree.SubElement(entry, f"{{{PODCAST_NS}}}transcript")
            element.set("url", url)
            element.set("type", mime_type)
            element.set("language", language)
            if mime_type == "text/vtt":
                element.set("rel", "captions")
        return entry


def _absolute(request, url):
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def _artwork_url(request, image):
    if image is None:
        return None
    return _absolute(request, image.get_rendition(ARTWORK_FILTER).url)


def _pub_date(episode):
    """The episode's date at noon UTC (the brief's date has no time), or its first
    publication time."""
    if episode.date:
        return datetime.datetime.combine(episode.date, datetime.time(12), tzinfo=datetime.UTC)
    return episode.first_published_at or timezone.now()


def build_feed(show, request):
    """The feed of ``show`` (one language edition) as RSS 2.0 bytes."""
    language = show.locale.language_code
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension)
    show_url = _absolute(request, show.get_url(request=request))
    feed.title(show.title)
    # feedgen writes the last link given as the channel's <link>: the show page.
    feed.link(href=f"{show_url}feed/", rel="self")
    feed.link(href=show_url, rel="alternate")
    feed.description(show.description or show.title)
    feed.language(language)
    if show.copyright:
        feed.copyright(show.copyright)
    feed.generator("Wagtail podcasts (feedgen)")
    artwork = _artwork_url(request, show.artwork)
    if artwork:
        feed.image(url=artwork, title=show.title, link=show_url)
        feed.podcast.itunes_image(artwork)
    feed.podcast.itunes_author(show.author)
    feed.podcast.itunes_owner(name=show.owner_name, email=show.owner_email)
    category, _sep, subcategory = show.category.partition("/")
    feed.podcast.itunes_category(category, subcategory or None)
    feed.podcast.itunes_explicit("yes" if show.explicit else "no")
    feed.podcast.itunes_type(show.show_type)
    feed.podcast.itunes_summary(show.description)
    feed.podcastindex.guid = show.podcast_guid
    feed.podcastindex.locked = show.feed_locked
    feed.podcastindex.owner_email = show.owner_email

    episodes = [episode for episode in show.episodes() if episode.audio_id]
    # feedgen prepends each added entry; add oldest first so the feed lists newest first.
    for episode in reversed(episodes):
        audio = episode.audio
        entry = feed.add_entry()
        url = _absolute(request, episode.get_url(request=request))
        entry.title(episode.title)
        entry.link(href=url)
        # The translation key is shared by the editions and never changes: a stable GUID
        # per episode and language, whatever the page's slug or title becomes.
        entry.guid(f"urn:uuid:{episode.translation_key}:{language}", permalink=False)
        entry.pubDate(_pub_date(episode))
        entry.description(episode.summary or strip_tags(episode.subtitle) or episode.title)
        entry.enclosure(
            _absolute(request, audio.url),
            str(audio.file_size or 0),
            audio.mime_type or "audio/mpeg",
        )
        entry.podcast.itunes_duration(format_duration(audio.duration))
        entry.podcast.itunes_explicit("yes" if episode.explicit else "no")
        entry.podcast.itunes_episode_type(episode.episode_type)
        if episode.episode_number:
            entry.podcast.itunes_episode(episode.episode_number)
        if episode.season:
            entry.podcast.itunes_season(episode.season)
        image = _artwork_url(request, episode.hero_image or audio.poster)
        if image:
            entry.podcast.itunes_image(image)
        if episode.transcript:
            entry.podcastindex.transcripts.append((f"{url}#transcript", "text/html", language))
        if audio.captions:
            entry.podcastindex.transcripts.append(
                (_absolute(request, audio.captions_url), "text/vtt", audio.captions_language)
            )
    return feed.rss_str(pretty=True)


def podcast_feed_response(show, request):
    """The feed as an HTTP response (``application/rss+xml``)."""
    with translation.override(show.locale.language_code):
        body = build_feed(show, request)
    return HttpResponse(body, content_type="application/rss+xml; charset=utf-8")
