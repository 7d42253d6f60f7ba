"""Dashboard panels for a publications team: what goes live next, what was just published,
which recent pages still wait for their Arabic edition, and the editor's own unpublished
drafts (with a way to discard the ones autosave left behind).

Each panel lists every dated content type on the desk (``desk.desk_contents(dated=True)``)
and links to that type's listing, filtered to the same rows.
"""

import datetime

from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.localization import default_locale
from translation_workflow.status import TranslationStatus, queue_rows
from translation_workflow.views import user_can_use_queue

from .desk import desk_content_for, desk_contents

PANEL_ROWS = 8
TRANSLATION_WINDOW = datetime.timedelta(days=30)


def _dated_models():
    return [item.model for item in desk_contents(dated=True)]


def _dated_pages():
    """Pages of every dated desk type (a base Page queryset, made specific by the caller)."""
    from django.contrib.contenttypes.models import ContentType

    types = ContentType.objects.get_for_models(*_dated_models()).values()
    return Page.objects.filter(content_type__in=types)


class DeskPanel(Component):
    """A dashboard panel: a heading, rows of pages and a link to the matching listing."""

    name = ""
    heading = ""
    template_name = "editorial/dashboard/panel.html"
    empty_text = ""

    def __init__(self, request):
        self.request = request

    def rows(self):
        raise NotImplementedError

    def links(self):
        """[(label, url)] under the rows."""
        return []

    def get_context_data(self, parent_context):
        rows = self.rows()
        for row in rows:
            content = desk_content_for(type(row["page"]))
            row["type"] = capfirst(content.model._meta.verbose_name) if content else ""
        return {
            "panel_id": self.name,
            "heading": self.heading,
            "rows": rows,
            "links": self.links(),
            "empty_text": self.empty_text,
            "columns": self.columns,
            "request": self.request,
        }

    columns = ()


def _listing_links(**params):
    return [
        (
            _("All in %(listing)s") % {"listing": item.viewset.menu_label},
            item.listing_url(**params),
        )
        for item in desk_contents(dated=True)
    ]


class ScheduledPanel(DeskPanel):
    """Revisions approved to go live later, soonest first."""

    name = "desk-scheduled"
    heading = _("Scheduled to go live")
    empty_text = _("Nothing is scheduled.")
    order = 105
    columns = ("goes_live",)

    def rows(self):
        revisions = (
            Revision.page_revisions.filter(approved_go_live_at__isnull=False)
            .filter(
                object_id__in=_dated_pages()
                .annotate(key=Cast("pk", output_field=Revision._meta.get_field("object_id")))
                .values("key")
            )
            .order_by("approved_go_live_at")[:PANEL_ROWS]
        )
        revisions = list(revisions)
        pages = Page.objects.filter(pk__in=[int(r.object_id) for r in revisions]).specific()
        by_pk = {page.pk: page for page in pages}
        return [
            {"page": by_pk[int(r.object_id)], "when": r.approved_go_live_at}
            for r in revisions
            if int(r.object_id) in by_pk
        ]

    def links(self):
        return _listing_links(status="scheduled")


class RecentlyPublishedPanel(DeskPanel):
    """The newest first publications."""

    name = "desk-recently-published"
    heading = _("Recently published")
    empty_text = _("Nothing has been published yet.")
    order = 106
    columns = ("published",)

    def rows(self):
        pages = (
            _dated_pages()
            .filter(live=True, first_published_at__isnull=False)
            .order_by("-first_published_at")
            .specific(defer=True)[:PANEL_ROWS]
        )
        return [{"page": page, "when": page.first_published_at} for page in pages]

    def links(self):
        return _listing_links(status="live")


class AwaitingTranslationPanel(DeskPanel):
    """Pages of the default language published in the last 30 days whose Arabic edition is
    missing, unfinished, unpublished or older than the English page."""

    name = "desk-awaiting-translation"
    heading = _("Awaiting translation")
    empty_text = _("Every page published in the last 30 days has a current Arabic edition.")
    order = 107
    columns = ("translation",)

    def rows(self):
        since = timezone.now() - TRANSLATION_WINDOW
        recent = (
            _dated_pages()
            .filter(live=True, locale=default_locale(), last_published_at__gte=since)
            .order_by("-last_published_at")
            .values_list("pk", flat=True)
        )
        rows = [
            row
            for row in queue_rows(page_ids=list(recent))
            if row.status != TranslationStatus.PUBLISHED
        ]
        rows.sort(key=lambda row: row.page.last_published_at, reverse=True)
        specific = {
            page.pk: page
            for page in Page.objects.filter(
                pk__in=[row.page.pk for row in rows[:PANEL_ROWS]]
            ).specific(defer=True)
        }
        return [
            {
                "page": specific[row.page.pk],
                "status": row.status_label,
                "when": row.page.last_published_at,
            }
            for row in rows[:PANEL_ROWS]
            if row.page.pk in specific
        ]

    def links(self):
        return [(_("Translation queue"), reverse("translation_queue"))]


class UnsavedDraftsPanel(DeskPanel):
    """Pages this editor created that were never published (autosave keeps a new page as a
    draft as soon as it validates), with Edit and Discard."""

    name = "desk-unsaved-drafts"
    heading = _("Your unsaved drafts")
    empty_text = _("You have no unpublished new pages.")
    order = 104
    columns = ("edited", "discard")
    template_name = "editorial/dashboard/drafts.html"

    def rows(self):
        pages = (
            _dated_pages()
            .filter(owner=self.request.user, live=False, first_published_at__isnull=True)
            .order_by("-latest_revision_created_at")
            .specific(defer=True)[:PANEL_ROWS]
        )
        return [{"page": page, "when": page.latest_revision_created_at} for page in pages]

    def links(self):
        return _listing_links(status="draft")


def dashboard_panels(request):
    """The desk's panels for this request's user: the publications team's panels for users
    who may edit pages, the translation panel for those who may use the translation queue."""
    user = request.user
    panels = []
    if user.is_superuser or PagePermissionPolicy().user_has_any_permission(
        user, ["add", "change", "publish"]
    ):
        panels += [UnsavedDraftsPanel(request), ScheduledPanel(request)]
        panels.append(RecentlyPublishedPanel(request))
    if user_can_use_queue(user):
        panels.append(AwaitingTranslationPanel(request))
    return panels
