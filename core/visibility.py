"""Which pages anonymous readers may see, with the view restrictions read once per request.

Wagtail's ``PageQuerySet.public()`` reads every PageViewRestriction each time it is
called; one API detail calls it for the page, its translations, its authors' profiles
and its Recommended cards. Inside ``restrictions_read_once()`` the first call reads them
and later calls reuse the condition; outside it, every call reads them (as ``public()``).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet

_scope = ContextVar("view_restrictions_scope", default=None)


@contextmanager
def restrictions_read_once():
    """Read the view restrictions at most once in this block (one request)."""
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


def private_q():
    """The condition matching pages in a private section (Wagtail's ``private_q``).
    It only names Page columns, so it applies to any page model's queryset."""
    scope = _scope.get()
    if scope is None:
        return Page.objects.all().private_q()
    if "private_q" not in scope:
        scope["private_q"] = Page.objects.all().private_q()
    return scope["private_q"]


def public(queryset):
    """``queryset.public()``, reading the restrictions once per ``restrictions_read_once``."""
    return queryset.exclude(private_q())


def visible(queryset):
    """The pages of ``queryset`` that anonymous readers may see: live, outside every private
    section, and not past their expiry time (honoured when read, not only when
    ``publish_scheduled`` next runs)."""
    return public(queryset.live()).exclude(expire_at__lte=timezone.now())


def visible_q():
    """The condition of :func:`visible` as a Q over Page columns, for annotating a queryset
    that must also hold pages readers may not see (e.g. the targets of links)."""
    return (
        Q(live=True) & ~private_q() & (Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
    )


class VisiblePageQuerySet(PageQuerySet):
    """A page queryset with the readers' rule as a method."""

    def visible(self):
        """See :func:`visible`."""
        return visible(self)


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)
"""The manager of page models whose readers' querysets start from ``visible()``."""
