"""A webhook retry is a task deferred in the database queue: it outlives the worker that
failed (any worker started later sends it when its time comes), and not before."""

from datetime import timedelta

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from tests.support import factories
from tests.support.tasks import run_queue
from tests.webhooks.support import endpoint
from webhooks.models import WebhookDelivery


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_retry_waits_in_the_queue_until_its_time_then_any_worker_sends_it(
    receiver, tree, database_queue, loopback_allowed, settings
):
    settings.WEBHOOKS_RETRY_BASE_SECONDS = 30
    server = receiver(statuses=[503])
    endpoint(server.url)
    factories.brief("Retried later", slug="retried-later")
    assert len(server.requests) == 0  # publishing only enqueued the delivery
    run_queue()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.status_code) == ("retrying", 1, 503)
    [retry] = DBTaskResult.objects.filter(
        task_path="webhooks.tasks.deliver_webhook", status="READY"
    )
    assert retry.run_after == delivery.next_attempt_at
    assert retry.args_kwargs == {"args": [delivery.pk], "kwargs": {}}
    assert run_queue() == 0  # a worker started before the retry's time leaves it
    with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1), tick=False):
        run_queue()
    retry.refresh_from_db()
    assert retry.status == "SUCCESSFUL"
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, len(server.requests)) == ("delivered", 2, 2)
