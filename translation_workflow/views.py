"""The translation queue: every translatable English page and snippet (taxonomy terms) with its
Arabic status and next action, searchable by title."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from .filters import TranslationQueueFilterSet
from .status import TranslationStatus, queue_rows

#: Who sees the queue: translators, and anyone else allowed to submit translations.
QUEUE_PERMISSION = "wagtail_localize.submit_translation"


def user_can_use_queue(user):
    return user.is_active and (user.is_superuser or user.has_perm(QUEUE_PERMISSION))


class StatusColumn(Column):
    """The status, with the share of translated strings while a translation is under way."""

    def get_value(self, row):
        if row.status in (TranslationStatus.IN_PROGRESS, TranslationStatus.OUT_OF_DATE) and (
            row.translation_id
        ):
            return _("%(status)s (%(percent)s%% translated)") % {
                "status": row.status_label,
                "percent": row.percent,
            }
        return row.status_label


class TranslationQueueView(ReportView):
    """Admin report of the Arabic edition's work: what to translate, finish, publish or sync."""

    page_title = _("Translation queue")
    header_icon = "globe"
    index_url_name = "translation_queue"
    index_results_url_name = "translation_queue_results"
    filterset_class = TranslationQueueFilterSet
    default_ordering = "-date"
    paginate_by = 50
    columns = [
        TitleColumn(
            "title",
            label=_("English page"),
            accessor="title",
            get_url=lambda row: row.source_edit_url,
            sort_key="title",
        ),
        Column("page_type", label=_("Type")),
        Column("authors", label=_("Authors"), accessor=lambda row: ", ".join(row.authors)),
        Column(
            "date",
            label=_("Date"),
            accessor=lambda row: date_format(row.date) if row.date else "",
            sort_key="date",
        ),
        StatusColumn("status", label=_("Arabic status"), sort_key="status"),
        TitleColumn(
            "action",
            label=_("Next step"),
            accessor=lambda row: row.action[0],
            get_url=lambda row: row.action[1],
        ),
    ]
    list_export = ["title", "page_type", "status_label", "percent", "date"]
    export_headings = {
        "title": _("English page"),
        "page_type": _("Type"),
        "status_label": _("Arabic status"),
        "percent": _("Translated (%)"),
        "date": _("Date"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not user_can_use_queue(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        values = {}
        if self.filters and self.filters.is_valid():
            values = self.filters.form.cleaned_data
        page_type = values.get("page_type")
        rows = queue_rows(
            page_type=page_type.pk if page_type else None,
            expert=values.get("expert"),
            title=(values.get("title") or "").strip(),
            snippets=True,
        )
        if values.get("status"):
            rows = [row for row in rows if row.status == values["status"]]
        return self.order_rows(rows)

    def get_filtered_queryset(self):
        return self.get_queryset()

    def order_rows(self, rows):
        ordering = self.ordering or self.default_ordering
        key = ordering.lstrip("-")
        reverse_order = ordering.startswith("-")
        status_rank = {value: index for index, value in enumerate(TranslationStatus.values)}
        keys = {
            "date": lambda row: (row.date is not None, row.date or 0, row.sort_pk),
            "title": lambda row: (row.title.casefold(), row.sort_pk),
            "status": lambda row: (status_rank[row.status], row.percent, row.sort_pk),
        }
        return sorted(rows, key=keys[key], reverse=reverse_order)


class TranslationQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_use_queue(request.user)


def admin_urls():
    """URL patterns for the register_admin_urls hook."""
    return [
        path("translation-queue/", TranslationQueueView.as_view(), name="translation_queue"),
        path(
            "translation-queue/results/",
            TranslationQueueView.as_view(results_only=True),
            name="translation_queue_results",
        ),
    ]


def menu_item():
    """The menu item for the register_admin_menu_item hook (top level, next to Reports)."""
    return TranslationQueueMenuItem(
        _("Translation queue"), reverse("translation_queue"), icon_name="globe", order=850
    )
