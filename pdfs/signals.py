"""A page's stored PDFs go when it is unpublished or deleted (a new publication makes a new
revision, whose PDF is made on its first request)."""

from wagtail.signals import page_unpublished


def _forget(sender, instance, **kwargs):
    from .editions import forget_older

    forget_older(instance)


def connect():
    page_unpublished.connect(_forget, dispatch_uid="pdfs-forget-unpublished")
