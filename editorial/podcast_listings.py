"""Admin → Podcast episodes and Admin → Videos: the podcasts app's items on the desk.

Episodes and videos are briefs (``BriefPage`` subclasses), so they are also rows of the
analysis listing; their own listings add what only they have: the show and episode number,
the guests and hosts, the speakers.
"""

from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from django_filters import DateFromToRangeFilter, ModelMultipleChoiceFilter
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import BulkActionsColumn
from wagtail.admin.views.pages.listing import PageFilterSet

from core.localization import default_locale
from core.models import Issue, Region
from podcasts.models import EpisodeGuest, EpisodePage, PodcastShowPage, VideoPage, VideoSpeaker

from .desk import DeskContent, register_desk_content
from .listings import (
    DeskIndexView,
    DeskListing,
    ExpertFilter,
    StatusFilter,
    TermChoiceFilter,
    TranslationStateFilter,
    default_locale_terms,
    people_reader,
    status_column,
    term_reader,
    title_column,
    updated_column,
)


def show_choices(request):
    """The shows of the default language edition, by title."""
    return PodcastShowPage.objects.filter(locale=default_locale()).order_by("title")


class ShowFilter(ModelMultipleChoiceFilter):
    """Episodes of the chosen shows (episodes of every edition point at the show's edition
    in their language or at the source one: matched through the translation key)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", show_choices)
        kwargs.setdefault("widget", CheckboxSelectMultiple)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(show__translation_key__in=[show.translation_key for show in value])


def read_episode_numbers(pages):
    """``desk_number``: "S2 E14", "E3" or "" (no query)."""
    for page in pages:
        parts = []
        if page.season:
            parts.append(_("S%(season)s") % {"season": page.season})
        if page.episode_number:
            parts.append(_("E%(number)s") % {"number": page.episode_number})
        page.desk_number = " ".join(str(part) for part in parts)


class EpisodeFilterSet(PageFilterSet):
    """Filters of the podcast episodes listing."""

    show = ShowFilter(label=_("Show"))
    expert = ExpertFilter(label=_("Guest or host"), people_model=EpisodeGuest)
    status = StatusFilter(label=_("Status"))
    date = DateFromToRangeFilter(label=_("Publication date"), widget=DateRangePickerWidget)
    translation = TranslationStateFilter()

    class Meta:
        model = EpisodePage
        fields = []


class VideoFilterSet(PageFilterSet):
    """Filters of the videos listing."""

    regions = TermChoiceFilter(label=_("Region or country"), queryset=default_locale_terms(Region))
    issues = TermChoiceFilter(label=_("Issue"), queryset=default_locale_terms(Issue))
    expert = ExpertFilter(label=_("Speaker"), people_model=VideoSpeaker)
    status = StatusFilter(label=_("Status"))
    date = DateFromToRangeFilter(label=_("Publication date"), widget=DateRangePickerWidget)
    translation = TranslationStateFilter()

    class Meta:
        model = VideoPage
        fields = []


class EpisodeIndexView(DeskIndexView):
    """The episodes listing: show, number and guests besides the desk's own columns."""

    readers = (
        term_reader("show", PodcastShowPage, attribute="desk_show"),
        read_episode_numbers,
        people_reader(EpisodeGuest, "desk_people"),
    )


class VideoIndexView(DeskIndexView):
    """The videos listing: speakers besides the desk's own columns."""

    readers = (people_reader(VideoSpeaker, "desk_people"),)


TAIL_EXPORT = [
    "locale.language_code",
    "status_string",
    "desk_translation",
    "desk_last_editor",
    "latest_revision_created_at",
    "url_path",
]
TAIL_HEADINGS = {
    "title": _("Title"),
    "date": _("Date"),
    "locale.language_code": _("Language"),
    "status_string": _("Status"),
    "desk_translation": _("Translation"),
    "desk_last_editor": _("Last edited by"),
    "latest_revision_created_at": _("Updated"),
    "url_path": _("Path in the page tree"),
}


def tail_columns():
    return [
        status_column(),
        Column("desk_translation", label=_("Translation"), width="12%"),
        Column("desk_last_editor", label=_("Last edited by"), width="10%"),
        updated_column(),
    ]


class EpisodesListing(DeskListing):
    """Admin → Podcast episodes: every episode of every show and language edition."""

    model = EpisodePage
    index_view_class = EpisodeIndexView
    icon = "microphone"
    menu_label = _("Podcast episodes")
    menu_order = 140
    add_to_admin_menu = True
    name = "episodes"
    filterset_class = EpisodeFilterSet
    ordering = "-date"
    columns = [
        BulkActionsColumn("bulk_actions"),
        title_column(),
        DateColumn("date", label=_("Date"), sort_key="date", width="9%"),
        Column("desk_show", label=_("Show"), width="12%"),
        Column("desk_number", label=_("Episode"), width="7%"),
        Column("desk_people", label=_("Guests and hosts"), width="14%"),
        *tail_columns(),
    ]
    list_export = ["title", "date", "desk_show", "desk_number", "desk_people", *TAIL_EXPORT]
    export_headings = {
        **TAIL_HEADINGS,
        "desk_show": _("Show"),
        "desk_number": _("Episode"),
        "desk_people": _("Guests and hosts"),
    }
    export_filename = "podcast-episodes"


class VideosListing(DeskListing):
    """Admin → Videos: every video item of every language edition."""

    model = VideoPage
    index_view_class = VideoIndexView
    icon = "media"
    menu_label = _("Videos")
    menu_order = 150
    add_to_admin_menu = True
    name = "videos"
    filterset_class = VideoFilterSet
    ordering = "-date"
    columns = [
        BulkActionsColumn("bulk_actions"),
        title_column(),
        DateColumn("date", label=_("Date"), sort_key="date", width="9%"),
        Column("desk_people", label=_("Speakers"), width="18%"),
        *tail_columns(),
    ]
    list_export = ["title", "date", "desk_people", *TAIL_EXPORT]
    export_headings = {**TAIL_HEADINGS, "desk_people": _("Speakers")}
    export_filename = "videos"


episodes_listing = EpisodesListing()
videos_listing = VideosListing()

EPISODES = register_desk_content(DeskContent(model=EpisodePage, viewset=episodes_listing))
VIDEOS = register_desk_content(DeskContent(model=VideoPage, viewset=videos_listing))
