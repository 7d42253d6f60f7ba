"""A page's stored PDFs go when it is unpublished (or deleted, by cascade); a publication
makes a new revision, whose PDF a background task makes (pdfs.tasks)."""

from wagtail.signals import page_unpublished


def _forget(sender, instance, **kwargs):
    from .editions import forget_older

    forget_older(instance)


def connect():
    from . import tasks

    page_unpublished.connect(_forget, dispatch_uid="pdfs-forget-unpublished")
    tasks.connect()
