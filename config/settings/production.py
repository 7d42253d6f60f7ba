"""Production: SECRET_KEY and ALLOWED_HOSTS must come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_list

DEBUG = False


def required(name):
    """The value of a required environment variable, or a clear error naming it."""
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set in the environment for production settings."
        )
    return value


SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or required("ALLOWED_HOSTS").split(",")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail marks its preview views SAMEORIGIN itself; everything else may not be framed.
X_FRAME_OPTIONS = "DENY"

# gunicorn alone is a complete deployment: WhiteNoise serves the collected static files
# (hashed names, gzip variants, cached for a year) before any other middleware runs.
# config/wsgi.py refuses to start when `manage.py collectstatic` has not been run.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# On PostgreSQL, no SQL statement of a web request runs longer than this (gthread workers
# are not killed by gunicorn's timeout for one slow request; see docs/deployment.md).
# config/gunicorn.conf.py sets it for the web processes only, so migrations and imports
# are not cut short.
_STATEMENT_TIMEOUT_MS = os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS")
if _STATEMENT_TIMEOUT_MS and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (  # noqa: F405
        f"-c statement_timeout={int(_STATEMENT_TIMEOUT_MS)}"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
