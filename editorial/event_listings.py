"""Admin → Events: every event of every language edition, on the desk like analysis.

Columns for what an events team scans (start, type, speakers), the desk's own (status, Arabic
edition, last editor, updated), filters by every vocabulary, speaker, status, start date range
and Arabic edition; CSV/Excel export of the filtered list; Wagtail's bulk actions.
"""

from django.utils.translation import gettext_lazy as _
from django_filters import DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import BulkActionsColumn
from wagtail.admin.views.pages.listing import PageFilterSet

from core.models import Issue, Region
from events.models import EventPage, EventSpeaker, EventType

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


class EventFilterSet(PageFilterSet):
    """Filters of the events listing."""

    event_type = TermChoiceFilter(label=_("Event type"), queryset=default_locale_terms(EventType))
    regions = TermChoiceFilter(label=_("Region or country"), queryset=default_locale_terms(Region))
    issues = TermChoiceFilter(label=_("Issue"), queryset=default_locale_terms(Issue))
    expert = ExpertFilter(label=_("Speaker"), people_model=EventSpeaker)
    status = StatusFilter(label=_("Status"))
    start = DateFromToRangeFilter(label=_("Starts"), widget=DateRangePickerWidget)
    translation = TranslationStateFilter()

    class Meta:
        model = EventPage
        fields = []


class EventIndexView(DeskIndexView):
    """The events listing: type and speakers besides the desk's own columns."""

    readers = (
        term_reader("event_type", EventType),
        people_reader(EventSpeaker, "desk_speakers"),
    )


class EventsListing(DeskListing):
    """Admin → Events: every event, soonest-starting last (newest first)."""

    model = EventPage
    index_view_class = EventIndexView
    icon = "date"
    menu_label = _("Events")
    menu_order = 130
    add_to_admin_menu = True
    name = "events"
    filterset_class = EventFilterSet
    ordering = "-start"
    columns = [
        BulkActionsColumn("bulk_actions"),
        title_column(),
        DateColumn("start", label=_("Starts"), sort_key="start", width="10%"),
        Column("desk_type", label=_("Type"), width="10%"),
        Column("desk_speakers", label=_("Speakers"), width="16%"),
        status_column(),
        Column("desk_translation", label=_("Translation"), width="12%"),
        Column("desk_last_editor", label=_("Last edited by"), width="10%"),
        updated_column(),
    ]
    list_export = [
        "title",
        "start",
        "desk_type",
        "desk_speakers",
        "locale.language_code",
        "status_string",
        "desk_translation",
        "desk_last_editor",
        "latest_revision_created_at",
        "url_path",
    ]
    export_headings = {
        "title": _("Title"),
        "start": _("Starts"),
        "desk_type": _("Type"),
        "desk_speakers": _("Speakers"),
        "locale.language_code": _("Language"),
        "status_string": _("Status"),
        "desk_translation": _("Translation"),
        "desk_last_editor": _("Last edited by"),
        "latest_revision_created_at": _("Updated"),
        "url_path": _("Path in the page tree"),
    }
    export_filename = "events"


events_listing = EventsListing()

EVENTS = register_desk_content(DeskContent(model=EventPage, viewset=events_listing))
