"""Events: the calendar of policy forums, webinars and book launches.

The bottom of the app: the listing, the calendar export, the template tags and the hooks
import these models, never the reverse. Whether an event is upcoming or past is computed
from the clock when a page is read (``EventPage.is_upcoming``,
``EventPageQuerySet.upcoming``), never stored, so no cache or flag can keep a past event
under "Upcoming".

Times are stored as aware datetimes (UTC in the database) with the event's own time zone
beside them; editors type the local time of the event's place (see ``EventPageForm``) and
readers see it in that zone, with the ISO instant in ``<time datetime>``.
"""

import datetime
import zoneinfo
from functools import cache

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtailmedia.edit_handlers import MediaChooserPanel
from wagtailmedia.settings import wagtailmedia_settings

from core.blocks import BodyBlock
from core.forms import LocalizedChoicesPageForm
from core.localization import PAGE_TRANSLATABLE_FIELDS, visible_editions
from core.models import Issue, Region, RoutedPageMixin
from core.models.taxonomy import TaxonomyTerm
from core.panels import RowsInlinePanel
from core.preview import HeadlessPreviewMixin
from core.visibility import VisiblePageQuerySet
from core.vocabulary import linked_ids, localized_term, localized_terms
from policyanalysis.blocks import RecommendedStreamBlock

#: The zone new events start in; editors pick another per event.
DEFAULT_TIME_ZONE = "America/New_York"

#: Sub-paths of /events/ and of an event that serve calendars: no event may take them as slug.
RESERVED_SLUGS = {"ical"}

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


def join_link_lead():
    """How long before the start the join or livestream link is shown (the setting
    EVENTS_JOIN_LINK_LEAD_MINUTES, 60 by default); each event may override it."""
    return datetime.timedelta(minutes=int(getattr(settings, "EVENTS_JOIN_LINK_LEAD_MINUTES", 60)))


@cache
def time_zone_choices():
    """Every IANA zone the system knows, sorted, as form choices."""
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class EventType(TaxonomyTerm):
    """Policy Forum, Webinar, Book Launch… (editor-managed, translated like the other
    vocabularies; the slug is shared by every language and filters by it)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("event type")
        verbose_name_plural = _("event types")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_event_type_slug_per_locale"
            )
        ]


class EventPageForm(LocalizedChoicesPageForm):
    """Start and end are typed in the event's time zone, whatever the server's zone is;
    an end before the start, and the same expert twice, are refused."""

    class Meta(LocalizedChoicesPageForm.Meta):
        defer_required_on_fields = ["start", "event_type"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget = forms.Select(choices=time_zone_choices())
        zone = self.instance.zone
        for name in ("start", "end"):
            value = getattr(self.instance, name)
            if value is not None and name in self.fields:
                # A naive value is shown as it is: the wall-clock time at the event's place.
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"]
        if name not in zoneinfo.available_timezones():
            raise ValidationError(_("Choose a time zone from the list."))
        return name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("slug") in RESERVED_SLUGS:
            self.add_error(
                "slug",
                _("'%(slug)s' is the calendar's address; choose another slug.")
                % {"slug": cleaned["slug"]},
            )
        name = cleaned.get("time_zone")
        if name:
            zone = zoneinfo.ZoneInfo(name)
            for field in ("start", "end"):
                value = cleaned.get(field)
                if value is not None:
                    # Django read the typed time in the server's zone; it was meant in the
                    # event's zone.
                    wall_clock = timezone.make_naive(value)
                    cleaned[field] = wall_clock.replace(tzinfo=zone)
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The event cannot end before it starts."))
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get("speakers")
        seen = set()
        for form in formset.forms if formset is not None else []:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            expert = data.get("expert")
            if expert is None and not data.get("name"):
                if data:
                    form.add_error("name", _("Choose an expert or type a guest's name."))
                    valid = False
                continue
            if expert is not None:
                if expert.pk in seen:
                    form.add_error(
                        "expert",
                        _("%(name)s is already a speaker at this event.") % {"name": expert.title},
                    )
                    valid = False
                seen.add(expert.pk)
        return valid


class EventIndexPage(RoutedPageMixin, HeadlessPreviewMixin, RoutablePageMixin, Page):
    """/events/: upcoming events first (soonest first), then past events (newest first),
    filterable by type, region, issue, expert and year; /events/ical/ is the
    iCalendar feed of this edition's upcoming events."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Shown above the upcoming and past events on the events page, and sent by the API."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = None
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    api_fields = [APIField("intro")]
    template = "events/event_index_page.html"
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    class Meta:
        verbose_name = _("event index page")

    @path("ical/", name="feed")
    def calendar_feed(self, request):
        from .calendar import feed_response

        return feed_response(self, request)

    def feed_url(self, request=None):
        return f"{self.get_url(request=request)}ical/"


def upcoming_q(now=None):
    """The condition of events that have not ended at ``now`` (default: this instant). An
    event without an end time ends when it starts."""
    now = now or timezone.now()
    return models.Q(end__gt=now) | models.Q(end__isnull=True, start__gt=now)


class EventPageQuerySet(VisiblePageQuerySet):
    """Event querysets with the readers' rule and the clock."""

    def for_readers(self, locale):
        """The events of ``locale`` readers may see (see core.visibility)."""
        return self.visible().filter(locale=locale)

    def upcoming(self, now=None):
        """Events that have not ended at ``now`` (default: this instant), soonest first.
        An event without an end time ends when it starts."""
        return self.filter(upcoming_q(now)).order_by("start", "pk")

    def past(self, now=None):
        """Events that have ended at ``now``, the most recent first."""
        now = now or timezone.now()
        return self.filter(
            models.Q(end__lte=now) | models.Q(end__isnull=True, start__lte=now)
        ).order_by("-start", "-pk")


class EventPage(RoutedPageMixin, HeadlessPreviewMixin, RoutablePageMixin, Page):
    """One event: a policy forum, webinar, book launch…; /events/<slug>/ical/ is its calendar
    file (an .ics download)."""

    objects = PageManager.from_queryset(EventPageQuerySet)()

    event_type = models.ForeignKey(
        "events.EventType",
        verbose_name=_("event type"),
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Policy forum, webinar, book launch…: shown on the event and its card, and a filter "
            "of the events page."
        ),
    )
    start = models.DateTimeField(
        _("starts"),
        null=True,
        blank=False,
        db_index=True,
        help_text=_("Local time at the event's place, in the time zone below."),
    )
    end = models.DateTimeField(
        _("ends"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Local time in the event's time zone. Leave empty for an open end."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        help_text=_("Where the event happens (or is hosted from); readers see times in it."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,
        help_text=_("The teaser on listings and the meta description, one or two sentences."),
    )
    venue = models.CharField(
        _("venue"),
        max_length=255,
        blank=True,
        help_text=_("For an event in person: the building or room. Leave empty if online only."),
    )
    address = models.TextField(_("address"), blank=True, help_text=_("Street, city, country."))
    online_url = models.URLField(
        _("join or livestream URL"),
        blank=True,
        help_text=_(
            "For an event online. Shown to readers only from the lead time below before the "
            "start until the end."
        ),
    )
    join_link_lead_minutes = models.PositiveIntegerField(
        _("show the join link (minutes before start)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the site's default (EVENTS_JOIN_LINK_LEAD_MINUTES)."),
    )
    registration_url = models.URLField(
        _("registration URL"),
        blank=True,
        help_text=_(
            "Where readers register. Hidden once the event is past or registration is closed."
        ),
    )
    registration_closed = models.BooleanField(
        _("registration closed"),
        default=False,
        help_text=_("Shows 'Registration closed' instead of the registration link."),
    )
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Keeps the page, marks it cancelled, and tells calendars (STATUS:CANCELLED)."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("description"),
        help_text=_("What the event is about, shown on the event page."),
    )
    recording_url = models.URLField(
        _("recording URL"),
        blank=True,
        help_text=_("After the event: the video or audio (e.g. a YouTube, Vimeo or MP3 URL)."),
    )
    recording = models.ForeignKey(
        # The site's media model (WAGTAILMEDIA["MEDIA_MODEL"]), named by setting so the
        # events app does not import the podcasts app beside it.
        wagtailmedia_settings.MEDIA_MODEL,
        verbose_name=_("recording"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "After the event: its video or audio from the media library, played on the page."
        ),
    )
    report = RichTextField(
        _("summary or transcript"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("After the event: a rapporteur's summary or the transcript."),
    )
    regions = ParentalManyToManyField(
        "core.Region",
        verbose_name=_("regions and countries"),
        blank=True,
        related_name="+",
        help_text=_("Shown on the event page and filters of the events page and the API."),
    )
    issues = ParentalManyToManyField(
        "core.Issue",
        verbose_name=_("issues"),
        blank=True,
        related_name="+",
        help_text=_("Shown on the event page and filters of the events page and the API."),
    )
    related = StreamField(
        RecommendedStreamBlock(),
        blank=True,
        verbose_name=_("related analysis"),
        help_text=_("Briefs to read around the event; without one, none are shown."),
    )

    content_panels = [
        TitleFieldPanel("title"),
        FieldPanel("event_type"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("cancelled"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("online_url"),
                FieldPanel("join_link_lead_minutes"),
            ],
            heading=_("Where (in person and/or online)"),
        ),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("registration_closed")],
            heading=_("Registration"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    speaker_panels = [
        RowsInlinePanel(
            "speakers",
            label=_("Speaker"),
            heading=_("Speakers and moderator (in programme order)"),
        ),
        FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("issues", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related"),
    ]
    after_panels = [
        MediaChooserPanel("recording"),
        FieldPanel("recording_url"),
        FieldPanel("report"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(speaker_panels, heading=_("Speakers & topics")),
            ObjectList(after_panels, heading=_("After the event")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = EventPageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.SearchField("report"),
        index.FilterField("start"),
        index.FilterField("locale"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("summary"),
        APIField("venue"),
        APIField("address"),
        APIField("cancelled"),
        APIField("body"),
    ]
    template = "events/event_page.html"
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("summary"),
        TranslatableField("venue"),
        TranslatableField("address"),
        TranslatableField("body"),
        TranslatableField("report"),
        TranslatableField("related"),
        SynchronizedField("event_type", overridable=False),
        SynchronizedField("start", overridable=False),
        SynchronizedField("end", overridable=False),
        SynchronizedField("time_zone", overridable=False),
        SynchronizedField("online_url"),
        SynchronizedField("join_link_lead_minutes", overridable=False),
        SynchronizedField("registration_url"),
        SynchronizedField("registration_closed", overridable=False),
        SynchronizedField("cancelled", overridable=False),
        SynchronizedField("recording_url"),
        # An Arabic edition may carry its own dubbed recording.
        SynchronizedField("recording"),
        SynchronizedField("regions", overridable=False),
        SynchronizedField("issues", overridable=False),
        SynchronizedField("speakers", overridable=False),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    # --- time ----------------------------------------------------------------------------
    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone or DEFAULT_TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.zone) if self.start else None

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.zone) if self.end else None

    @property
    def ends_at(self):
        """When the event is over: its end, or its start when it has no end."""
        return self.end or self.start

    def is_upcoming(self, now=None):
        """Not over yet at ``now`` (default: this instant); the rule of
        ``EventPageQuerySet.upcoming``."""
        if self.ends_at is None:
            return False
        return self.ends_at > (now or timezone.now())

    def is_happening(self, now=None):
        now = now or timezone.now()
        return self.start is not None and self.start <= now < (self.ends_at or self.start)

    def join_link_opens_at(self):
        if self.start is None:
            return None
        lead = (
            datetime.timedelta(minutes=self.join_link_lead_minutes)
            if self.join_link_lead_minutes is not None
            else join_link_lead()
        )
        return self.start - lead

    def shows_join_link(self, now=None):
        """The join link is shown from the lead time before the start until the end, and
        never for a cancelled event."""
        now = now or timezone.now()
        opens = self.join_link_opens_at()
        return bool(
            self.online_url
            and not self.cancelled
            and opens is not None
            and opens <= now
            and self.is_upcoming(now)
        )

    def registration_open(self, now=None):
        return bool(
            self.registration_url
            and not self.registration_closed
            and not self.cancelled
            and self.is_upcoming(now)
        )

    @property
    def is_in_person(self):
        return bool(self.venue or self.address)

    @property
    def is_online(self):
        return bool(self.online_url)

    # --- people and topics ---------------------------------------------------------------
    def get_speakers(self):
        """Speaker rows in programme order, each with ``person`` (the expert's edition readers
        of this page may open, or None for a guest or a hidden profile) and ``display_name``.
        A speaker whose profile readers may not see keeps their name but loses the link."""
        if "speakers" in getattr(self, "_prefetched_objects_cache", {}):
            rows = list(self.speakers.all())
        else:
            rows = list(self.speakers.select_related("expert"))
        rows.sort(key=lambda row: (row.sort_order is None, row.sort_order or 0, row.pk or 0))
        experts = [row.expert for row in rows if row.expert_id]
        editions = iter(visible_editions(experts, self.locale))
        shown = []
        for row in rows:
            row.person = next(editions) if row.expert_id else None
            if row.expert_id and row.person is None:
                continue  # a hidden profile is never named
            row.display_name = row.person.title if row.person else row.name
            shown.append(row)
        return shown

    def get_taxonomy(self):
        """The type, regions and issues in the reader's language (one query: the kept
        vocabularies of core.vocabulary)."""
        linked = linked_ids(self, ["regions", "issues"])
        return {
            "type": localized_term(EventType, self.event_type_id, self.locale),
            "regions": localized_terms(Region, linked["regions"], self.locale),
            "issues": localized_terms(Issue, linked["issues"], self.locale),
        }

    # --- serving -------------------------------------------------------------------------
    @path("ical/", name="ics")
    def ics_view(self, request):
        from .calendar import event_response

        return event_response(self, request)

    def ics_url(self, request=None):
        return f"{self.get_url(request=request)}ical/"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        speakers = self.get_speakers()
        context.update(
            now=now,
            upcoming=self.is_upcoming(now),
            happening=self.is_happening(now),
            show_join_link=self.shows_join_link(now),
            registration_open=self.registration_open(now),
            speakers=[row for row in speakers if row.role == EventSpeaker.SPEAKER],
            moderators=[row for row in speakers if row.role == EventSpeaker.MODERATOR],
            taxonomy=self.get_taxonomy(),
        )
        return context


class EventSpeaker(Orderable):
    """A speaker or moderator of an event: an expert of the institute, or a guest by name
    (synchronized to translations; templates show the expert in the reader's language)."""

    SPEAKER = "speaker"
    MODERATOR = "moderator"
    ROLE_CHOICES = [(SPEAKER, _("Speaker")), (MODERATOR, _("Moderator"))]

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=ROLE_CHOICES,
        default=SPEAKER,
        help_text=_("Moderators are listed apart from the speakers on the event page."),
    )
    expert = models.ForeignKey(
        "experts.ExpertPage",
        verbose_name=_("expert"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_appearances",
        help_text=_("One of the institute's experts; or leave empty and type a guest's name."),
    )
    name = models.CharField(
        _("guest name"), max_length=255, blank=True, help_text=_("A guest without a profile.")
    )
    affiliation = models.CharField(
        _("guest affiliation"),
        max_length=255,
        blank=True,
        help_text=_("e.g. 'Former U.S. Ambassador to Iraq'."),
    )

    panels = [
        FieldPanel("role"),
        FieldPanel("expert"),
        FieldPanel("name"),
        FieldPanel("affiliation"),
    ]
    api_fields = [APIField("role"), APIField("expert"), APIField("name"), APIField("affiliation")]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")

    def __str__(self):
        return str(self.expert) if self.expert_id else self.name


class CalendarSequence(models.Model):
    """The iCalendar SEQUENCE of a published event: bumped each time a publish changes
    what calendars show (time, place, title, status), so subscribed calendars replace
    their copy. Kept beside the page, not on it, so revisions never roll it back."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="calendar_sequence"
    )
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("calendar sequence")

    def __str__(self):
        return f"{self.page_id}: {self.sequence}"
