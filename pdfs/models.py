"""The PDF edition of an analysis item, one per published revision."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AnalysisPdf(models.Model):
    """A PDF made from the page as it was at ``revision_id`` (its live revision then). A new
    publication makes a new revision, so its PDF is made anew; older files are deleted
    when the new one is stored."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    revision_id = models.PositiveBigIntegerField(_("revision"))
    file = models.FileField(_("file"), upload_to="pdfs/")
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("analysis PDF")
        verbose_name_plural = _("analysis PDFs")
        constraints = [
            models.UniqueConstraint(fields=["page", "revision_id"], name="pdf_per_revision")
        ]

    def __str__(self):
        return self.file.name
