"""Local development: debug on, a fixed insecure key, everything on 127.0.0.1."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Benchmark commands (bench/, not shipped with the apps).
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
