"""One signal for "what a reader sees may have changed": ``content_changed``.

Caches of public output (the HTML page cache in ``core.page_cache`` today; the headless
API's cache can subscribe too instead of wiring the same Wagtail signals itself) listen to
this one signal, so the list of events that change public content lives in one place.

It is sent on: a page published (including a translation published by wagtail-localize,
which ends in a page publish, and a page that becomes live through ``publish_scheduled``),
unpublished (also by expiry), moved or deleted; a publish scheduled for later; a save or
delete of a taxonomy term, an image, a document, a keyword, a view restriction or a site.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.models import Page, PageViewRestriction, Revision, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

#: Sent with ``reason`` (a short label such as "page_published") after public content
#: changed. Receivers must be cheap: a script publishing many pages sends it for each,
#: unless it gathers them with ``changes_gathered()`` as the importer does.
content_changed = Signal()

# Saves that only record a file's size or hash (Wagtail does them lazily, sometimes while a
# page renders): nothing a reader sees changes.
_BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


@dataclass
class _Gathering:
    """What the outermost ``changes_gathered()`` block holds until it ends."""

    reasons: list = field(default_factory=list)
    memo: dict = field(default_factory=dict)  # gathered_memo
    at_end: list = field(default_factory=list)  # at_gathered_end


#: The outermost ``changes_gathered()`` block's state, or None outside one.
_gathered = ContextVar("content_changes_gathered", default=None)


@contextmanager
def changes_gathered():
    """Send ``content_changed`` once, when the block ends, for all the changes made inside
    it (a bulk import's batch: each cache is made stale once instead of once per page).

    Inside the block the caches still show what they showed before it: use it around
    writes whose results nothing reads until the block ends. Nested blocks send at the
    outermost block's end; the signal is sent even when the block raises (a cache made
    stale for nothing costs one rebuild)."""
    if _gathered.get() is not None:
        yield
        return
    gathering = _Gathering()
    token = _gathered.set(gathering)
    try:
        yield
        for callback in gathering.at_end:
            callback()
    finally:
        _gathered.reset(token)
        if gathering.reasons:
            content_changed.send(sender=Page, reason=gathering.reasons[0])


def gathered_memo():
    """A dict that lives as long as the outermost ``changes_gathered()`` block, or None
    outside one. A receiver that asks the same question of the database for every page a
    batch publishes (is any webhook listening?) keeps the answer there, under a key of its
    own: inside the block it does not see what other processes change meanwhile, as the
    caches do not."""
    gathering = _gathered.get()
    return None if gathering is None else gathering.memo


def at_gathered_end(callback):
    """Call ``callback()`` when the outermost ``changes_gathered()`` block ends without an
    exception (inside the transaction the block runs in, as the importer's batches do); now,
    outside a block. For work a batch asks for page by page but wants done once (one task
    that makes the PDFs of every brief it published)."""
    gathering = _gathered.get()
    if gathering is None:
        callback()
    else:
        gathering.at_end.append(callback)


def _send(reason):
    gathering = _gathered.get()
    if gathering is None:
        content_changed.send(sender=Page, reason=reason)
    elif not gathering.reasons:
        gathering.reasons.append(reason)


def _on_page_published(**kwargs):
    _send("page_published")


def _on_page_unpublished(**kwargs):
    _send("page_unpublished")


def _on_page_moved(**kwargs):
    _send("page_moved")


def _on_page_deleted(sender, **kwargs):
    # post_delete fires once per concrete model of the page's inheritance chain; the base
    # Page row is the one every page type has.
    if sender is Page:
        _send("page_deleted")


def _on_revision_saved(instance, **kwargs):
    # A publish scheduled for later on a live page sends no page_published; it sets the
    # revision's approved_go_live_at. Counting it lets caches recompute when the next
    # scheduled change falls (draft saves, with no go-live date, are not changes).
    if instance.approved_go_live_at is not None:
        _send("publish_scheduled")


def _on_model_saved(sender, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= _BOOKKEEPING_FIELDS:
        return
    _send(f"{sender._meta.label_lower}_saved")


def _on_model_deleted(sender, **kwargs):
    _send(f"{sender._meta.label_lower}_deleted")


def watched_models():
    """Non-page models whose edits change what pages show: taxonomy labels, images,
    documents, keywords, view restrictions (a page turning private), sites (URLs) and the
    site identity (the chrome's name, tagline and footer)."""
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    return [
        apps.get_model("core", "PublicationType"),
        apps.get_model("core", "Region"),
        apps.get_model("core", "Issue"),
        apps.get_model("core", "SiteIdentity"),
        apps.get_model("taggit", "Tag"),
        get_image_model(),
        get_document_model(),
        PageViewRestriction,
        Site,
    ]


def connect():
    """Connect the receivers that send ``content_changed`` (called from CoreConfig.ready)."""
    page_published.connect(_on_page_published, dispatch_uid="core-content-published")
    page_unpublished.connect(_on_page_unpublished, dispatch_uid="core-content-unpublished")
    post_page_move.connect(_on_page_moved, dispatch_uid="core-content-moved")
    post_delete.connect(_on_page_deleted, sender=Page, dispatch_uid="core-content-deleted")
    post_save.connect(_on_revision_saved, sender=Revision, dispatch_uid="core-content-scheduled")
    watch(*watched_models())


def watch(*models):
    """Send ``content_changed`` on every save or delete of ``models``. Apps call it from
    their ``AppConfig.ready()`` for the snippets their public pages show (a series' name on
    a card, an event type), which core cannot name."""
    for model in models:
        uid = f"core-content-{model._meta.label_lower}"
        post_save.connect(_on_model_saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_model_deleted, sender=model, dispatch_uid=f"{uid}-delete")
