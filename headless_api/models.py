"""What the API stores: the global content version and the drafts that preview tokens name."""

import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone


class ContentVersion(models.Model):
    """A single row counting content changes. Cached API responses are keyed by it, so any
    publish, unpublish, move or delete makes every cached response stale at once.

    It lives in the database (not the cache) so that all server processes see a change in
    the same transaction that made it."""

    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"Content version {self.version}"

    @classmethod
    def current(cls):
        """(version, changed_at), creating the row on first use."""
        row = cls.objects.filter(pk=1).values_list("version", "changed_at").first()
        if row is None:
            obj, _ = cls.objects.get_or_create(pk=1)
            return obj.version, obj.changed_at
        return row

    @classmethod
    def bump(cls):
        """Count a content change (inside the caller's transaction, if any)."""
        now = timezone.now().replace(microsecond=0)
        with transaction.atomic():
            row = cls.objects.select_for_update().filter(pk=1).first()
            if row is None:
                cls.objects.get_or_create(pk=1, defaults={"version": 2, "changed_at": now})
                return
            # Each version gets its own second, so an If-Modified-Since of the previous
            # version's Last-Modified never matches the new one (HTTP dates are in seconds).
            changed_at = max(now, row.changed_at + datetime.timedelta(seconds=1))
            cls.objects.filter(pk=1).update(version=F("version") + 1, changed_at=changed_at)


class RevocationReason(models.TextChoices):
    """Why a preview token stopped working before it expired (the API's 401 says so)."""

    REVOKED = "revoked", "revoked"
    PUBLISHED = "published", "page published"
    UNPUBLISHED = "unpublished", "page unpublished"
    MOVED = "moved", "page moved"
    DELETED = "deleted", "page deleted"
    PRIVACY = "privacy", "privacy changed"


class PreviewGrant(models.Model):
    """A draft shown to the front end through a signed preview token.

    The admin's preview stores the unsaved page it is previewing here; the token carries
    this row's ``key``. Revoking or deleting the row invalidates the token. A grant is bound
    to one page at one revision: the page's publish, unpublish, move or deletion, a privacy
    change on it or an ancestor, or a newer revision of it invalidates the token
    (``headless_api.preview``)."""

    key = models.CharField(max_length=64, unique=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        # Not CASCADE: a deleted page's grant stays, revoked, so its token is refused with
        # the reason (the grant is revoked by a pre_delete receiver before this runs).
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page being edited (empty while it is being created).",
    )
    parent_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page's parent when the preview was opened (for a page being created, "
        "the page it is created under): a privacy change or move there revokes the token.",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page's latest revision when the preview was opened: once a newer "
        "revision exists the token is refused.",
    )
    page_type = models.CharField(max_length=100, help_text="app_label.modelname of the draft.")
    content = models.JSONField(
        encoder=DjangoJSONEncoder, help_text="The previewed page as Page.serializable_data()."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(
        max_length=20, choices=RevocationReason.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = "preview grant"
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"Preview of page {self.page_id} until {self.expires_at:%Y-%m-%d %H:%M}"
