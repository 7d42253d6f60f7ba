"""Sending events: signed POSTs from a background thread pool, retried with backoff.

Publishing only registers a callback: once the publishing transaction has committed, the
deliveries are recorded in a short transaction of their own and handed to a small thread
pool, so the editor's request never waits on a receiver and never shares a lock with the
delivery log. Each attempt reads its delivery, sends the POST with no transaction open (see
``transport.post``: checked address, no redirects), then records the outcome in one short
write. A failed attempt (no response, or a status other than 2xx, 3xx included) is retried
after WEBHOOKS_RETRY_BASE_SECONDS x 2^(attempt-1) up to WEBHOOKS_MAX_ATTEMPTS. For a failure
the delivery log keeps "delivery failed" and the HTTP status when one came back, nothing more:
the reason (address refused, connection refused, timeout) and how long it took stay out of it
(the reason goes to the server's log), so the log cannot serve to map ports. Deliveries whose
process died before they were sent are picked up by ``manage.py deliver_webhooks``.

Settings (defaults): WEBHOOKS_TIMEOUT (5 s), WEBHOOKS_MAX_ATTEMPTS (5),
WEBHOOKS_RETRY_BASE_SECONDS (30), WEBHOOKS_WORKERS (4), WEBHOOKS_ALLOWED_HOSTS (empty, see
``destinations``).
"""

import hashlib
import hmac
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from functools import partial

import orjson
from django.conf import settings
from django.db import OperationalError, close_old_connections, connection, connections, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from . import transport
from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Webhook-Signature"
FAILED = "delivery failed"

_executor = None
_executor_lock = threading.Lock()


def _setting(name, default):
    return getattr(settings, name, default)


def sign(body, secret):
    """The signature header value: sha256=<hex HMAC-SHA256 of the raw body>."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(body, secret, header):
    """True when ``header`` is the signature of ``body`` (constant-time comparison);
    receivers can use the same code."""
    return hmac.compare_digest(sign(body, secret), header or "")


def executor():
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(
                max_workers=_setting("WEBHOOKS_WORKERS", 4), thread_name_prefix="webhook"
            )
        return _executor


def enqueue(event, payload):
    """Once the current transaction commits, record a delivery of ``event`` to every active
    endpoint subscribed to it and send them in the background. Nothing is written inside the
    caller's transaction (publishing holds the database's write lock there)."""
    # robust: a failure here is logged, never raised into the request that published.
    transaction.on_commit(partial(_record_and_schedule, event, payload), robust=True)


def _record(event, payload):
    with transaction.atomic():
        return [
            WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=payload).pk
            for endpoint in WebhookEndpoint.objects.filter(active=True)
            if event in (endpoint.events or [])
        ]


def _record_and_schedule(event, payload):
    for pk in _retry_when_locked(partial(_record, event, payload)):
        schedule(pk)


def schedule(delivery_id, delay=0.0):
    """Attempt a delivery in the pool, now or after ``delay`` seconds."""
    if delay > 0:
        timer = threading.Timer(delay, lambda: executor().submit(_run, delivery_id))
        timer.daemon = True
        timer.start()
    else:
        executor().submit(_run, delivery_id)


def _retry_when_locked(fn, tries=40):
    """Run ``fn``, retrying while SQLite reports a locked table (shared-cache databases
    return SQLITE_LOCKED at once instead of honouring the busy timeout)."""
    for remaining in range(tries, 0, -1):
        try:
            return fn()
        except OperationalError as exc:
            if "locked" not in str(exc) or remaining == 1:
                raise
            time.sleep(0.05)
    return None


def _run(delivery_id):
    close_old_connections()
    try:
        attempt(delivery_id)
    except Exception:
        logger.exception("Webhook delivery %s crashed", delivery_id)
    finally:
        # Pool threads sit idle between deliveries: release this thread's connections now
        # rather than after CONN_MAX_AGE, so nothing holds the database open.
        connections.close_all()


def attempt(delivery_id):
    """POST one delivery once and record the outcome; schedules the retry on failure.
    Returns the delivery (None when it no longer exists or is already done).

    Never called inside a transaction: the request may take WEBHOOKS_TIMEOUT seconds, and a
    transaction open that long would hold locks that publishing needs."""
    if connection.in_atomic_block:
        raise TransactionManagementError(
            "Webhook deliveries are sent outside transactions; call attempt() after commit."
        )
    delivery = _retry_when_locked(
        lambda: WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    )
    if delivery is None or delivery.state in (WebhookDelivery.DELIVERED, WebhookDelivery.FAILED):
        return None
    endpoint = delivery.endpoint
    body = orjson.dumps(delivery.payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "thinktank-webhooks/1",
        SIGNATURE_HEADER: sign(body, endpoint.secret),
        "X-Webhook-Event": delivery.event,
        "X-Webhook-Delivery": str(delivery.pk),
    }
    started = time.monotonic()
    status = transport.post(endpoint.url, body, headers, timeout=_setting("WEBHOOKS_TIMEOUT", 5))
    elapsed_ms = int((time.monotonic() - started) * 1000)

    delivery.attempts += 1
    delivery.status_code = status
    # How long a failure took would tell a refused port from a filtered one: only a
    # response's time is kept.
    delivery.response_time_ms = elapsed_ms if status is not None else None
    if status is not None and 200 <= status < 300:
        delivery.error = ""
        delivery.state = WebhookDelivery.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.next_attempt_at = None
    else:
        delivery.error = FAILED if status is None else f"{FAILED}: HTTP {status}"
        if delivery.attempts >= _setting("WEBHOOKS_MAX_ATTEMPTS", 5):
            delivery.state = WebhookDelivery.FAILED
            delivery.next_attempt_at = None
        else:
            delay = _setting("WEBHOOKS_RETRY_BASE_SECONDS", 30) * 2 ** (delivery.attempts - 1)
            delivery.state = WebhookDelivery.RETRYING
            delivery.next_attempt_at = timezone.now() + timedelta(seconds=delay)
    # One UPDATE in autocommit: the write lock is held for that statement only.
    _retry_when_locked(delivery.save)
    if delivery.state == WebhookDelivery.RETRYING:
        schedule(delivery.pk, delay)
    return delivery


def deliver_due(now=None):
    """Attempt every pending or retrying delivery that is due (synchronously); returns the
    number attempted. For cron / after a restart."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        state__in=[WebhookDelivery.PENDING, WebhookDelivery.RETRYING]
    ).exclude(next_attempt_at__gt=now)
    count = 0
    for pk in list(due.values_list("pk", flat=True)):
        if attempt(pk) is not None:
            count += 1
    return count
