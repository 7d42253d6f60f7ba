"""Chapters of a report: child pages of a brief, read in order.

A long report may be split into ``ChapterPage`` children of its ``BriefPage``; each chapter
has its own body and endnotes (numbered from 1 in each chapter, so ``<sup>3</sup>`` in a
chapter links to that chapter's note 3). A chapter shows its report's title, authors and
date, the report's list of chapters and previous/next links (also as ``<link rel=prev/next>``).

Readers see a chapter only when both it and its report are visible: ``ChapterPage`` is
registered with ``core.visibility.bound_to_parent``, so ``visible()`` and ``published()``
(behind every public surface: pages, both APIs, the sitemap, feeds, search, webhooks) leave
out a live chapter whose report is a draft, unpublished, scheduled or expired. Wagtail
serves a live child of such a parent, so ``ChapterPage.serve`` refuses it with the same
rule (a private report's restriction covers its chapters already), and the list of
chapters and the previous/next links leave out chapters readers may not see.

This module sits below ``models.py`` (which imports it) and refers to the brief by string.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from core.blocks import BodyBlock
from core.localization import PAGE_TRANSLATABLE_FIELDS
from core.models import RoutedPageMixin
from core.preview import HeadlessPreviewMixin
from core.visibility import bound_to_parent, published, visible

from .publications import EndnoteBlock


def report_chapters(report):
    """The chapters of ``report`` (a brief) readers may see, in the report's order (the
    page tree's, which editors set by dragging in the admin). One query."""
    return list(
        visible(ChapterPage.objects.child_of(report))
        .order_by("path")
        .only("id", "title", "slug", "url_path", "locale_id", "path", "depth")
    )


@bound_to_parent
class ChapterPage(RoutedPageMixin, HeadlessPreviewMixin, Page):
    """One chapter of a report (a child page of a brief)."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_(
            "The chapter's text, shown under the report's title with the list of chapters "
            "and previous/next links; the report's PDF edition prints it after the report's "
            "own text."
        ),
    )
    endnotes = StreamField(
        [("note", EndnoteBlock())],
        blank=True,
        verbose_name=_("endnotes"),
        help_text=_(
            "This chapter's notes, numbered from 1 in this order. In the body, mark a "
            "reference with a superscript number (the x² button)."
        ),
    )

    content_panels = [TitleFieldPanel("title"), FieldPanel("body"), FieldPanel("endnotes")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["policyanalysis.BriefPage"]
    subpage_types = []
    template = "policyanalysis/chapter_page.html"
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("body"),
        TranslatableField("endnotes"),
    ]

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def get_report(self):
        """The brief this chapter belongs to (its parent page)."""
        return self.get_parent().specific

    def is_published(self):
        """Whether this chapter and its report are live and not past their expiry time
        (``core.visibility.published``). A private report's restriction already covers
        its chapters (Wagtail checks the ancestors'), so a reader who passed it reads
        them. One query."""
        return published(Page.objects.filter(pk=self.pk)).exists()

    def get_navigation(self, report=None):
        """{"chapters", "previous", "next"}: the report's visible chapters (this one
        included, even as a preview draft) and its visible neighbours."""
        report = report or self.get_report()
        chapters = report_chapters(report)
        if self.pk not in {chapter.pk for chapter in chapters}:
            # A preview of a draft chapter: place it where it stands in the tree.
            chapters = sorted([*chapters, self], key=lambda chapter: chapter.path or "")
        position = next(i for i, chapter in enumerate(chapters) if chapter.pk == self.pk)
        return {
            "chapters": chapters,
            "previous": chapters[position - 1] if position > 0 else None,
            "next": chapters[position + 1] if position + 1 < len(chapters) else None,
        }

    def serve(self, request, *args, **kwargs):
        report = self.get_report()
        if not getattr(request, "is_preview", False) and not self.is_published():
            raise Http404
        request._chapter_report = report
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        report = getattr(request, "_chapter_report", None) or self.get_report()
        context["report"] = report
        context["authors"] = report.get_authors()
        context["taxonomy"] = report.get_taxonomy()
        context.update(self.get_navigation(report))
        return context
