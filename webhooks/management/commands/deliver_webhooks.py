"""Send webhook deliveries that are due (pending or waiting for a retry)."""

from django.core.management.base import BaseCommand

from webhooks.delivery import deliver_due


class Command(BaseCommand):
    help = (
        "Attempt every pending or retrying webhook delivery that is due. Deliveries are "
        "normally sent in the background; run this from cron to catch those a restart interrupted."
    )

    def handle(self, *args, **options):
        count = deliver_due()
        self.stdout.write(f"Attempted {count} webhook deliveries.")
