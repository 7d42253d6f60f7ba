"""Full-page cache of the public HTML for anonymous readers.

``PageCacheMiddleware`` stores the 200 HTML responses of Wagtail's page view (pages, the
analysis listing and its term landing pages) and serves them again without running the
view: a hit reads two cache keys and runs no SQL. Responses carry ``X-Cache: hit`` or
``X-Cache: miss`` (and ``Age`` on a hit).

What is never read from or written to the cache: anything but GET/HEAD; any other view
(admin, APIs, documents, sitemap, password forms); admin previews; requests that carry a
session or messages cookie or an Authorization header (logged-in users, a passed page
password). What is never stored: responses that are not 200 text/html, that set a cookie,
that used the CSRF token (a form), that say ``private``/``no-store``/``no-cache`` (Wagtail
marks restricted pages so), or that were rendered for an authenticated user or a session.

Keys hold the site-wide content version, the active language and the absolute URL (scheme,
host, path and query string). The version is a number kept in the cache itself, so reading
it costs no SQL; ``core.signals.content_changed`` (publish, unpublish, move, delete,
taxonomy, images, documents, restrictions, sites, scheduling) bumps it, which makes every
stored page unreachable at once.

Settings: PAGE_CACHE_ENABLED (True), PAGE_CACHE_SECONDS (300), PAGE_CACHE_ALIAS ("default").
See docs/caching.md.
"""

import datetime
import hashlib
import math
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re
from django.utils.deprecation import MiddlewareMixin
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page, Revision

from . import versioned
from .signals import content_changed

VERSION_KEY = "pagecache:version"

#: Set to True in the WSGI environ by an edge cache that wraps the whole application
#: (``deployment.edge_cache.EdgeCache``, installed by config/wsgi.py). The views then leave
#: storing to it: they put the seconds a response may be kept, and the content version it
#: was built from, under ``EDGE_STORE`` instead, and the edge stores the final answer.
EDGE_ACTIVE = "thinktank.edge_cache"
EDGE_STORE = "thinktank.edge_cache.store"


def edge_active(request):
    """Whether an edge cache in front of Django looks up and stores this request."""
    return request.META.get(EDGE_ACTIVE) is True


def offer_to_edge(request, timeout, version):
    """Tell the edge cache that the response to ``request``, built from content ``version``
    (a label such as ``edge_version(n)``), may be kept ``timeout`` seconds."""
    request.META[EDGE_STORE] = (timeout, version)


def edge_version(version):
    """The edge cache's label of the pages' content version ``version``."""
    return f"page:{version}"


# Cache-Control directives by which a view says its response is not for everyone.
_PERSONAL_DIRECTIVES = frozenset({"private", "no-store", "no-cache"})


def is_enabled():
    """Whether the page cache reads and fills (read on each request, so tests can flip it)."""
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def max_seconds():
    """The longest a page stays cached (PAGE_CACHE_SECONDS)."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 300))


def cache_alias():
    """The alias of the Django cache that holds pages and their content version
    (PAGE_CACHE_ALIAS)."""
    return getattr(settings, "PAGE_CACHE_ALIAS", "default")


def page_cache():
    """The Django cache that holds pages and the content version (PAGE_CACHE_ALIAS)."""
    return caches[cache_alias()]


# --- the content version -------------------------------------------------------------------


def _fresh_version():
    # Nanoseconds since the epoch rather than 1: if the version key is ever evicted, the
    # new version is larger than any count reached before, so no old entry comes back.
    return time.time_ns()


def current_version(cache=None):
    """The site-wide content version, created on first use; None when the cache is
    unreachable (django-redis with IGNORE_EXCEPTIONS answers None), in which case the
    caller neither reads nor fills."""
    cache = cache or page_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_version(cache=None):
    """Make every stored page stale (an atomic increment, shared by all processes that
    use the same cache)."""
    cache = cache or page_cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or evicted): any new one leaves old entries behind
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
    versioned.version_changed()


def _on_content_changed(**kwargs):
    # Bump now, so that this process (and the rest of this transaction) never reads a
    # stale page; and bump again after the commit, because another process may fill the
    # cache between the first bump and the commit with what the database still showed.
    # Always bump, even with the cache disabled: turning it back on must not revive pages
    # stored before the change.
    bump_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump_version)


def connect():
    """Bump the content version on every ``content_changed`` (called from CoreConfig.ready)."""
    content_changed.connect(_on_content_changed, dispatch_uid="core-page-cache-version")


# --- scheduled publishing ----------------------------------------------------------------


#: Hook through which an app whose pages change with the clock (events: upcoming becomes
#: past, a join link appears) names its next such instant, so no cached page or API answer
#: outlives it: ``fn(now) -> datetime | None``.
NEXT_CHANGE_HOOK = "page_cache_next_change"


def next_scheduled_change(now):
    """The first instant after ``now`` when a page is due to go live (a revision approved
    for later) or to expire (a live page's expire_at), or when an app's time-dependent
    content changes (``NEXT_CHANGE_HOOK``); None if nothing is scheduled."""
    instants = [fn(now) for fn in hooks.get_hooks(NEXT_CHANGE_HOOK)]
    instants.append(_next_publishing_change(now))
    instants = [instant for instant in instants if instant is not None]
    return min(instants) if instants else None


def _next_publishing_change(now):
    # One query: the two candidate columns in a UNION, the earliest first. The parts must
    # drop their models' default ordering (SQL forbids ORDER BY inside a compound part).
    expiries = (
        Page.objects.filter(live=True, expire_at__gt=now)
        .order_by()
        .values_list("expire_at", flat=True)
    )
    go_lives = (
        Revision.objects.filter(approved_go_live_at__gt=now)
        .order_by()
        .values_list("approved_go_live_at", flat=True)
    )
    return expiries.union(go_lives, all=True).order_by("expire_at").first()


def entry_timeout(now, next_change, limit):
    """Seconds a page rendered at ``now`` may stay cached: ``limit``, cut at the next
    scheduled change and rounded down, so no entry outlives that instant; 0 means
    "do not store"."""
    if next_change is None:
        return limit
    return max(0, min(limit, math.floor((next_change - now).total_seconds())))


def next_change(cache, version, now):
    """``next_scheduled_change``, queried once per content version and reused until the
    instant it found has passed. Scheduling bumps the version, so a new schedule is seen."""
    key = f"pagecache:{version}:next-change"
    stored = cache.get(key)
    if stored is not None and (stored == 0 or stored > now.timestamp()):
        return None if stored == 0 else datetime.datetime.fromtimestamp(stored, tz=datetime.UTC)
    found = next_scheduled_change(now)
    cache.set(key, found.timestamp() if found else 0, timeout=max_seconds())
    return found


# --- the middleware ------------------------------------------------------------------------


def entry_key(request, version):
    """The cache key of the page ``request`` asks for, under content ``version``."""
    url = request.build_absolute_uri()
    digest = hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
    return f"pagecache:{version}:{translation.get_language()}:{digest}"


def is_cacheable_request(request, view_func):
    """Whether ``request`` is an anonymous reader's GET of a Wagtail page."""
    if request.method not in ("GET", "HEAD") or view_func is not wagtail_views.serve:
        return False
    if getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def is_public_response(request, response):
    """Whether ``response`` is the same for every anonymous reader of this URL."""
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies or "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
        # A cookie is per visitor; a used CSRF token (a form) is per visitor too. The CSRF
        # middleware resets its flag to False once the cookie is set, so test for the key.
        return False
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if directives & _PERSONAL_DIRECTIVES:
        return False
    if getattr(request, "is_preview", False):
        return False
    session = getattr(request, "session", None)
    if session is not None and not session.is_empty():
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _entry(response, now):
    return {
        "content": response.content,
        "headers": list(response.items()),
        "stored_at": now.timestamp(),
    }


def _response(entry):
    response = HttpResponse(entry["content"])
    del response["Content-Type"]  # the stored headers carry the page's own
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Cache"] = "hit"
    response["Age"] = str(max(0, int(time.time() - entry["stored_at"])))
    return response


class PageCacheMiddleware(MiddlewareMixin):
    """Serve anonymous readers' page views from the cache; store the ones that are public.

    Place it before SessionMiddleware and LocaleMiddleware: its ``process_response`` then
    sees the headers they add (Vary, Content-Language), so a hit carries the same headers
    as the miss that stored it, while its ``process_view`` (run after every middleware's
    ``process_request``) already knows the active language and the resolved view.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_enabled() or not is_cacheable_request(request, view_func):
            return None
        cache = page_cache()
        version = current_version(cache)
        if version is None:
            return None
        if edge_active(request):
            # The edge has looked this URL up already (a miss); it stores what we offer.
            request._page_cache_pending = (None, version)
            return None
        key = entry_key(request, version)
        entry = cache.get(key)
        if entry is not None:
            return _response(entry)
        request._page_cache_pending = (key, version)
        return None

    def process_response(self, request, response):
        pending = getattr(request, "_page_cache_pending", None)
        if pending is None:
            return response
        key, version = pending
        if is_public_response(request, response):
            cache = page_cache()
            now = timezone.now()
            timeout = entry_timeout(now, next_change(cache, version, now), max_seconds())
            if timeout > 0 and key is None:
                offer_to_edge(request, timeout, edge_version(version))
            elif timeout > 0:
                cache.set(key, _entry(response, now), timeout)
        response["X-Cache"] = "miss"
        return response
