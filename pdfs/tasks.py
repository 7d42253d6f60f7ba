"""The PDF of an analysis item is made in the background when the item is published (the
task queue, docs/deployment.md), so the first reader to ask for it does not wait; a PDF
asked for before the task has run is made on that request instead (pdfs.editions)."""

import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models.signals import post_delete
from django_tasks import task
from wagtail.coreutils import get_dummy_request
from wagtail.signals import page_published, page_unpublished

from core.signals import at_gathered_end, gathered_memo
from core.tasks import enqueue_with_transaction
from core.visibility import visible
from policyanalysis.models import BriefPage, ChapterPage

logger = logging.getLogger(__name__)


@task()
def make_pdf(page_id):
    """Store the PDF of the page's live revision; nothing for a page readers may not open
    (it may have been unpublished or made private since). Returns the stored file's name."""
    return _make_pdf(page_id)


@task()
def make_pdfs(page_ids):
    """``make_pdf`` for each of ``page_ids`` (the briefs a batch published, as an import's):
    a PDF that fails is logged and the others are still made; the task then fails, naming
    them. Returns the stored files' names."""
    names, failed = [], []
    for page_id in page_ids:
        try:
            name = _make_pdf(page_id)
        except Exception:  # noqa: BLE001 - one brief's PDF must not stop the others'
            logger.exception("The PDF of page %s could not be made.", page_id)
            failed.append(page_id)
        else:
            if name is not None:
                names.append(name)
    if failed:
        raise RuntimeError(f"The PDFs of pages {failed} could not be made; see the log.")
    return names


def _make_pdf(page_id):
    from .editions import pdf_for

    page = visible(BriefPage.objects.filter(pk=page_id)).select_related("locale").first()
    if page is None:
        return None
    request = get_dummy_request(path=page.url or "/", site=page.get_site())
    request.user = AnonymousUser()
    return pdf_for(page, request).file.name


#: The most PDFs one ``make_pdfs`` task makes: a batch's task stays well inside a queue's
#: job timeout (RQ_QUEUES' DEFAULT_TIMEOUT), and a worker that stops loses little.
PDFS_PER_TASK = 20


def _enqueue(page_id):
    """Have the queue make the PDF of ``page_id``: one task per page, or, inside a batch of
    changes (``core.signals.changes_gathered``), one task per ``PDFS_PER_TASK`` of the
    batch's pages, enqueued when the batch ends."""
    pending = gathered_memo()
    if pending is None:
        enqueue_with_transaction(make_pdf, page_id)
        return
    ids = pending.setdefault("pdfs.make_pdfs", {})
    if not ids:
        at_gathered_end(lambda: _enqueue_batch(list(ids)))
    ids[page_id] = True


def _enqueue_batch(page_ids):
    for start in range(0, len(page_ids), PDFS_PER_TASK):
        enqueue_with_transaction(make_pdfs, page_ids[start : start + PDFS_PER_TASK])


def _published(sender, instance, **kwargs):
    if getattr(settings, "PDF_ON_PUBLISH", True) and isinstance(instance, BriefPage):
        _enqueue(instance.pk)


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
        _enqueue(report.pk)


def connect():
    page_published.connect(_published, dispatch_uid="pdfs-make-on-publish")
    page_published.connect(_chapter_changed, dispatch_uid="pdfs-chapter-published")
    page_unpublished.connect(_chapter_changed, dispatch_uid="pdfs-chapter-unpublished")
    post_delete.connect(_chapter_changed, sender=ChapterPage, dispatch_uid="pdfs-chapter-deleted")
