"""Enqueue the periodic tasks (scheduled publishing, overdue webhook deliveries) on time."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from deployment.periodic import enqueue_due


class Command(BaseCommand):
    help = (
        "Every PERIODIC_TASKS_INTERVAL seconds, enqueue scheduled publishing (go-live and "
        "expiry) and the sweep of overdue webhook deliveries for the task worker. Run one "
        "next to each task worker (make run and make prod do); --once enqueues them once "
        "(for cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue once, then exit.")

    def handle(self, *args, once=False, **options):
        interval = max(1, settings.PERIODIC_TASKS_INTERVAL)
        if not once:
            self.stdout.write(
                f"Enqueuing periodic tasks every {interval} s on the "
                f"{settings.TASKS['default']['BACKEND']} queue (Ctrl+C stops)."
            )
        while True:
            results = enqueue_due()
            names = ", ".join(result.task.name for result in results)
            self.stdout.write(
                f"Enqueued: {names}" if results else "Already enqueued for this interval."
            )
            if once:
                return
            time.sleep(interval - time.time() % interval)
