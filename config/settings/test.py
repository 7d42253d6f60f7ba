"""Fast, deterministic settings for the test suite (SQLite in memory unless DATABASE_URL is set)."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "core.cache_backends.LocalMemoryCache"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="thinktank-test-media-"))  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
# Tasks run at once in the process that enqueues them, so a test sees their effect without
# a worker; the queue tests (tests/deployment/test_tasks.py, tests/webhooks/) select the
# database or RQ backend and run a real worker.
TASKS = {"default": TASK_BACKENDS["immediate"]}  # noqa: F405
# Tests that count renditions or queries would see the pre-generated ones; the tests of the
# pre-generation turn it on (tests/core/test_tasks.py).
PREGENERATE_RENDITIONS = False
# Every test publishes pages; the PDF tests turn this on (tests/pdfs/).
PDF_ON_PUBLISH = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# No webhook host is exempt from the public-address rule; tests that need a receiver on
# 127.0.0.1 allow it themselves.
WEBHOOKS_ALLOWED_HOSTS = []
# django-axes refuses Client.login() (it passes no request to authenticate()); the sign-in
# throttling tests turn it on with the `settings` fixture (tests/config/test_logins.py).
AXES_ENABLED = False
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

# Benchmark commands (bench/, not shipped with the apps).
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
