"""Run by tests/webhooks/test_delivery.py in a process of its own, on the database given by
DATABASE_URL (a SQLite file with the project's own SQLite settings, or PostgreSQL):
publishes N briefs back to back on the database task queue while a `manage.py db_worker`
process of its own delivers their webhooks to a slow receiver on 127.0.0.1, then waits for
the deliveries. Prints "published N" and "delivered N"; a publish that fails ends it with a
traceback. With --worker, it is that worker process."""

import os
import signal
import subprocess
import sys
import time

import django

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def configure():
    django.setup()
    from django.test.utils import override_settings

    override_settings(TASKS=DATABASE_QUEUE, WEBHOOKS_ALLOWED_HOSTS=["127.0.0.1"]).enable()


def worker():
    configure()
    from django.core.management import call_command

    call_command("db_worker", interval=0.05, reload=False, startup_delay=False, verbosity=0)


def main(count):
    configure()
    from tests.support import factories
    from webhooks.models import WebhookDelivery

    process = subprocess.Popen([sys.executable, "-m", __spec__.name, "--worker"], env=os.environ)
    try:
        for number in range(count):
            factories.brief(f"Concurrent brief {number}", slug=f"concurrent-brief-{number}")
        print(f"published {count}", flush=True)
        delivered = WebhookDelivery.objects.filter(state=WebhookDelivery.DELIVERED)
        deadline = time.monotonic() + 120
        while delivered.count() < count and time.monotonic() < deadline:
            time.sleep(0.1)
        print(f"delivered {delivered.count()}", flush=True)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


if __name__ == "__main__":
    if sys.argv[1] == "--worker":
        worker()
    else:
        main(int(sys.argv[1]))
