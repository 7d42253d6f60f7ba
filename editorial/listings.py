"""Flat admin listings of analysis and experts (Wagtail's ``PageListingViewSet``).

Each listing shows the columns a publications team sorts and scans by (date, type, authors,
language, status, where the Arabic edition stands, who edited last), filters by every
vocabulary, exports the filtered list as CSV or Excel and offers Wagtail's bulk actions. The
extra columns are read for the whole page of rows at once (``DeskRows``), so a listing costs
the same number of queries whatever the number of rows.
"""

from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import Cast
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelMultipleChoiceFilter
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import (
    BulkActionsColumn,
    PageStatusColumn,
    PageTitleColumn,
)
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Revision

from core.forms import label_terms_in_editors_language
from core.localization import default_locale, localize_many
from core.models import Issue, PublicationType, Region
from experts.models import ExpertPage
from policyanalysis.models import BriefAuthor, BriefPage
from policyanalysis.publications import Series
from translation_workflow.status import TranslationStatus, queue_rows

from .desk import DeskContent, register_desk_content
from .row_buttons import read_localize_buttons


def default_locale_terms(model):
    """The terms of a vocabulary as filter choices: one per term (its default-language record;
    filtering matches every edition through the translation key)."""

    def queryset(request):
        return model.objects.filter(locale=default_locale()).order_by("sort_order", "name")

    return queryset


class TermChoiceFilter(ModelMultipleChoiceFilter):
    """A vocabulary filter matching pages of every language edition, labelled in the admin
    user's language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", CheckboxSelectMultiple)
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        field = super().field
        if not getattr(field, "_labelled", False):
            label_terms_in_editors_language(field)
            field._labelled = True
        return field

    def filter(self, qs, value):
        if not value:
            return qs
        keys = [term.translation_key for term in value]
        return qs.filter(**{f"{self.field_name}__translation_key__in": keys}).distinct()


def scheduled_q():
    """Pages with a revision approved to go live later (Wagtail's scheduled publishing)."""
    return Exists(
        Revision.objects.filter(
            approved_go_live_at__isnull=False,
            content_type_id=OuterRef("content_type_id"),
        ).filter(object_id=Cast(OuterRef("pk"), output_field=Revision._meta.get_field("object_id")))
    )


class StatusFilter(ChoiceFilter):
    """Live, draft (never published), live with unpublished changes, scheduled."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "choices",
            [
                ("live", _("Live")),
                ("draft", _("Draft, never published")),
                ("changed", _("Live with unpublished changes")),
                ("scheduled", _("Scheduled to go live")),
            ],
        )
        kwargs.setdefault("empty_label", _("Any"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value == "live":
            return qs.filter(live=True)
        if value == "draft":
            return qs.filter(live=False, first_published_at__isnull=True)
        if value == "changed":
            return qs.filter(live=True, has_unpublished_changes=True)
        if value == "scheduled":
            return qs.filter(scheduled_q())
        return qs


def expert_choices(request):
    """Experts of the default language edition, by name (authors point at those)."""
    return ExpertPage.objects.filter(locale=default_locale()).order_by("title")


class ExpertFilter(ModelMultipleChoiceFilter):
    """Pages one of the chosen experts wrote or speaks in (any language edition of the
    profile): rows of ``people_model`` (an orderable with ``page`` and ``expert``)."""

    def __init__(self, *args, people_model=BriefAuthor, **kwargs):
        self.people_model = people_model
        kwargs.setdefault("queryset", expert_choices)
        kwargs.setdefault("widget", CheckboxSelectMultiple)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        keys = [expert.translation_key for expert in value]
        return qs.filter(
            pk__in=self.people_model.objects.filter(expert__translation_key__in=keys).values(
                "page_id"
            )
        )


TRANSLATION_LABELS = {
    TranslationStatus.NOT_STARTED: _("Arabic: not started"),
    TranslationStatus.IN_PROGRESS: _("Arabic: in progress"),
    TranslationStatus.READY: _("Arabic: ready to publish"),
    TranslationStatus.PUBLISHED: _("Arabic: published"),
    TranslationStatus.OUT_OF_DATE: _("Arabic: out of date"),
}


class TranslationStateFilter(ChoiceFilter):
    """Where the Arabic edition stands (not started, in progress, ready, published, out of
    date). The state is computed by ``translation_workflow.status``, not stored, so the filter
    reads it for the default-language pages of the list (a fixed number of queries) and keeps
    those in the chosen state; pages of other languages have no state and drop out."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "choices", [(status.value, TRANSLATION_LABELS[status]) for status in TranslationStatus]
        )
        kwargs.setdefault("empty_label", _("Any"))
        kwargs.setdefault("label", _("Arabic edition"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        ids = list(qs.filter(locale=default_locale()).values_list("pk", flat=True))
        matching = (
            [row.page.pk for row in queue_rows(page_ids=ids) if row.status == value] if ids else []
        )
        return qs.filter(pk__in=matching)


class AnalysisFilterSet(PageFilterSet):
    """Filters of the analysis listing."""

    publication_type = TermChoiceFilter(
        label=_("Publication type"), queryset=default_locale_terms(PublicationType)
    )
    regions = TermChoiceFilter(label=_("Region or country"), queryset=default_locale_terms(Region))
    issues = TermChoiceFilter(label=_("Issue"), queryset=default_locale_terms(Issue))
    series = TermChoiceFilter(label=_("Series"), queryset=default_locale_terms(Series))
    expert = ExpertFilter(label=_("Author"))
    status = StatusFilter(label=_("Status"))
    date = DateFromToRangeFilter(label=_("Publication date"), widget=DateRangePickerWidget)
    translation = TranslationStateFilter()

    class Meta:
        model = BriefPage
        fields = []


class ExpertFilterSet(PageFilterSet):
    """Filters of the experts listing."""

    expertise_regions = TermChoiceFilter(
        label=_("Region or country"), queryset=default_locale_terms(Region)
    )
    expertise_issues = TermChoiceFilter(label=_("Issue"), queryset=default_locale_terms(Issue))
    status = StatusFilter(label=_("Status"))
    translation = TranslationStateFilter()

    class Meta:
        model = ExpertPage
        fields = []


def read_last_editors(pages):
    """``desk_last_editor``: who saved the latest revision (one query)."""
    revisions = {
        revision.pk: revision
        for revision in Revision.objects.filter(
            pk__in=[page.latest_revision_id for page in pages if page.latest_revision_id]
        ).select_related("user")
    }
    for page in pages:
        revision = revisions.get(page.latest_revision_id)
        user = revision.user if revision else None
        page.desk_last_editor = (user.get_full_name() or user.get_username()) if user else ""


def read_translation_states(pages):
    """``desk_translation``: where the Arabic edition of a default-language page stands
    (``queue_rows``, a fixed number of queries)."""
    default = default_locale()
    sources = [page.pk for page in pages if page.locale_id == default.pk]
    rows = {row.page.pk: row for row in queue_rows(page_ids=sources)} if sources else {}
    for page in pages:
        row = rows.get(page.pk)
        if row is not None:
            page.desk_translation = str(TRANSLATION_LABELS[row.status])
            page.desk_translation_status = row.status
        else:
            page.desk_translation = str(_("Translation"))
            page.desk_translation_status = ""


def term_reader(field_name, model, attribute="desk_type"):
    """A reader setting ``attribute`` to the name, in the admin user's language, of the
    vocabulary term in foreign key ``field_name`` (two queries)."""

    def read(pages):
        ids = {getattr(page, f"{field_name}_id") for page in pages} - {None}
        terms = list(model.objects.filter(pk__in=ids)) if ids else []
        names = {
            term.pk: str(local) for term, local in zip(terms, localize_many(terms), strict=True)
        }
        for page in pages:
            setattr(page, attribute, names.get(getattr(page, f"{field_name}_id"), ""))

    return read


def people_reader(row_model, attribute, fallback=None):
    """A reader setting ``attribute`` to the names in order of the rows of ``row_model`` (an
    orderable with ``page``, ``expert`` and optionally a free-text ``name``), or to the page's
    ``fallback`` attribute when it has none (one query)."""
    has_name = any(field.name == "name" for field in row_model._meta.get_fields())

    def read(pages):
        names = {}
        fields = ["page_id", "expert__title"] + (["name"] if has_name else [])
        for row in (
            row_model.objects.filter(page_id__in=[page.pk for page in pages])
            .order_by("page_id", "sort_order", "pk")
            .values(*fields)
        ):
            name = row["expert__title"] or row.get("name") or ""
            if name:
                names.setdefault(row["page_id"], []).append(name)
        for page in pages:
            people = ", ".join(names.get(page.pk, []))
            setattr(page, attribute, people or (getattr(page, fallback) if fallback else ""))

    return read


def read_series(pages):
    """``desk_series``: the series a brief belongs to, named in the admin user's language,
    with its number in the series (two queries)."""
    links = list(
        BriefPage.series.through.objects.filter(briefpage_id__in=[page.pk for page in pages])
        .select_related("series")
        .order_by("series__sort_order", "series__name")
    )
    terms = [link.series for link in links]
    names = [str(local) for local in localize_many(terms)] if terms else []
    by_page = {}
    for link, name in zip(links, names, strict=True):
        by_page.setdefault(link.briefpage_id, []).append(name)
    for page in pages:
        series = ", ".join(by_page.get(page.pk, []))
        number = getattr(page, "series_number", "")
        page.desk_series = f"{series} {number}" if series and number else series


class DeskRows:
    """Reads the desk's columns for a list of pages in a fixed number of queries and sets
    them on each page as ``desk_*`` attributes (the columns and the export read those).

    ``readers`` are functions of the list of pages, one per column group."""

    def __init__(self, pages, readers=()):
        self.pages = list(pages)
        self.readers = [read_last_editors, read_translation_states, *readers]

    def decorate(self):
        if self.pages:
            for read in self.readers:
                read(self.pages)
        return self.pages


class DeskIndexView(IndexView):
    """Wagtail's flat page listing with the desk's columns read in bulk (``readers``: the
    listing's own column readers besides last editor and translation state)."""

    readers = ()

    def desk_rows(self, pages):
        return DeskRows(pages, self.readers)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.desk_rows(context["object_list"]).decorate()
        if rows:
            read_localize_buttons(rows)
        return context

    def to_row_dict(self, item):
        if not hasattr(item, "desk_translation"):
            self.desk_rows([item]).decorate()
        return super().to_row_dict(item)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # The export reads every filtered row: decorate them once, in bulk.
        return super().as_spreadsheet(self.desk_rows(queryset).decorate(), spreadsheet_format)

    def get_heading(self, queryset, field):
        heading = self.export_headings.get(field)
        return str(heading) if heading else super().get_heading(self.model.objects.none(), field)


#: Type and authors (or the free byline) of analysis rows: the listing's and the chooser's.
ANALYSIS_READERS = (
    term_reader("publication_type", PublicationType),
    people_reader(BriefAuthor, "desk_authors", fallback="byline"),
)


class AnalysisIndexView(DeskIndexView):
    """The analysis listing: type and authors (or the free byline) besides the desk's own."""

    readers = (*ANALYSIS_READERS, read_series)


class ExpertIndexView(DeskIndexView):
    """The experts listing also counts each expert's analysis (one annotation)."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(desk_analysis_count=Count("authorships", distinct=True))
        )


def title_column():
    return PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title")


def status_column():
    return PageStatusColumn("status", label=_("Status"), sort_key="live", width="10%")


def updated_column():
    return DateColumn(
        "latest_revision_created_at",
        label=_("Updated"),
        sort_key="latest_revision_created_at",
        width="10%",
    )


class DeskListing(PageListingViewSet):
    """A desk listing, headed with its menu label (the product's name for the list)."""

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(page_title=self.menu_label, **kwargs)


class AnalysisListing(DeskListing):
    """Admin → Policy analysis: every brief, article, report… of every language edition."""

    model = BriefPage
    index_view_class = AnalysisIndexView
    icon = "doc-full-inverse"
    menu_label = _("Policy analysis")
    menu_order = 110
    add_to_admin_menu = True
    name = "analysis"
    filterset_class = AnalysisFilterSet
    ordering = "-date"
    columns = [
        BulkActionsColumn("bulk_actions"),
        title_column(),
        DateColumn("date", label=_("Date"), sort_key="date", width="9%"),
        Column("desk_type", label=_("Type"), width="10%"),
        Column("desk_authors", label=_("Authors"), width="16%"),
        Column("desk_series", label=_("Series"), width="10%"),
        status_column(),
        Column("desk_translation", label=_("Translation"), width="12%"),
        Column("desk_last_editor", label=_("Last edited by"), width="10%"),
        updated_column(),
    ]
    list_export = [
        "title",
        "date",
        "desk_type",
        "desk_authors",
        "desk_series",
        "locale.language_code",
        "status_string",
        "desk_translation",
        "desk_last_editor",
        "latest_revision_created_at",
        "url_path",
    ]
    export_headings = {
        "title": _("Title"),
        "date": _("Date"),
        "desk_type": _("Type"),
        "desk_authors": _("Authors"),
        "desk_series": _("Series"),
        "locale.language_code": _("Language"),
        "status_string": _("Status"),
        "desk_translation": _("Translation"),
        "desk_last_editor": _("Last edited by"),
        "latest_revision_created_at": _("Updated"),
        "url_path": _("Path in the page tree"),
    }
    export_filename = "policy-analysis"


class ExpertsListing(DeskListing):
    """Admin → Experts: every expert profile, with the analysis each wrote."""

    model = ExpertPage
    index_view_class = ExpertIndexView
    icon = "user"
    menu_label = _("Experts")
    menu_order = 120
    add_to_admin_menu = True
    name = "experts"
    filterset_class = ExpertFilterSet
    ordering = "title"
    columns = [
        BulkActionsColumn("bulk_actions"),
        title_column(),
        Column("position", label=_("Position"), width="22%"),
        Column("desk_analysis_count", label=_("Analysis"), width="8%"),
        status_column(),
        Column("desk_translation", label=_("Translation"), width="12%"),
        Column("desk_last_editor", label=_("Last edited by"), width="10%"),
        updated_column(),
    ]
    list_export = [
        "title",
        "position",
        "desk_analysis_count",
        "locale.language_code",
        "status_string",
        "desk_translation",
        "desk_last_editor",
        "latest_revision_created_at",
    ]
    export_headings = {
        "title": _("Name"),
        "position": _("Position"),
        "desk_analysis_count": _("Analysis"),
        "locale.language_code": _("Language"),
        "status_string": _("Status"),
        "desk_translation": _("Translation"),
        "desk_last_editor": _("Last edited by"),
        "latest_revision_created_at": _("Updated"),
    }
    export_filename = "experts"


analysis_listing = AnalysisListing()
experts_listing = ExpertsListing()

ANALYSIS = register_desk_content(DeskContent(model=BriefPage, viewset=analysis_listing))
EXPERTS = register_desk_content(DeskContent(model=ExpertPage, viewset=experts_listing, dated=False))
