"""Content events that webhooks announce: publish, unpublish, delete, translation publish."""

from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_unpublished

from .delivery import enqueue


def event_payload(event, page):
    """The JSON body of an event: what changed, where, and when."""
    url = getattr(page, "_webhook_url", None) or page.get_full_url()
    return {
        "event": event,
        "page_id": page.pk,
        "page_type": page.specific_class._meta.label if page.specific_class else "",
        "locale": page.locale.language_code if page.locale_id else "",
        "title": page.title,
        "url": url,
        "timestamp": timezone.now().isoformat(),
    }


def _published(sender, instance, **kwargs):
    # A publish in another language than the default is a translation being published.
    default = Locale.get_default()
    event = "page.published" if instance.locale_id == default.pk else "translation.published"
    enqueue(event, event_payload(event, instance))


def _unpublished(sender, instance, **kwargs):
    enqueue("page.unpublished", event_payload("page.unpublished", instance))


def _before_delete(sender, instance, **kwargs):
    # After deletion the page has no URL any more; receivers need it to purge caches.
    if sender is Page:
        instance._webhook_url = instance.get_full_url()


def _deleted(sender, instance, **kwargs):
    if sender is Page:  # once per page, not per model in its inheritance chain
        enqueue("page.deleted", event_payload("page.deleted", instance))


def connect():
    page_published.connect(_published, dispatch_uid="webhooks-published")
    page_unpublished.connect(_unpublished, dispatch_uid="webhooks-unpublished")
    pre_delete.connect(_before_delete, sender=Page, dispatch_uid="webhooks-before-delete")
    post_delete.connect(_deleted, sender=Page, dispatch_uid="webhooks-deleted")
