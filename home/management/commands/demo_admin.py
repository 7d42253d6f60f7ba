"""Create (once) the local admin login for the demo site and print it."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEFAULT_PASSWORD = "demo-admin-password"  # noqa: S105 - a local demo login, printed on purpose


class Command(BaseCommand):
    help = "Create the demo superuser 'admin' if it does not exist, then print the login."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url", default="http://127.0.0.1:8000", help="where the site is served"
        )

    def handle(self, *args, **options):
        username = os.environ.get("DEMO_ADMIN_USER", "admin")
        password = os.environ.get("DEMO_ADMIN_PASSWORD", DEFAULT_PASSWORD)
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@example.org", "is_staff": True, "is_superuser": True},
        )
        if created:
            user.set_password(password)
            user.save()
        note = "" if created else " (existing account; the password is unchanged if you changed it)"
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login: {options['site_url'].rstrip('/')}/admin/  user: {username}  "
                f"password: {password}{note}"
            )
        )
