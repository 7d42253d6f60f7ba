"""Migration 0003 rewrites what older deliveries logged: the network error's text and the
time a failure took become "delivery failed" (with the HTTP status when there was one)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("webhooks", "0002_standard_permissions_only")]
AFTER = [("webhooks", "0003_url_rule_and_plain_delivery_errors")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_older_delivery_errors_are_reduced_to_delivery_failed():
    apps = migrate(BEFORE)
    Endpoint = apps.get_model("webhooks", "WebhookEndpoint")
    Delivery = apps.get_model("webhooks", "WebhookDelivery")
    hook = Endpoint.objects.create(name="Old", url="http://203.0.113.9/", secret="s" * 20)
    logged = [
        ("[Errno 111] Connection refused", None, 0),
        ("timed out", None, 5003),
        ("HTTP 503", 503, 120),
        ("", 200, 80),
    ]
    for error, status, elapsed in logged:
        Delivery.objects.create(
            endpoint=hook,
            event="page.published",
            payload={},
            error=error,
            status_code=status,
            response_time_ms=elapsed,
        )
    apps = migrate(AFTER)
    rows = apps.get_model("webhooks", "WebhookDelivery").objects.order_by("pk")
    assert list(rows.values_list("error", "status_code", "response_time_ms")) == [
        ("delivery failed", None, None),
        ("delivery failed", None, None),
        ("delivery failed: HTTP 503", 503, 120),
        ("", 200, 80),
    ]
