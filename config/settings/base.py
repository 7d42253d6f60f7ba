"""Settings shared by every environment; what differs per deployment comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from PIL import features as pillow_features

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list of non-empty strings."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    # The site project: composes the apps below.
    "home",
    # Change notifications (webhooks) for front ends.
    "webhooks",
    # The reusable apps (the Wagtail plugin), highest layer first (see the README's layout).
    "headless_api",
    "importexport",
    "translation_workflow",
    "policyanalysis",
    "experts",
    "core",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.table_block",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "corsheaders",
    "django_tasks",
    # Serves django-ninja's Swagger UI assets from this site (no CDN) for /api/v1/docs.
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Before the session and locale middleware so that stored pages keep the headers they
    # add (Vary, Content-Language); see core/page_cache.py.
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default; DATABASE_URL=postgres://… is the scale path.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            # Transactions take the write lock when they begin, so a writer that arrives
            # second waits (timeout) instead of failing with "database is locked" when it
            # upgrades a read (webhook deliveries write while editors publish).
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is the cache when REDIS_URL is set; local memory otherwise.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Full-page cache of the public HTML for anonymous readers (docs/caching.md). Pages are
# stored in the cache above; with several server processes, use Redis so that a publish in
# one process invalidates the pages of all of them.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED", "true").lower() != "false"
# Upper bound of a page's life in the cache, in seconds; entries also end at the next
# scheduled go-live or expiry.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_ALIAS = "default"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the default and is served without a prefix, Arabic under /ar/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Webhooks are sent to public addresses only (webhooks/destinations.py); hosts listed here
# (host or host:port, comma-separated) are exempt, for a receiver on a developer's machine.
WEBHOOKS_ALLOWED_HOSTS = env_list("WEBHOOKS_ALLOWED_HOSTS")

# Wagtail 8 runs some of its own work (e.g. reference-index updates) as django-tasks tasks; the
# immediate backend runs them in the request. This project's own background work is not on it:
# webhook deliveries use webhooks/delivery.py's thread pool (plus `manage.py deliver_webhooks`),
# translation syncs run in the publish request (translation_workflow/sync.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "The Policy Institute")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's API v2 serves rich text as front-end HTML (links resolved, links to pages readers
# may not see without an address), never the stored `linktype` markup; see headless_api/v2.py.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
# Full-text search follows the content's language (PostgreSQL's `arabic` configuration for
# Arabic pages); see core/search.py.
_SEARCH_CONFIGS_BY_LANGUAGE = {"en": "english", "ar": "arabic"}
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "core.search",
        "SEARCH_CONFIG": "english",
        "SEARCH_CONFIGS_BY_LANGUAGE": _SEARCH_CONFIGS_BY_LANGUAGE,
    },
    "arabic": {
        "BACKEND": "core.search",
        "SEARCH_CONFIG": "arabic",
        "SEARCH_CONFIGS_BY_LANGUAGE": _SEARCH_CONFIGS_BY_LANGUAGE,
        "AUTO_UPDATE": False,  # shares the index that "default" keeps up to date
    },
}
SEARCH_BACKEND_FOR_LANGUAGE = {"ar": "arabic"}
# Documents are always downloads (never shown inline, where an HTML file named .pdf could run
# on the site's origin), streamed by Wagtail's view, which adds X-Content-Type-Options:
# nosniff and a CSP forbidding scripts; their content types are pinned per extension.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_CONTENT_TYPES = {
    "csv": "text/csv",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "rtf": "application/rtf",
    "txt": "text/plain",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Images: raster formats only (AVIF when this Pillow reads it), each file checked by content
# on upload and on import (core/uploads.py, core/image_forms.py). 50 million pixels bounds
# the memory one rendition takes (about 200 MB); Pillow's own limit follows (core/apps.py).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"] + (
    ["avif"] if pillow_features.check("avif") else []
)
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.image_forms.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp", "bmp": "png", "webp": "webp"}
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Machine translation is off unless a deployment configures a translator.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# Submitting a live page for translation creates a draft: the Arabic edition goes live only
# when a translator publishes it (wagtail-localize would otherwise publish English fallback text).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# The edition translators work on (translation_workflow: queue, PO files, Translators group).
TRANSLATION_TARGET_LANGUAGE = "ar"

# CORS for the headless API: no origin is allowed unless listed.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

# Headless API (/api/v1/, see docs/api.md).
# Public URLs in API payloads are built on FRONTEND_BASE_URL (e.g. https://www.example.org);
# empty means the Wagtail site's own root URL.
FRONTEND_BASE_URL = os.environ.get("FRONTEND_BASE_URL", "").rstrip("/")
# When set, the admin's preview opens this front-end URL with ?token=… (a signed preview token).
FRONTEND_PREVIEW_URL = os.environ.get("FRONTEND_PREVIEW_URL", "")
# Cache-Control of API responses: browsers revalidate (cheap 304s), shared caches keep a
# response for a minute and may serve it stale for 30 s while they revalidate.
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "0"))
API_CACHE_S_MAXAGE = int(os.environ.get("API_CACHE_S_MAXAGE", "60"))
API_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("API_CACHE_STALE_WHILE_REVALIDATE", "30"))
# How long a preview token stays valid, in seconds.
API_PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("API_PREVIEW_TOKEN_MAX_AGE", "1800"))
