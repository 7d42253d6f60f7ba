"""Content events that webhooks announce: publish, unpublish, delete, translation publish.

Only pages readers can see (or could see until this event) are announced: a publish inside
a private section, an unpublish there, or the deletion of a never-published or private page
sends nothing, nor does the unpublish or deletion of a live chapter of a hidden report (its
report's deletion removes it; ``core.visibility.orphaned_q``),
so a receiver never learns the title or address of a page readers cannot open.
"""

from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from core.localization import default_locale
from core.signals import gathered_memo
from core.visibility import orphaned_q, private_q, visible

from .delivery import enqueue
from .models import WebhookEndpoint


def _subscribed(event):
    """Whether an active endpoint listens to ``event`` (one query; endpoints are few; once
    per batch inside ``changes_gathered()``). An event nobody listens to costs no visibility
    check and no payload: a bulk import publishes thousands of pages, usually with no
    endpoint registered."""
    memo = gathered_memo()
    if memo is not None and "webhooks.events" in memo:
        return event in memo["webhooks.events"]
    events = {
        name
        for names in WebhookEndpoint.objects.filter(active=True)
        .order_by()
        .values_list("events", flat=True)
        for name in names or []
    }
    if memo is not None:
        memo["webhooks.events"] = events
    return event in events


def _is_visible(page):
    """Readers may see ``page`` now (core.visibility). Asked of the page's own model, so
    the chapters' "parent published" condition is built only for a chapter."""
    model = page.specific_class or Page
    return visible(model.objects.filter(pk=page.pk)).exists()


def _hidden_by_its_place(page):
    """``page`` or one of its ancestors has a view restriction, or ``page`` is hidden with
    its parent (a chapter of a draft, unpublished, scheduled or expired report). One query."""
    return Page.objects.filter(pk=page.pk).filter(private_q() | orphaned_q()).exists()


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
    default = default_locale()
    event = "page.published" if instance.locale_id == default.pk else "translation.published"
    if _subscribed(event) and _is_visible(instance):
        enqueue(event, event_payload(event, instance))


def _unpublished(sender, instance, **kwargs):
    # Wagtail only unpublishes a live page, so readers could see it unless it was private
    # or hidden with its parent (an expired page too: it was public until its expiry, and
    # receivers must purge it).
    if _subscribed("page.unpublished") and not _hidden_by_its_place(instance):
        enqueue("page.unpublished", event_payload("page.unpublished", instance))


def _before_delete(sender, instance, **kwargs):
    # After deletion the page has no URL nor view restriction any more; receivers need the
    # URL to purge caches. Only a page readers could see at some time is announced: one
    # that was ever published (Wagtail unpublishes a live page in its own pre_delete
    # receiver, so ``live`` says nothing here) and is not in a private section nor hidden
    # with its parent (the descendants of a deleted page are deleted first, their parent still
    # in place).
    if sender is Page:
        instance._webhook_announce = (
            instance.first_published_at is not None
            and _subscribed("page.deleted")
            and not _hidden_by_its_place(instance)
        )
        if instance._webhook_announce:
            instance._webhook_url = instance.get_full_url()


def _deleted(sender, instance, **kwargs):
    # Once per page, not per model in its inheritance chain.
    if sender is Page and getattr(instance, "_webhook_announce", False):
        enqueue("page.deleted", event_payload("page.deleted", instance))


def connect():
    page_published.connect(_published, dispatch_uid="webhooks-published")
    page_unpublished.connect(_unpublished, dispatch_uid="webhooks-unpublished")
    pre_delete.connect(_before_delete, sender=Page, dispatch_uid="webhooks-before-delete")
    post_delete.connect(_deleted, sender=Page, dispatch_uid="webhooks-deleted")
