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
from wagtail.models import Locale, Revision

from core.forms import label_terms_in_editors_language
from core.localization import localize_many
from core.models import Issue, PublicationType, Region
from experts.models import ExpertPage
from policyanalysis.models import BriefAuthor, BriefPage
from translation_workflow.status import TranslationStatus, queue_rows

from .desk import DeskContent, register_desk_content


def default_locale_terms(model):
    """The terms of a vocabulary as filter choices: one per term (its default-language record;
    filtering matches every edition through the translation key)."""

    def queryset(request):
        return model.objects.filter(locale=Locale.get_default()).order_by("sort_order", "name")

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
    return ExpertPage.objects.filter(locale=Locale.get_default()).order_by("title")


class ExpertFilter(ModelMultipleChoiceFilter):
    """Analysis one of the chosen experts wrote (any language edition of the profile)."""

    def filter(self, qs, value):
        if not value:
            return qs
        keys = [expert.translation_key for expert in value]
        return qs.filter(
            pk__in=BriefAuthor.objects.filter(expert__translation_key__in=keys).values("page_id")
        )


class AnalysisFilterSet(PageFilterSet):
    """Filters of the analysis listing."""

    publication_type = TermChoiceFilter(
        label=_("Publication type"), queryset=default_locale_terms(PublicationType)
    )
    regions = TermChoiceFilter(label=_("Region or country"), queryset=default_locale_terms(Region))
    issues = TermChoiceFilter(label=_("Issue"), queryset=default_locale_terms(Issue))
    expert = ExpertFilter(label=_("Author"), queryset=expert_choices, widget=CheckboxSelectMultiple)
    status = StatusFilter(label=_("Status"))
    date = DateFromToRangeFilter(label=_("Publication date"), widget=DateRangePickerWidget)

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

    class Meta:
        model = ExpertPage
        fields = []


TRANSLATION_LABELS = {
    TranslationStatus.NOT_STARTED: _("Arabic: not started"),
    TranslationStatus.IN_PROGRESS: _("Arabic: in progress"),
    TranslationStatus.READY: _("Arabic: ready to publish"),
    TranslationStatus.PUBLISHED: _("Arabic: published"),
    TranslationStatus.OUT_OF_DATE: _("Arabic: out of date"),
}


class DeskRows:
    """Reads the desk's columns for a list of pages in a fixed number of queries and sets
    them on each page as ``desk_*`` attributes (the columns and the export read those)."""

    def __init__(self, pages):
        self.pages = list(pages)

    def decorate(self):
        pages = self.pages
        if not pages:
            return pages
        self._last_editors(pages)
        self._translation_states(pages)
        if isinstance(pages[0], BriefPage):
            self._types(pages)
            self._authors(pages)
        return pages

    @staticmethod
    def _last_editors(pages):
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

    @staticmethod
    def _translation_states(pages):
        default = Locale.get_default()
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

    @staticmethod
    def _types(pages):
        typed = [page for page in pages if page.publication_type_id]
        terms = {
            term.pk: term
            for term in PublicationType.objects.filter(
                pk__in={page.publication_type_id for page in typed}
            )
        }
        ordered = list(terms.values())
        names = {
            term.pk: str(local) for term, local in zip(ordered, localize_many(ordered), strict=True)
        }
        for page in pages:
            page.desk_type = names.get(page.publication_type_id, "")

    @staticmethod
    def _authors(pages):
        names = {}
        for row in (
            BriefAuthor.objects.filter(page_id__in=[page.pk for page in pages])
            .order_by("page_id", "sort_order", "pk")
            .values("page_id", "expert__title")
        ):
            names.setdefault(row["page_id"], []).append(row["expert__title"])
        for page in pages:
            authors = names.get(page.pk, [])
            page.desk_authors = ", ".join(authors) or page.byline


class DeskIndexView(IndexView):
    """Wagtail's flat page listing with the desk's columns read in bulk."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        DeskRows(context["object_list"]).decorate()
        return context

    def to_row_dict(self, item):
        if not hasattr(item, "desk_translation"):
            DeskRows([item]).decorate()
        return super().to_row_dict(item)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # The export reads every filtered row: decorate them once, in bulk.
        return super().as_spreadsheet(DeskRows(queryset).decorate(), spreadsheet_format)

    def get_heading(self, queryset, field):
        heading = self.export_headings.get(field)
        return str(heading) if heading else super().get_heading(self.model.objects.none(), field)


class ExpertIndexView(DeskIndexView):
    """The experts listing also counts each expert's analysis (one annotation)."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(desk_analysis_count=Count("authorships", distinct=True))
        )


def _title():
    return PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title")


def _status():
    return PageStatusColumn("status", label=_("Status"), sort_key="live", width="10%")


def _updated():
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
    index_view_class = DeskIndexView
    icon = "doc-full-inverse"
    menu_label = _("Policy analysis")
    menu_order = 110
    add_to_admin_menu = True
    name = "analysis"
    filterset_class = AnalysisFilterSet
    ordering = "-date"
    columns = [
        BulkActionsColumn("bulk_actions"),
        _title(),
        DateColumn("date", label=_("Date"), sort_key="date", width="9%"),
        Column("desk_type", label=_("Type"), width="10%"),
        Column("desk_authors", label=_("Authors"), width="16%"),
        _status(),
        Column("desk_translation", label=_("Translation"), width="12%"),
        Column("desk_last_editor", label=_("Last edited by"), width="10%"),
        _updated(),
    ]
    list_export = [
        "title",
        "date",
        "desk_type",
        "desk_authors",
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
        _title(),
        Column("position", label=_("Position"), width="22%"),
        Column("desk_analysis_count", label=_("Analysis"), width="8%"),
        _status(),
        Column("desk_translation", label=_("Translation"), width="12%"),
        Column("desk_last_editor", label=_("Last edited by"), width="10%"),
        _updated(),
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
