"""The clock of the task queue: work that must happen on time rather than on an event.

``manage.py periodic_tasks`` calls ``enqueue_due`` every PERIODIC_TASKS_INTERVAL seconds:
scheduled publishing (go-live and expiry) and the sweep of overdue webhook deliveries are
enqueued, and the task worker runs them. Several app servers may each run the clock: a lock
in the shared cache (Redis when REDIS_URL is set) lets one of them enqueue per interval.
"""

import time

from django.conf import settings
from django.core.cache import cache

from core.tasks import publish_scheduled
from webhooks.tasks import deliver_due_webhooks

#: The periodic tasks, in the order they are enqueued.
PERIODIC_TASKS = (publish_scheduled, deliver_due_webhooks)

LOCK_KEY = "periodic-tasks:slot:{slot}"


def enqueue_due(now=None):
    """Enqueue the periodic tasks once for the current interval; returns the enqueued task
    results, or [] when another process already enqueued them for this interval."""
    interval = max(1, settings.PERIODIC_TASKS_INTERVAL)
    slot = int((now if now is not None else time.time()) // interval)
    if not cache.add(LOCK_KEY.format(slot=slot), 1, timeout=interval * 2):
        return []
    return [periodic.enqueue() for periodic in PERIODIC_TASKS]
