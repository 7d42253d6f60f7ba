"""Sending events: signed POSTs made by the task queue, retried with backoff.

Publishing only registers a callback: once the publishing transaction has committed, the
deliveries are recorded in a short transaction of their own and each is enqueued as a
``webhooks.tasks.deliver_webhook`` task, so the editor's request never waits on a receiver
and never shares a lock with the delivery log. Each attempt reads its delivery, sends the
POST with no transaction open (see ``transport.post``: checked address, no redirects), then
records the outcome in one short write. A failed attempt (no response, or a status other
than 2xx, 3xx included) is retried after WEBHOOKS_RETRY_BASE_SECONDS x 2^(attempt-1) up to
WEBHOOKS_MAX_ATTEMPTS: the retry is a task enqueued to run after that time, so it survives a
restart of the web and worker processes (the database or Redis queue keeps it), and the
delivery's ``next_attempt_at`` lets the periodic sweep (``deliver_due``, run by
``manage.py periodic_tasks`` and ``manage.py deliver_webhooks``) send it on a queue that
cannot defer tasks (the immediate backend) or after the queue lost it. For a failure the
delivery log keeps "delivery failed" and the HTTP status when one came back, nothing more:
the reason (address refused, connection refused, timeout) and how long it took stay out of
it (the reason goes to the server's log), so the log cannot serve to map ports.

Settings (defaults): WEBHOOKS_TIMEOUT (5 s), WEBHOOKS_MAX_ATTEMPTS (5),
WEBHOOKS_RETRY_BASE_SECONDS (30), WEBHOOKS_SWEEP_GRACE_SECONDS (300: how late a
delivery must be before the periodic sweep sends it), WEBHOOKS_ALLOWED_HOSTS (empty, see
``destinations``).
"""

import hashlib
import hmac
import logging
import time
from datetime import timedelta
from functools import partial

import orjson
from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from . import transport
from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Webhook-Signature"
FAILED = "delivery failed"


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


def enqueue(event, payload):
    """Once the current transaction commits, record a delivery of ``event`` to every active
    endpoint subscribed to it and send them in the background. Nothing is written inside the
    caller's transaction (publishing holds the database's write lock there)."""
    # robust: a failure here is logged, never raised into the request that published.
    transaction.on_commit(partial(_record_and_schedule, event, payload), robust=True)


def _record(event, payload):
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(active=True)
        if event in (endpoint.events or [])
    ]
    if not endpoints:  # no write, so no transaction (on SQLite, no write lock to wait for)
        return []
    with transaction.atomic():
        return [
            WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=payload).pk
            for endpoint in endpoints
        ]


def _record_and_schedule(event, payload):
    for pk in _retry_when_locked(partial(_record, event, payload)):
        schedule(pk)


def schedule(delivery_id, run_after=None):
    """Enqueue an attempt of a delivery, now or at ``run_after`` (a datetime). A queue that
    cannot defer tasks (the immediate backend) gets no deferred attempt: the periodic sweep
    sends the delivery once ``next_attempt_at`` has passed."""
    from .tasks import deliver_webhook

    task = deliver_webhook
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return None
        task = task.using(run_after=run_after)
    return task.enqueue(delivery_id)


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
        schedule(delivery.pk, run_after=delivery.next_attempt_at)
    return delivery


def deliver_due(now=None, older_than=None):
    """Attempt every pending or retrying delivery that is due (synchronously); returns the
    number attempted. ``older_than`` (a datetime) leaves out deliveries recorded, or due,
    after it: the periodic sweep passes a time a few minutes back, so it only picks up the
    deliveries the queue lost (and never sends one the queue is about to send). Run by
    ``manage.py deliver_webhooks`` and, via ``deliver_due_webhooks``, periodically."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        state__in=[WebhookDelivery.PENDING, WebhookDelivery.RETRYING]
    ).exclude(next_attempt_at__gt=older_than or now)
    if older_than is not None:
        due = due.filter(created_at__lte=older_than)
    count = 0
    for pk in list(due.values_list("pk", flat=True)):
        if attempt(pk) is not None:
            count += 1
    return count
