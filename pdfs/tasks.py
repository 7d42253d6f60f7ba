"""The PDF of an analysis item is made in the background when the item is published (the
task queue, docs/deployment.md), so the first reader to ask for it does not wait; a PDF
asked for before the task has run is made on that request instead (pdfs.editions)."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models.signals import post_delete
from django_tasks import task
from wagtail.coreutils import get_dummy_request
from wagtail.signals import page_published, page_unpublished

from core.tasks import enqueue_with_transaction
from core.visibility import visible
from policyanalysis.models import BriefPage, ChapterPage


@task()
def make_pdf(page_id):
    """Store the PDF of the page's live revision; nothing for a page readers may not open
    (it may have been unpublished or made private since). Returns the stored file's name."""
    from .editions import pdf_for

    page = visible(BriefPage.objects.filter(pk=page_id)).select_related("locale").first()
    if page is None:
        return None
    request = get_dummy_request(path=page.url or "/", site=page.get_site())
    request.user = AnonymousUser()
    return pdf_for(page, request).file.name


def _published(sender, instance, **kwargs):
    if getattr(settings, "PDF_ON_PUBLISH", True) and isinstance(instance, BriefPage):
        enqueue_with_transaction(make_pdf, instance.pk)


def _chapter_changed(sender, instance, **kwargs):
    """A report's PDF holds its chapters: when one is published, unpublished or deleted,
    the stored PDF goes and the queue makes a new one (its revision id stays the report's)."""
    if not isinstance(instance, ChapterPage):
        return
    from .editions import forget_older

    report = BriefPage.objects.filter(
        path=instance.path[: -ChapterPage.steplen], depth=instance.depth - 1
    ).first()
    if report is None:
        return
    forget_older(report)
    if getattr(settings, "PDF_ON_PUBLISH", True) and report.live:
        enqueue_with_transaction(make_pdf, report.pk)


def connect():
    page_published.connect(_published, dispatch_uid="pdfs-make-on-publish")
    page_published.connect(_chapter_changed, dispatch_uid="pdfs-chapter-published")
    page_unpublished.connect(_chapter_changed, dispatch_uid="pdfs-chapter-unpublished")
    post_delete.connect(_chapter_changed, sender=ChapterPage, dispatch_uid="pdfs-chapter-deleted")
