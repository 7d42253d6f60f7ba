"""Which pages anonymous readers may see: the one rule every public surface applies.

A page is visible when it is live, outside every private section (a login, password or
group restriction on it or on an ancestor) and not past its expiry time. Expiry is
honoured when read: a page whose ``expire_at`` has passed is hidden at once, not only when
``publish_scheduled`` next runs and unpublishes it. HTML pages, listings and their filter
options, feeds, the sitemap, both APIs and webhook payloads all go through ``visible()``
(or ``BriefPage.objects.for_readers``, built on it); ``core.wagtail_hooks`` makes Wagtail's
page serving refuse expired pages with a 404.

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


def is_expired(page, now=None):
    """Whether ``page`` is past its expiry time (whether or not it is still live)."""
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


def published(queryset):
    """The pages of ``queryset`` that are live and not past their expiry time, private or
    not (what a reader who passed a page's restriction may open)."""
    return queryset.live().exclude(expire_at__lte=timezone.now())


def visible(queryset):
    """The pages of ``queryset`` that anonymous readers may see: live, outside every private
    section, and not past their expiry time (honoured when read, not only when
    ``publish_scheduled`` next runs)."""
    return public(published(queryset))


def visible_ids(ids):
    """The subset of page ``ids`` that readers may see (one query)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return set()
    return set(visible(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))


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
