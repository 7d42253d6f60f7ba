"""Bookkeeping for bulk imports: which source record became which object."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedRecord(models.Model):
    """One record of an interchange file, by its source identity (kind, id, locale), and the
    page or snippet it was imported into.

    The checksum of the record as last imported makes re-imports idempotent: an unchanged
    record is skipped, a changed one becomes a new revision of the same object.
    """

    kind = models.CharField(_("kind"), max_length=20)
    source_id = models.CharField(_("source id"), max_length=255)
    locale = models.CharField(_("locale"), max_length=20)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(_("object id"))
    checksum = models.CharField(_("checksum"), max_length=64)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported record")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source_id", "locale"], name="unique_imported_record"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="importexport_object_idx")
        ]

    def __str__(self):
        return f"{self.kind}:{self.source_id} ({self.locale})"

    def imported_object(self):
        """The page or snippet this record became (its model from Django's content-type
        cache: one query)."""
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        return model._base_manager.get(pk=self.object_id)
