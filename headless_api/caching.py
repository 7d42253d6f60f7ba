"""HTTP caching of API responses: server-side cache keyed by the content version, strong
ETags, Last-Modified, 304 on conditional GET, configurable Cache-Control.

A cache hit runs no SQL: the content version is mirrored from the database into the cache
(``content_version``), and the publish that bumps it drops the mirror in every process that
shares the cache.

Settings (see docs/api.md): API_CACHE_MAX_AGE (default 0: browsers revalidate, which
costs a 304), API_CACHE_S_MAXAGE (60), API_CACHE_STALE_WHILE_REVALIDATE (30),
API_CACHE_TIMEOUT (server-side lifetime of a cached body, 3600 s), API_CACHE_ALIAS
(the Django cache, "default") and API_VERSION_MIRROR_SECONDS (how long a process-local
cache may trust its mirror of the content version, 1 s; a shared cache such as Redis
keeps it until the next change).
"""

import datetime
import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from core.page_cache import edge_active, entry_timeout, next_scheduled_change, offer_to_edge
from core.visibility import restrictions_read_once

from .models import ContentVersion

JSON = "application/json"


def cache_control():
    """The Cache-Control value for public API responses."""
    return (
        f"public, max-age={getattr(settings, 'API_CACHE_MAX_AGE', 0)}, "
        f"s-maxage={getattr(settings, 'API_CACHE_S_MAXAGE', 60)}, "
        f"stale-while-revalidate={getattr(settings, 'API_CACHE_STALE_WHILE_REVALIDATE', 30)}"
    )


def strong_etag(body):
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def _not_modified(request, etag, last_modified):
    """RFC 9110: If-None-Match wins; If-Modified-Since only counts without it."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        tags = parse_etags(if_none_match)
        return "*" in tags or etag in tags or f"W/{etag}" in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and int(last_modified.timestamp()) <= since


def _finish(request, body, etag, last_modified):
    headers = {
        "ETag": etag,
        "Last-Modified": http_date(last_modified.timestamp()),
        "Cache-Control": cache_control(),
    }
    if _not_modified(request, etag, last_modified):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=JSON)
    for name, value in headers.items():
        response[name] = value
    return response


VERSION_KEY = "api:v1:content-version"


def edge_version(version):
    """The edge cache's label of the API's content version ``version``."""
    return f"api:{version}"


def cache_alias():
    """The alias of the Django cache that holds the API's answers (API_CACHE_ALIAS)."""
    return getattr(settings, "API_CACHE_ALIAS", "default")


def api_cache():
    return caches[cache_alias()]


def _mirror_seconds(cache):
    """How long the cache may answer for the database's content version. A cache shared by
    every server process (Redis, memcached, the database cache) is told of each change, so
    it keeps the mirror until then; a process-local one is not told of a change made by
    another process, so it re-reads the version after API_VERSION_MIRROR_SECONDS."""
    if isinstance(cache, LocMemCache | DummyCache):
        return getattr(settings, "API_VERSION_MIRROR_SECONDS", 1)
    return None


def content_version(cache):
    """(version, changed_at) of the content, from the cache's mirror when it has one (no
    SQL), else from the database (then mirrored)."""
    mirrored = cache.get(VERSION_KEY)
    if mirrored is None:
        mirrored = ContentVersion.current()
        cache.set(VERSION_KEY, mirrored, _mirror_seconds(cache))
    return mirrored


def forget_content_version():
    """Drop the cache's mirror of the content version: now, so this process never serves
    what the change made stale, and again after the commit, because another process may
    mirror the old version from the database before the change is committed."""
    cache = api_cache()
    cache.delete(VERSION_KEY)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete(VERSION_KEY))


def stored_for(cache, version, limit):
    """Seconds a response built now may stay cached: ``limit``, cut at the next scheduled
    change (a page due to go live or to expire), so an expired page leaves every cached
    response when its time comes, although nothing bumps the content version then. The
    next change is looked up once per content version (scheduling bumps it) and reused
    until it has passed."""
    now = timezone.now()
    key = f"api:v1:{version}:next-change"
    stored = cache.get(key)
    if stored is None or (stored and stored <= now.timestamp()):
        found = next_scheduled_change(now)
        stored = found.timestamp() if found else 0
        cache.set(key, stored, limit)
    next_change = datetime.datetime.fromtimestamp(stored, tz=datetime.UTC) if stored else None
    return entry_timeout(now, next_change, limit)


def cached_response(view):
    """Serve ``view``'s 200 responses from the cache while the content version holds.

    The key holds the content version, so a publish anywhere changes every key: nothing
    stale is served after it (in every process that shares the cache; see
    ``_mirror_seconds`` for process-local caches). Entries also end at the next scheduled
    go-live or expiry (``stored_for``)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cache = api_cache()
        version, changed_at = content_version(cache)
        uri = request.build_absolute_uri()
        key = f"api:v1:{version}:{hashlib.md5(uri.encode(), usedforsecurity=False).hexdigest()}"
        entry = cache.get(key)
        lifetime = getattr(settings, "API_CACHE_TIMEOUT", 3600)
        if entry is None:
            with restrictions_read_once():
                response = view(request, *args, **kwargs)
            if response.status_code != 200:
                response.setdefault("Cache-Control", "no-cache")
                return response
            body = response.content
            entry = (body, strong_etag(body))
            timeout = stored_for(cache, version, lifetime)
            if timeout > 0:
                cache.set(key, entry, timeout)
        body, etag = entry
        response = _finish(request, body, etag, changed_at)
        if response.status_code == 200 and edge_active(request):
            # The edge cache in front of Django (deployment.edge_cache) keeps the final bytes.
            offer_to_edge(request, stored_for(cache, version, lifetime), edge_version(version))
        return response

    return wrapper


def uncached_response(response):
    """Mark a response that must never be stored (preview drafts)."""
    response["Cache-Control"] = "private, no-store"
    return response
