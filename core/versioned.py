"""Values read from published content, kept in this process until that content changes.

Some reads are the same for every page a process serves: the site a host name selects, the
site identity and navigation, the view restrictions, a language's home page or analysis
index. ``per_content_version`` keeps each such value in a dictionary tied to the site-wide
content version of ``core.page_cache`` (a number in the cache, bumped by
``core.signals.content_changed`` on every publish, unpublish, move, taxonomy, restriction or
site change). When the version moves on, every value is dropped at once and read again on
first use; so is every value once PAGE_CACHE_SECONDS have passed. Values that depend on
what readers may see *now* (``follows_clock``) are dropped at the next scheduled go-live or
expiry too, the page cache's own cap.

Reading the version is one cache read (no SQL). A request settles on its values' generation
at its first kept value (and checks the clock at its first value that follows it), then keeps
it to its end: a page asks for dozens of kept values, an API listing of 20 cards about 160.
A bump by this process meanwhile makes the request settle again. Outside a request each call
reads the version. When the cache does not answer, nothing is kept and each call reads the
database. With several processes, share the version through Redis (REDIS_URL): a
process-local cache, like the page cache, lets other processes keep their values until
PAGE_CACHE_SECONDS pass. See docs/caching.md.
"""

import functools
import math
import threading
import time

from django.utils import timezone


class _Generation:
    """The values kept for one content version, until ``expires`` (monotonic seconds)."""

    def __init__(self, version, expires):
        self.version = version
        self.expires = expires
        self.values = {}  # per_content_version's, keyed by function and arguments
        self.requested = {}  # kept's, keyed by what readers asked for (KEPT_LIMIT at most)
        self._next_change = None  # unknown until a value that follows the clock asks

    def next_change(self, cache):
        """The POSIX time of the next scheduled go-live or expiry (infinity when none),
        read once per generation (one query per content version, shared with the page
        cache, which caps its entries at the same instant)."""
        from . import page_cache

        if self._next_change is None:
            found = page_cache.next_change(cache, self.version, timezone.now())
            self._next_change = found.timestamp() if found else math.inf
        return self._next_change


_generation = None


# What the current request has settled on (see the module's docstring): ``active`` inside a
# request; ``generation`` once a kept value asked, and ``clock_checked`` once one that
# follows the clock did.
_request = threading.local()


def request_started(**kwargs):
    _request.active, _request.generation, _request.clock_checked = True, None, False


def request_finished(**kwargs):
    _request.__dict__.clear()


def version_changed():
    """This process bumped the content version: the running request reads it again."""
    _request.generation = None


def _current(follows_clock):
    """The live generation: a new one when the version has moved, the old one expired, or
    (for a value that ``follows_clock``) a scheduled change has come; None when the cache
    does not answer. Inside a request, settled at its first use (and at its first use that
    follows the clock)."""
    active = getattr(_request, "active", False)
    if active:
        generation = _request.generation
        if generation is not None and (_request.clock_checked or not follows_clock):
            return generation
    generation = _live(follows_clock)
    if active and generation is not None:
        _request.generation = generation
        _request.clock_checked = _request.clock_checked or follows_clock
    return generation


def _live(follows_clock):
    global _generation
    from . import page_cache  # (it imports Wagtail's views, which need the app registry)

    cache = page_cache.page_cache()
    version = page_cache.current_version(cache)
    if version is None:
        return None
    generation = _generation
    if (
        generation is None
        or generation.version != version
        or time.monotonic() >= generation.expires
        or (follows_clock and timezone.now().timestamp() >= generation.next_change(cache))
    ):
        generation = _generation = _Generation(version, time.monotonic() + page_cache.max_seconds())
    return generation


def clear():
    """Forget every value (the tests start each case so)."""
    global _generation
    _generation = None
    _request.__dict__.clear()


#: At most this many values are kept per content version by :func:`kept` (its keys come
#: from readers' requests, e.g. filter combinations); past it, values are computed each time.
KEPT_LIMIT = 10_000


def _keep(values, key, compute, follows_clock, limit=None):
    generation = _current(follows_clock)
    if generation is None:
        return compute()
    values = getattr(generation, values)
    try:
        return values[key]
    except KeyError:
        value = compute()
        if limit is None or len(values) < limit:
            values[key] = value
        return value


def kept(key, compute, *, follows_clock=False):
    """``compute()``, kept under ``key`` (hashable) as :func:`per_content_version` keeps its
    values: for a value of something unhashable, such as the count of a queryset, keyed by
    what made the queryset (the filters a reader chose). At most KEPT_LIMIT such values are
    kept per content version (past it, ``compute()`` runs each time), apart from
    per_content_version's, so that readers' combinations never push those out."""
    return _keep("requested", key, compute, follows_clock, KEPT_LIMIT)


def per_content_version(fn=None, *, follows_clock=False):
    """Keep ``fn(*args)`` (hashable positional arguments) until the content changes.

    Pass ``follows_clock=True`` when the value depends on what readers may see now (it uses
    ``core.visibility.visible``, which honours expiry times when read): it is then also
    dropped at the next scheduled go-live or expiry.

    The value is shared by every request and thread of the process: return something that
    callers only read (tuples, frozen dataclasses, model instances they do not modify).
    ``fn.uncached`` calls the function itself.
    """
    if fn is None:
        return functools.partial(per_content_version, follows_clock=follows_clock)

    @functools.wraps(fn)
    def wrapper(*args):
        return _keep("values", (wrapper, args), lambda: fn(*args), follows_clock)

    wrapper.uncached = fn
    return wrapper
