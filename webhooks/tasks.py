"""The webhook work the task queue runs (webhooks/delivery.py enqueues it)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .delivery import attempt, deliver_due


@task()
def deliver_webhook(delivery_id):
    """Attempt one delivery (a failure enqueues its retry); returns the delivery's state, or
    None when it was already done or no longer exists."""
    delivery = attempt(delivery_id)
    return delivery.state if delivery is not None else None


@task()
def deliver_due_webhooks():
    """The periodic sweep: attempt the deliveries that are overdue by more than
    WEBHOOKS_SWEEP_GRACE_SECONDS (those a queue lost, or that the immediate backend could not
    defer); returns how many were attempted."""
    grace = getattr(settings, "WEBHOOKS_SWEEP_GRACE_SECONDS", 300)
    return deliver_due(older_than=timezone.now() - timedelta(seconds=grace))
