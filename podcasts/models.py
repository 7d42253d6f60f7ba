"""Podcast shows and episodes, video items, and the audio/video they play.

- ``MediaItem`` is the site's audio/video library entry (wagtailmedia's model with what a feed
  and an accessible player need: MIME type, size, duration, a poster image, WebVTT captions,
  or an external URL instead of an upload).
- ``PodcastShowPage`` is a series (``/podcasts/<show>/``) with its RSS feed per language.
- ``EpisodePage`` and ``VideoPage`` are briefs (``BriefPage`` subclasses, multi-table
  inheritance): every listing, filter, card, Recommended block, expert page and the API that
  read ``BriefPage.objects.for_readers`` show them with no change, under their publication type
  ("Podcast", "Video"); their own rows add the media, guests or speakers and the transcript.
"""

import posixpath
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtailmedia.edit_handlers import MediaChooserPanel
from wagtailmedia.models import AbstractMedia

from core.localization import PAGE_TRANSLATABLE_FIELDS, visible_editions
from core.models import RoutedPageMixin
from core.panels import RowsInlinePanel
from core.preview import HeadlessPreviewMixin
from policyanalysis.models import BriefPage

from .inspection import MediaRefused, check_webvtt, guess_mime_type, inspect_media

TRANSCRIPT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class MediaItem(AbstractMedia):
    """An audio or video file in the media library, or an external one by URL."""

    file = models.FileField(
        _("file"),
        upload_to="media",
        blank=True,
        help_text=_("Upload the audio or video file, or give its external URL below."),
    )
    external_url = models.URLField(
        _("external URL"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Instead of an upload: the file's address at a podcast host (an .mp3 URL), "
            "or a YouTube or Vimeo page, played through the site's embeds."
        ),
    )
    mime_type = models.CharField(
        _("MIME type"),
        max_length=100,
        blank=True,
        help_text=_("Read from the file; for an external file, from its address (audio/mpeg)."),
    )
    file_size = models.PositiveBigIntegerField(
        _("file size in bytes"),
        null=True,
        blank=True,
        help_text=_("Read from the file; for an external file, podcast apps need its size."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For video: the picture shown before it plays. For audio: episode artwork."),
    )
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to="media_captions",
        blank=True,
        help_text=_("A .vtt file of captions or subtitles, offered by the player."),
    )
    captions_language = models.CharField(
        _("captions language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
    )

    admin_form_fields = (
        "title",
        "file",
        "external_url",
        "collection",
        "duration",
        "file_size",
        "width",
        "height",
        "poster",
        "captions",
        "captions_language",
        "tags",
    )

    class Meta(AbstractMedia.Meta):
        verbose_name = _("audio or video")
        verbose_name_plural = _("audio and video")

    def clean(self):
        if not self.file and not self.external_url:
            raise ValidationError(
                {"file": _("Upload a file or give the external URL of one.")}, code="required"
            )
        if self.file and self.external_url:
            raise ValidationError(
                {"external_url": _("Give either an upload or an external URL, not both.")},
                code="invalid",
            )
        if self.captions and not getattr(self.captions, "_committed", True):
            try:
                check_webvtt(self.captions)
            except MediaRefused as error:
                raise ValidationError({"captions": str(error)}, code="invalid") from None
        if self.file and not getattr(self.file, "_committed", True):
            try:
                self.read_file_facts()
            except MediaRefused as error:
                raise ValidationError({"file": str(error)}, code="invalid") from None
        if not self.duration:
            self.duration = 0

    def read_file_facts(self):
        """Fill MIME type, duration and size from the uploaded file (raises MediaRefused)."""
        mime_type, duration, size = inspect_media(self.file, self.file.name, self.type)
        self.mime_type = mime_type
        self.file_size = size
        if duration:
            self.duration = round(duration, 3)

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True) and not self.mime_type:
            self.read_file_facts()
        if self.external_url and not self.mime_type:
            self.mime_type = guess_mime_type(self.external_url)
        super().save(*args, **kwargs)

    @property
    def url(self):
        """Where a player or podcast app fetches the file (the site's byte-range view for
        uploads, the external address otherwise)."""
        if self.file:
            return reverse("podcasts:media_file", args=(self.pk, self.filename))
        return self.external_url

    @property
    def captions_url(self):
        """Where a player fetches the captions: the site's view, which serves them only while
        a page readers may see plays the item (as the media file itself), or ""."""
        if not self.captions:
            return ""
        return reverse(
            "podcasts:media_captions", args=(self.pk, posixpath.basename(self.captions.name))
        )

    @property
    def is_embed(self):
        """An external page (YouTube, Vimeo) rather than a media file: played by its embed."""
        return bool(self.external_url) and not self.mime_type

    @property
    def sources(self):
        return [{"src": self.url, "type": self.mime_type or "application/octet-stream"}]

    @property
    def duration_seconds(self):
        return round(self.duration or 0)


def format_duration(seconds):
    """``H:MM:SS`` or ``M:SS``, as podcast apps show (and ``itunes:duration`` accepts)."""
    seconds = round(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


class PodcastShowPage(RoutedPageMixin, RoutablePageMixin, HeadlessPreviewMixin, Page):
    """A podcast series: its page lists the episodes; ``feed/`` is its RSS feed for podcast
    apps (one per language edition)."""

    class ShowType(models.TextChoices):
        EPISODIC = "episodic", _("Episodic (newest first)")
        SERIAL = "serial", _("Serial (oldest first)")

    class Category(models.TextChoices):
        # Apple Podcasts categories ("Category/Subcategory"): what a think tank's shows use.
        GOVERNMENT = "Government", _("Government")
        NEWS_POLITICS = "News/Politics", _("News: Politics")
        NEWS = "News/News Commentary", _("News: News Commentary")
        SOCIETY = "Society & Culture", _("Society & Culture")
        HISTORY = "History", _("History")
        EDUCATION = "Education", _("Education")

    description = models.TextField(
        _("description"),
        max_length=4000,
        help_text=_("What the show is about, for the show page and podcast directories."),
    )
    artwork = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("artwork"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square JPEG or PNG, 1400 to 3000 pixels wide (what podcast apps require)."),
    )
    author = models.CharField(
        _("author"),
        max_length=255,
        help_text=_("Who makes the show, as podcast apps show it (the institute's name)."),
    )
    owner_name = models.CharField(
        _("owner name"),
        max_length=255,
        help_text=_(
            "The show's contact for podcast directories (in the feed as its owner); not shown to "
            "readers."
        ),
    )
    owner_email = models.EmailField(
        _("owner email"),
        help_text=_("Podcast directories write here to confirm ownership; not shown to readers."),
    )
    category = models.CharField(
        _("category"),
        max_length=100,
        choices=Category.choices,
        default=Category.GOVERNMENT,
        help_text=_(
            "The Apple Podcasts category written in the feed; directories file the show under it."
        ),
    )
    explicit = models.BooleanField(
        _("explicit"), default=False, help_text=_("Whether episodes contain explicit content.")
    )
    show_type = models.CharField(
        _("type"),
        max_length=10,
        choices=ShowType.choices,
        default=ShowType.EPISODIC,
        help_text=_(
            "Episodic (podcast apps show the newest first) or serial (in order from the first), "
            "written in the feed."
        ),
    )
    feed_locked = models.BooleanField(
        _("locked"),
        default=True,
        help_text=_("Tells podcast platforms not to import the feed without the owner's consent."),
    )
    copyright = models.CharField(
        _("copyright"),
        max_length=255,
        blank=True,
        help_text=_("The copyright line written in the feed, e.g. “© 2026 The Institute”."),
    )

    content_panels = [
        TitleFieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("artwork"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("owner_name"),
                FieldPanel("owner_email"),
                FieldPanel("copyright"),
            ],
            heading=_("Ownership"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("show_type"),
                FieldPanel("explicit"),
                FieldPanel("feed_locked"),
            ],
            heading=_("Podcast directories"),
        ),
    ]
    parent_page_types = None
    subpage_types = []
    api_fields = [APIField("description"), APIField("artwork"), APIField("author")]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    template = "podcasts/podcast_show_page.html"
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("description"),
        TranslatableField("author"),
        TranslatableField("copyright"),
        SynchronizedField("artwork"),
        SynchronizedField("owner_name", overridable=False),
        SynchronizedField("owner_email", overridable=False),
        SynchronizedField("category", overridable=False),
        SynchronizedField("explicit", overridable=False),
        SynchronizedField("show_type", overridable=False),
        SynchronizedField("feed_locked", overridable=False),
    ]

    class Meta:
        verbose_name = _("podcast show")

    def episodes(self):
        """The episodes readers may see in this show's language, in the show's order."""
        order = ("date", "pk") if self.show_type == self.ShowType.SERIAL else ("-date", "-pk")
        return (
            EpisodePage.objects.visible()
            .filter(locale_id=self.locale_id, show__translation_key=self.translation_key)
            .select_related("audio", "audio__poster", "hero_image")
            .order_by(*order)
        )

    @property
    def podcast_guid(self):
        """The ``podcast:guid`` of this edition's feed: a UUIDv5 of its address without the
        scheme, as the Podcasting 2.0 namespace specifies (stable while the address is)."""
        address = self.full_url or ""
        address = address.split("://", 1)[-1].rstrip("/") + "/feed/"
        return str(uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), address))

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import podcast_feed_response

        return podcast_feed_response(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = list(self.episodes())
        return context


class Speaker(Orderable):
    """One person heard in an episode or video: an expert (shown as an author card) or a
    guest named in free text."""

    class Role(models.TextChoices):
        GUEST = "guest", _("Guest")
        HOST = "host", _("Host")
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")

    expert = models.ForeignKey(
        "experts.ExpertPage",
        verbose_name=_("expert"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "One of the institute's experts, shown as an author card linking to the profile; or "
            "leave empty and type a guest's name."
        ),
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text=_("For a guest without an expert profile."),
    )
    affiliation = models.CharField(
        _("affiliation"),
        max_length=255,
        blank=True,
        help_text=_("For a guest: e.g. “Former U.S. Ambassador to Iraq”, shown under the name."),
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        default=Role.GUEST,
        help_text=_("Shown with the name on the episode or video page."),
    )

    panels = [
        FieldPanel("expert"),
        FieldPanel("name"),
        FieldPanel("affiliation"),
        FieldPanel("role"),
    ]
    api_fields = [APIField("expert"), APIField("name"), APIField("role")]

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        if not self.expert_id and not self.name:
            raise ValidationError({"name": _("Choose an expert or type a guest's name.")})

    def __str__(self):
        return self.name or str(self.expert)


def speaker_rows(page, relation):
    """A page's speakers in order, each with ``person`` (the expert in the page's language,
    None for a free-text guest); experts readers may not see are left out."""
    rows = sorted(
        getattr(page, relation).select_related("expert"),
        key=lambda row: (row.sort_order is None, row.sort_order or 0, row.pk or 0),
    )
    experts = [row.expert for row in rows if row.expert_id]
    people = iter(visible_editions(experts, page.locale))
    shown = []
    for row in rows:
        row.person = next(people) if row.expert_id else None
        if row.expert_id and row.person is None:
            continue
        shown.append(row)
    return shown


def media_brief_edit_handler(media_panels, people_panel, body_heading, image_heading):
    """The editor's tabs of an episode or video: the brief's, with the media panels after
    the summary, the transcript after the body, and the guests or speakers before the
    authors."""
    content = [
        TitleFieldPanel("title"),
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [FieldPanel("publication_type"), FieldPanel("date")], heading=_("Publication")
        ),
        FieldPanel("summary"),
        *media_panels,
        FieldPanel("body", heading=body_heading) if body_heading else FieldPanel("body"),
        FieldPanel("transcript"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading=image_heading,
            classname="collapsed",
        ),
        FieldPanel("recommended"),
    ]
    return TabbedInterface(
        [
            ObjectList(content, heading=_("Content")),
            ObjectList([people_panel, *BriefPage.authors_panels], heading=_("People & taxonomy")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )


class EpisodePage(BriefPage):
    """One podcast episode: a brief of type Podcast with its audio, guests and transcript."""

    class EpisodeType(models.TextChoices):
        FULL = "full", _("Full episode")
        TRAILER = "trailer", _("Trailer")
        BONUS = "bonus", _("Bonus")

    show = models.ForeignKey(
        PodcastShowPage,
        verbose_name=_("show"),
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The podcast this episode belongs to (and whose feed lists it)."),
    )
    season = models.PositiveSmallIntegerField(
        _("season"),
        null=True,
        blank=True,
        help_text=_(
            "Shown on the episode page and written in the feed; leave empty if the show has no "
            "seasons."
        ),
    )
    episode_number = models.PositiveIntegerField(
        _("episode number"),
        null=True,
        blank=True,
        help_text=_("Shown on the episode and show pages and written in the feed."),
    )
    episode_type = models.CharField(
        _("episode type"),
        max_length=10,
        choices=EpisodeType.choices,
        default=EpisodeType.FULL,
        help_text=_(
            "Written in the feed: podcast apps present trailers and bonus episodes apart from "
            "full ones."
        ),
    )
    audio = models.ForeignKey(
        MediaItem,
        verbose_name=_("audio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The episode's audio from the media library (upload or external URL)."),
    )
    explicit = models.BooleanField(
        _("explicit"),
        default=False,
        help_text=_(
            "Marks this episode as explicit in the feed (podcast apps may hide it from some "
            "listeners)."
        ),
    )
    transcript = RichTextField(
        _("transcript"),
        blank=True,
        features=TRANSCRIPT_FEATURES,
        help_text=_("Shown under the player in a section readers can open; linked from the feed."),
    )

    edit_handler = media_brief_edit_handler(
        [
            MultiFieldPanel(
                [
                    FieldPanel("show"),
                    MediaChooserPanel("audio", media_type="audio"),
                    FieldPanel("season"),
                    FieldPanel("episode_number"),
                    FieldPanel("episode_type"),
                    FieldPanel("explicit"),
                ],
                heading=_("Episode"),
            )
        ],
        RowsInlinePanel(
            "guests", label=_("Guest or host"), heading=_("Guests and hosts (in order)")
        ),
        body_heading=_("Show notes"),
        image_heading=_("Episode artwork"),
    )
    search_fields = [*BriefPage.search_fields, index.SearchField("transcript")]
    parent_page_types = ["policyanalysis.AnalysisIndexPage"]
    subpage_types = []
    api_fields = [
        *BriefPage.api_fields,
        APIField("show"),
        APIField("season"),
        APIField("episode_number"),
        APIField("audio"),
        APIField("transcript"),
        APIField("guests"),
    ]
    template = "podcasts/episode_page.html"
    translatable_fields = [
        *BriefPage.translatable_fields,
        TranslatableField("transcript"),
        SynchronizedField("show", overridable=False),
        SynchronizedField("season", overridable=False),
        SynchronizedField("episode_number", overridable=False),
        SynchronizedField("episode_type", overridable=False),
        SynchronizedField("explicit", overridable=False),
        # An Arabic edition may carry its own dubbed audio.
        SynchronizedField("audio"),
        SynchronizedField("guests", overridable=False),
    ]

    class Meta:
        verbose_name = _("podcast episode")
        verbose_name_plural = _("podcast episodes")

    @cached_property
    def speakers(self):
        return speaker_rows(self, "guests")

    @property
    def media(self):
        return self.audio

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["speakers"] = self.speakers
        context["media"] = self.audio
        show = self.show.localized if self.show_id else None
        context["show"] = show if show is not None and show.live else None
        return context


class EpisodeGuest(Speaker):
    page = ParentalKey(EpisodePage, on_delete=models.CASCADE, related_name="guests")

    class Meta(Speaker.Meta):
        verbose_name = _("guest")


class VideoPage(BriefPage):
    """A video item (a policy forum's recording, an interview): a brief of type Video with its
    video, speakers and transcript or rapporteur's summary."""

    video = models.ForeignKey(
        MediaItem,
        verbose_name=_("video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An uploaded video, or a YouTube or Vimeo URL, from the media library."),
    )
    transcript = RichTextField(
        _("transcript or summary"),
        blank=True,
        features=TRANSCRIPT_FEATURES,
        help_text=_("The transcript, or a rapporteur's summary of what was said."),
    )

    edit_handler = media_brief_edit_handler(
        [MediaChooserPanel("video", media_type="video")],
        RowsInlinePanel("speakers", label=_("Speaker"), heading=_("Speakers (in order)")),
        body_heading=None,
        image_heading=_("Hero image"),
    )
    search_fields = [*BriefPage.search_fields, index.SearchField("transcript")]
    parent_page_types = ["policyanalysis.AnalysisIndexPage"]
    subpage_types = []
    api_fields = [
        *BriefPage.api_fields,
        APIField("video"),
        APIField("transcript"),
        APIField("speakers"),
    ]
    template = "podcasts/video_page.html"
    translatable_fields = [
        *BriefPage.translatable_fields,
        TranslatableField("transcript"),
        SynchronizedField("video"),
        SynchronizedField("speakers", overridable=False),
    ]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    @property
    def media(self):
        return self.video

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["speakers"] = speaker_rows(self, "speakers")
        context["media"] = self.video
        return context


class VideoSpeaker(Speaker):
    page = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="speakers")

    class Meta(Speaker.Meta):
        verbose_name = _("speaker")
