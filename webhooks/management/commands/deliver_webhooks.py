"""Send webhook deliveries that are due (pending or waiting for a retry)."""

from django.core.management.base import BaseCommand

from webhooks.delivery import deliver_due


class Command(BaseCommand):
    help = (
        "Attempt every pending or retrying webhook delivery that is due, now. Deliveries are "
        "normally sent by the task worker, and `manage.py periodic_tasks` sweeps overdue ones."
    )

    def handle(self, *args, **options):
        count = deliver_due()
        self.stdout.write(f"Attempted {count} webhook deliveries.")
