"""The edge cache: public pages and API answers served before Django runs.

``EdgeCache`` wraps the WSGI application (config/wsgi.py). For an anonymous GET or HEAD it
reads the content version and the stored answer from the cache and, on a hit, answers with
the stored status, headers and bytes: no URL resolution, no middleware, no SQL. Everything
else goes to Django untouched.

What it stores is decided by the views that already cache, not here: the page cache
(``core.page_cache.PageCacheMiddleware``) and the API's cache (``headless_api.caching``)
see that the edge is present (``EDGE_ACTIVE`` in the environ), skip their own copies and
offer the response (``EDGE_STORE``: the seconds it may be kept and the content version it
was built from, read before the view ran). The edge then keeps the
answer exactly as it left Django (under its URL, with the version it was built from: a hit
reads the current version and the answer in one round trip and serves it only when the two
match), with every header the middleware added (security headers,
CSP, Vary, Content-Language, ETag, Last-Modified). The rules of docs/caching.md therefore
hold unchanged: only public 200 answers of Wagtail pages and of /api/v1/, never for a request
that carries the session or messages cookie or an Authorization header, keyed by the content
version (bumped by ``core.signals.content_changed``) and the full URL, never kept past the
next scheduled go-live or expiry.

Conditional requests are answered here too: ``If-None-Match`` against the stored ETag, or,
without it, ``If-Modified-Since`` against the stored Last-Modified, give a 304.

Each process also keeps the answers it served most recently as Python objects
(``EDGE_CACHE_LOCAL_BYTES`` of bodies, least recently used first out). A hit on such a copy
still reads the content version from the shared cache, and serves the copy only when it was
stored under that version and its lifetime has not run out, so a publish in any process ends
it as it ends the shared entry; it spares the hit reading, unpickling and checking the whole
answer (in the shared cache, and on the wire from Redis), which was most of its cost.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from types import SimpleNamespace

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.http import parse_etags, parse_http_date_safe

from core import page_cache as pages
from headless_api import caching as api

API_PREFIX = "/api/v1/"

# Headers of the stored answer that describe one delivery, not the content.
_PER_DELIVERY = frozenset({"x-cache", "age", "date", "connection", "transfer-encoding"})
# Headers a 304 leaves out (RFC 9110 15.4.5: it has no content).
_NOT_IN_304 = frozenset({"content-length", "content-type", "content-encoding"})


@functools.cache
def _conf():
    """The settings a request asks about here, read once per process (a hit is 20 µs: nine
    reads of Django's lazy settings were a fifth of it) and again when one changes."""
    header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    return SimpleNamespace(
        proxy_header=header,
        private_cookies=(f"{settings.SESSION_COOKIE_NAME}=", f"{CookieStorage.cookie_name}="),
        not_pages=(settings.STATIC_URL, settings.MEDIA_URL),
        pages_enabled=pages.is_enabled(),
        api_alias=api.cache_alias(),
        pages_alias=pages.cache_alias(),
        local_bytes=getattr(settings, "EDGE_CACHE_LOCAL_BYTES", 32 * 1024 * 1024),
        # Each thread's areas (``_areas``), for as long as these settings hold.
        per_thread=threading.local(),
    )


@receiver(setting_changed)
def _forget_settings(**kwargs):
    _conf.cache_clear()


def _scheme(environ, conf):
    header = conf.proxy_header
    if header and environ.get(header[0]) == header[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def _url(environ, conf):
    """The request's URL as the WSGI server gave it. Not normalized: an answer is stored
    only after Django answered 200 to these very strings (valid host included)."""
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    query = environ.get("QUERY_STRING")
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    scheme = _scheme(environ, conf)
    return f"{scheme}://{host}{path}?{query}" if query else f"{scheme}://{host}{path}"


def _is_anonymous_read(environ, conf):
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in environ:
        return False
    cookies = environ.get("HTTP_COOKIE", "")
    if cookies and any(name in cookies for name in conf.private_cookies):
        return False
    return not environ.get("PATH_INFO", "").startswith(conf.not_pages)


def _api_label(mirrored):
    return api.edge_version(mirrored[0])


def _areas(conf):
    """This thread's areas, {"api": …, "pages": …}, each (cache, key of its content version,
    the edge's label of a stored version); built once per thread, as Django's
    ``caches[alias]`` gives a cache object per thread (asgiref's Local, which it looks the
    object up in, costs a tenth of a hit)."""
    areas = getattr(conf.per_thread, "areas", None)
    if areas is None:
        areas = conf.per_thread.areas = {
            "api": (caches[conf.api_alias], api.VERSION_KEY, _api_label),
            "pages": (caches[conf.pages_alias], pages.VERSION_KEY, pages.edge_version),
        }
    return areas


def _key(url):
    """The shared cache's key of the answer stored for ``url``."""
    return f"edge:{hashlib.blake2b(url.encode(), digest_size=16).hexdigest()}"


def _validators(entry):
    """(ETag, Last-Modified as a POSIX time, headers of a 304) of a stored answer, worked out
    once per entry object (a process's copy serves many conditional requests)."""
    found = entry.get("validators")
    if found is None:
        headers = {name.lower(): value for name, value in entry["headers"]}
        found = entry["validators"] = (
            headers.get("etag"),
            parse_http_date_safe(headers.get("last-modified", "")),
            [(n, v) for n, v in entry["headers"] if n.lower() not in _NOT_IN_304],
        )
    return found


def _not_modified(environ, entry):
    """RFC 9110 13.2.2: If-None-Match decides when present, else If-Modified-Since."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if not (if_none_match or if_modified_since):
        return False  # (most requests: nothing to parse)
    etag, modified, _ = _validators(entry)
    if if_none_match:
        if etag is None:
            return False
        if if_none_match == etag:
            return True  # (a client sending back the ETag it was given: nothing to parse)
        tags = parse_etags(if_none_match)
        return "*" in tags or etag in tags or f"W/{etag}" in tags
    since = parse_http_date_safe(if_modified_since)
    return since is not None and modified is not None and modified <= since


class LocalCopies:
    """The answers this process served last, by URL (each entry holds the version it
    was stored under and the time its lifetime ends); at most ``limit`` bytes of bodies, the
    least recently used dropped first. Shared by the process's threads."""

    def __init__(self):
        self._entries = OrderedDict()  # URL -> entry
        self._bytes = 0
        self._lock = threading.Lock()

    def __contains__(self, url):
        return url in self._entries

    def get(self, url, version):
        """The entry kept for ``url`` if it was stored under ``version`` and is still
        within its lifetime, else None (and a copy that can never serve again is dropped)."""
        with self._lock:
            entry = self._entries.get(url)
            if entry is None:
                return None
            if entry["version"] == version and time.time() < entry["expires_at"]:
                self._entries.move_to_end(url)
                return entry
            self._drop(url)
            return None

    def put(self, url, entry, limit):
        """Keep ``entry`` (one with an ``expires_at``: entries stored by an older release
        have none and are not kept)."""
        size = len(entry["body"])
        if "expires_at" not in entry or size > limit:
            return
        with self._lock:
            if url in self._entries:
                self._drop(url)
            self._entries[url] = entry
            self._bytes += size
            while self._bytes > limit:
                self._drop(next(iter(self._entries)))

    def _drop(self, url):
        self._bytes -= len(self._entries.pop(url)["body"])


class EdgeCache:
    """WSGI middleware: answer stored public responses without entering Django."""

    def __init__(self, application):
        self.application = application
        self.copies = LocalCopies()

    def __call__(self, environ, start_response):
        conf = _conf()
        if not _is_anonymous_read(environ, conf):
            return self.application(environ, start_response)
        url = _url(environ, conf)
        is_api = environ.get("PATH_INFO", "").startswith(API_PREFIX)
        area = _areas(conf)["api" if is_api else "pages"]
        if is_api or conf.pages_enabled:
            entry = self._stored(area, url, conf)
            if entry is not None:
                return self._serve(entry, environ, start_response)
        return self._fill(area[0], url, environ, start_response, conf)

    def _stored(self, area, url, conf):
        """The answer stored for ``url`` under the version the cache holds now, or None:
        this process's copy when it has one (one read, the version), else the shared
        cache's (the version and the answer in one round trip: one MGET with Redis)."""
        cache, version_key, label = area
        if conf.local_bytes and url in self.copies:
            stored = cache.get(version_key)
            if stored is None:
                return None
            entry = self.copies.get(url, label(stored))
            if entry is not None:
                return entry
            entry = cache.get(_key(url))
        else:
            key = _key(url)
            found = cache.get_many([version_key, key])
            stored, entry = found.get(version_key), found.get(key)
        if stored is None or entry is None or entry["version"] != label(stored):
            return None
        if conf.local_bytes:
            self.copies.put(url, entry, conf.local_bytes)
        return entry

    def _serve(self, entry, environ, start_response):
        headers = entry["headers"]
        age = ("Age", str(max(0, int(time.time() - entry["stored_at"]))))
        if _not_modified(environ, entry):
            start_response("304 Not Modified", [*_validators(entry)[2], ("X-Cache", "hit"), age])
            return []
        start_response(entry["status"], [*headers, ("X-Cache", "hit"), age])
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [entry["body"]]

    def _fill(self, cache, url, environ, start_response, conf):
        environ[pages.EDGE_ACTIVE] = True
        sent = {}

        def remember(status, headers, exc_info=None):
            sent["status"], sent["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.application(environ, remember)
        # Stored under the version the view built the answer from (offered with it), which
        # may be newer than the one looked up: never an older answer under a newer version.
        timeout, version = environ.get(pages.EDGE_STORE, (0, None))
        if not timeout or environ["REQUEST_METHOD"] != "GET" or sent.get("status") != "200 OK":
            return result
        headers = [(n, v) for n, v in sent["headers"] if n.lower() not in _PER_DELIVERY]
        if any(name.lower() == "set-cookie" for name, _ in headers):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # Django's request_finished: connections, signals
        now = time.time()
        entry = {
            "status": sent["status"],
            "headers": headers,
            "body": body,
            "version": version,
            "stored_at": now,
            "expires_at": now + timeout,
        }
        cache.set(_key(url), entry, timeout)
        if conf.local_bytes:
            self.copies.put(url, entry, conf.local_bytes)
        return [body]
