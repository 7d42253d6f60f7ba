"""PDF editions: made once per published revision, stored in the default storage (the
filesystem, or S3 when configured), served from there until the page is published again."""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from .models import AnalysisPdf
from .render import render_pdf


def pdf_for(page, request):
    """The AnalysisPdf of ``page``'s live revision, made now if there is none yet."""
    revision_id = page.live_revision_id or 0
    stored = AnalysisPdf.objects.filter(page=page, revision_id=revision_id).first()
    if stored is not None and stored.file.storage.exists(stored.file.name):
        return stored
    body = render_pdf(page, request)
    name = f"{page.locale.language_code}-{page.slug}-{revision_id}.pdf"
    try:
        with transaction.atomic():
            if stored is not None:
                stored.delete()
            edition = AnalysisPdf(page=page, revision_id=revision_id, size=len(body))
            edition.file.save(name, ContentFile(body), save=False)
            edition.save()
    except IntegrityError:  # another request stored the same revision's PDF first
        return AnalysisPdf.objects.get(page=page, revision_id=revision_id)
    forget_older(page, keep=revision_id)
    return edition


def forget_older(page, keep=None):
    """Delete ``page``'s stored PDFs other than ``keep``'s (files and rows)."""
    for old in AnalysisPdf.objects.filter(page=page).exclude(revision_id=keep):
        old.file.delete(save=False)
        old.delete()
