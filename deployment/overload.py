"""The overload guard: a saturated process answers 503 with Retry-After instead of queueing
without bound.

Two limits, both per process (docs/deployment.md explains the design):

- **Working slots** (OVERLOAD_MAX_CONCURRENT_REQUESTS): at most this many requests run
  Django code at once. More would only share the same CPU (the GIL) and hold more database
  connections. A request waits for a slot, but not past its queue budget.
- **Queue budget** (OVERLOAD_MAX_QUEUE_SECONDS): the longest a request may wait before work
  starts on it, counted from when it entered the queue: when gunicorn handed its connection
  to the thread pool (``deployment.gunicorn_worker`` records it) or, when
  OVERLOAD_TRUST_X_REQUEST_START is on, when the front proxy received it (its
  ``X-Request-Start`` header). A request over budget is answered 503 at once: serving it late
  would only make every request behind it later still.

Each 503 carries ``Retry-After: OVERLOAD_RETRY_AFTER_SECONDS`` and ``Cache-Control: no-store``
(a shared cache must not keep the refusal).
"""

import logging
import threading
import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse

logger = logging.getLogger(__name__)

# When the request now being handled on this thread entered gunicorn's queue
# (time.monotonic() of the worker process); set by deployment.gunicorn_worker.
_queue_clock = threading.local()


def mark_queued(monotonic_time):
    """Record that the request about to run on this thread was queued at ``monotonic_time``
    (None: unknown). Called by the gunicorn worker before it hands the request to Django."""
    _queue_clock.queued_at = monotonic_time


def _seconds_in_server_queue():
    queued_at = getattr(_queue_clock, "queued_at", None)
    return 0.0 if queued_at is None else max(0.0, time.monotonic() - queued_at)


def parse_request_start(value, now=None):
    """Seconds since the time in an ``X-Request-Start`` header (``t=`` optional; seconds,
    milliseconds or microseconds since the epoch, as nginx, HAProxy or Heroku send it), or
    None when the header is absent or unreadable. Never negative."""
    if not value:
        return None
    text = value.strip()
    if text.startswith("t="):
        text = text[2:]
    try:
        stamp = float(text)
    except ValueError:
        return None
    # Tell the unit from the magnitude: seconds are ~1.7e9 today, ms ~1.7e12, µs ~1.7e15.
    if stamp > 1e14:
        stamp /= 1e6
    elif stamp > 1e11:
        stamp /= 1e3
    now = time.time() if now is None else now
    return max(0.0, now - stamp)


class OverloadGuardMiddleware:
    """Answers 503 + Retry-After when a request would wait too long for a working slot.

    Put it after the middleware that must still see a refused request (CORS, security
    headers) and before anything that does real work (sessions, authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response
        limit = settings.OVERLOAD_MAX_CONCURRENT_REQUESTS
        if not limit:
            raise MiddlewareNotUsed("OVERLOAD_MAX_CONCURRENT_REQUESTS is 0: guard off")
        self.slots = threading.BoundedSemaphore(limit)
        self.max_queue_seconds = settings.OVERLOAD_MAX_QUEUE_SECONDS
        self.retry_after = settings.OVERLOAD_RETRY_AFTER_SECONDS
        self.trust_request_start = settings.OVERLOAD_TRUST_X_REQUEST_START

    def seconds_queued(self, request):
        """How long the request has already waited before reaching Django."""
        waited = _seconds_in_server_queue()
        if self.trust_request_start:
            proxy_wait = parse_request_start(request.META.get("HTTP_X_REQUEST_START"))
            if proxy_wait is not None:
                # The proxy's clock started earlier: its wait includes gunicorn's.
                waited = max(waited, proxy_wait)
        return waited

    def __call__(self, request):
        if getattr(request, "is_dummy", False):
            # Wagtail's admin preview runs a dummy request through the middleware inside
            # the admin request, which already holds a slot.
            return self.get_response(request)
        budget = self.max_queue_seconds - self.seconds_queued(request)
        if budget <= 0:
            return self.refuse(request, "waited past the queue budget")
        if not self.slots.acquire(timeout=budget):
            return self.refuse(request, "no working slot within the queue budget")
        # Admitted: from here on the time is working time, not queueing time.
        mark_queued(None)
        try:
            return self.get_response(request)
        finally:
            self.slots.release()

    def refuse(self, request, reason):
        """The 503 a saturated process answers with."""
        logger.warning("Overloaded, refused %s %s: %s", request.method, request.path, reason)
        response = HttpResponse(
            f"The site is busy. Please try again in {self.retry_after} seconds.\n",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(self.retry_after)
        response["Cache-Control"] = "no-store"
        return response
