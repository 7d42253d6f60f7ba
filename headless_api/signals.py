"""Bump the content version whenever something an API response may contain changes.

The version is coarse on purpose: one publish anywhere makes every cached response
stale. That is cheap (responses are rebuilt on demand) and never serves stale content.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import ContentVersion


def bump_content_version(**kwargs):
    """Signal receiver: count a content change."""
    if kwargs.get("raw"):  # loaddata: the fixture itself is the change
        return
    ContentVersion.bump()


def _bump_on_page_delete(sender, instance, **kwargs):
    # post_delete fires once per concrete model in the page's inheritance chain; the
    # version only needs one bump, on the base Page row.
    if sender is Page:
        bump_content_version()


def _watched_models():
    """Non-page models whose edits change API payloads: taxonomy labels, images,
    documents, view restrictions (a page turning private) and sites (URLs)."""
    return [
        apps.get_model("core", "PublicationType"),
        apps.get_model("core", "Region"),
        apps.get_model("core", "Issue"),
        get_image_model(),
        get_document_model(),
        PageViewRestriction,
        Site,
    ]


def connect():
    """Connect the receivers (called from the app's ready())."""
    page_published.connect(bump_content_version, dispatch_uid="api-version-published")
    page_unpublished.connect(bump_content_version, dispatch_uid="api-version-unpublished")
    post_page_move.connect(bump_content_version, dispatch_uid="api-version-moved")
    post_delete.connect(_bump_on_page_delete, sender=Page, dispatch_uid="api-version-deleted")
    for model in _watched_models():
        uid = f"api-version-{model._meta.label_lower}"
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"{uid}-delete")
