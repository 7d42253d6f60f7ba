"""Which pages anonymous readers may see: the one rule every public surface applies.

A page is visible when it is live, outside every private section (a login, password or group
restriction on it or on an ancestor) and not past its expiry time; a page of a type
registered with ``@bound_to_parent`` (a report's chapter) is visible only when its parent
page is live and not past its expiry time as well (Wagtail leaves the children of an
unpublished page live and serves them; a private parent's restriction covers its children
already). Expiry is honoured when read: a page whose ``expire_at`` has passed is hidden at
once, not only when ``publish_scheduled`` next runs and unpublishes it. HTML pages, listings
and their filter options, feeds, the sitemap, both APIs and webhook payloads all go through
``visible()`` (or ``BriefPage.objects.for_readers``, built on it); ``core.wagtail_hooks``
makes Wagtail's page serving refuse expired pages with a 404.

Wagtail's ``PageQuerySet.public()`` reads every PageViewRestriction each time it is
called; one API detail calls it for the page, its translations, its authors' profiles
and its Recommended cards. Inside ``restrictions_read_once()`` the first call reads them
and later calls reuse the condition; outside it, every call reads them (as ``public()``).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from .versioned import per_content_version

_scope = ContextVar("view_restrictions_scope", default=None)

#: Page models whose pages readers see only while their parent page is published.
_BOUND_TO_PARENT = []


def bound_to_parent(model):
    """Class decorator: pages of ``model`` are shown to readers only while their parent page
    is live and not past its expiry time (a report's chapters). Lower layers cannot import
    the models that need it, so they register here."""
    if model not in _BOUND_TO_PARENT:
        _BOUND_TO_PARENT.append(model)
    return model


def _bound_models(model=Page):
    """The ``@bound_to_parent`` models whose pages a queryset of ``model`` may hold (none for
    a BriefPage or ExpertPage queryset: a chapter is neither)."""
    return [bound for bound in _BOUND_TO_PARENT if issubclass(bound, model)]


def orphaned_q(now=None, models=None):
    """The condition matching pages of a ``@bound_to_parent`` type (of ``models``, by
    default all) whose parent is not published (a draft, unpublished, scheduled or expired
    parent). A subquery in the same SQL statement: no query of its own. It names Page
    columns only."""
    now = now or timezone.now()
    condition = Q(pk__in=[])
    for model in _BOUND_TO_PARENT if models is None else models:
        parent_published = Page.objects.filter(
            depth=OuterRef("depth") - 1,
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen),
            live=True,
        ).exclude(expire_at__lte=now)
        # Named by content type, an indexed column, so the database starts from the few
        # pages of that type instead of reading every page (SQLite did, once the archive
        # held tens of thousands of briefs and no chapter).
        pages = model.objects.filter(_of_type(model)).exclude(Exists(parent_published))
        condition |= Q(pk__in=pages.values("pk"))
    return condition


def _of_type(model):
    """The pages whose content type is ``model`` or one of its subclasses (by app label and
    model name: a join, not a query of its own)."""
    condition = Q(pk__in=[])
    for page_model in [model, *(m for m in _subclasses(model))]:
        condition |= Q(
            content_type__app_label=page_model._meta.app_label,
            content_type__model=page_model._meta.model_name,
        )
    return condition


def _subclasses(model):
    for subclass in model.__subclasses__():
        if not subclass._meta.abstract and not subclass._meta.proxy:
            yield subclass
        yield from _subclasses(subclass)


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
        return _restricted_sections()
    if "private_q" not in scope:
        scope["private_q"] = _restricted_sections()
    return scope["private_q"]


@per_content_version
def view_restrictions():
    """Every page view restriction, with its page (kept until the content changes: saving
    or deleting a restriction, or moving a page, changes the content version)."""
    return tuple(PageViewRestriction.objects.select_related("page"))


def _restricted_sections():
    # Wagtail's PageQuerySet.private_q(), from the kept restrictions.
    condition = Q()
    for restriction in view_restrictions():
        condition |= Page.objects.descendant_of_q(restriction.page, inclusive=True)
    return condition if condition else Q(pk__in=[])


def public(queryset):
    """``queryset.public()``, reading the restrictions once per ``restrictions_read_once``."""
    return queryset.exclude(private_q())


def is_expired(page, now=None):
    """Whether ``page`` is past its expiry time (whether or not it is still live)."""
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


def published(queryset, now=None):
    """The pages of ``queryset`` that are live and not past their expiry time (``now``, by
    default the clock's), private or not (what a reader who passed a page's restriction may
    open), leaving out the pages of a ``@bound_to_parent`` type whose parent is not (see
    :func:`orphaned_q`)."""
    now = now or timezone.now()
    queryset = queryset.live().exclude(expire_at__lte=now)
    bound = _bound_models(queryset.model)
    if bound:  # (building the subquery is most of the cost of calling visible())
        queryset = queryset.exclude(orphaned_q(now, bound))
    return queryset


def visible(queryset, now=None):
    """The pages of ``queryset`` that anonymous readers may see: live, outside every private
    section, and not past their expiry time at ``now`` (by default the clock's: honoured
    when read, not only when ``publish_scheduled`` next runs); a chapter only while its
    report is published too."""
    return public(published(queryset, now))


def visible_ids(ids):
    """The subset of page ``ids`` that readers may see (one query)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return set()
    return set(visible(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def visible_q(now=None):
    """The condition of :func:`visible` as a Q over Page columns, for annotating a queryset
    that must also hold pages readers may not see (e.g. the targets of links)."""
    now = now or timezone.now()
    condition = Q(live=True) & ~private_q() & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    if _BOUND_TO_PARENT:
        condition &= ~orphaned_q(now)
    return condition


class VisiblePageQuerySet(PageQuerySet):
    """A page queryset with the readers' rule as a method."""

    def visible(self, now=None):
        """See :func:`visible`."""
        return visible(self, now)


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)
"""The manager of page models whose readers' querysets start from ``visible()``."""
