"""Run by tests/webhooks/test_delivery.py in a process of its own, on a SQLite file given by
DATABASE_URL (the project's own SQLite settings): publishes N briefs back to back while their
webhooks are delivered to a slow receiver on 127.0.0.1, then waits for the deliveries.
Prints "published N" and "delivered N"; a publish that fails ends it with a traceback."""

import sys
import time

import django


def main(count):
    django.setup()
    from django.conf import settings

    from tests.support import factories
    from webhooks.models import WebhookDelivery

    settings.WEBHOOKS_ALLOWED_HOSTS = ["127.0.0.1"]
    for number in range(count):
        factories.brief(f"Concurrent brief {number}", slug=f"concurrent-brief-{number}")
    print(f"published {count}", flush=True)
    delivered = WebhookDelivery.objects.filter(state=WebhookDelivery.DELIVERED)
    deadline = time.monotonic() + 60
    while delivered.count() < count and time.monotonic() < deadline:
        time.sleep(0.1)
    print(f"delivered {delivered.count()}", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
