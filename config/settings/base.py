"""Settings shared by every environment; what differs per deployment comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from PIL import features as pillow_features

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list of non-empty strings."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def origin(url):
    """``scheme://host[:port]`` of an absolute URL, or None for a path like /media/."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


INSTALLED_APPS = [
    # The site project: composes the apps below.
    "home",
    # Security headers, admin lockout page, static-files check, overload guard.
    "deployment",
    # Change notifications (webhooks) for front ends.
    "webhooks",
    # The reusable apps (the Wagtail plugin), highest layer first (see the README's layout).
    "headless_api",
    "importexport",
    "translation_workflow",
    "podcasts",
    "policyanalysis",
    "experts",
    "core",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtailmedia",
    "wagtail.contrib.routable_page",
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
    "csp",
    "axes",
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
    "deployment.csp.AreaCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # After the header middleware (a 503 still gets CORS and security headers), before
    # anything that does work (sessions, authentication).
    "deployment.overload.OverloadGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
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

# django-axes first: it refuses a locked-out sign-in before the password is checked.
# AxesBackend (not AxesStandaloneBackend) because it can also load a session's user, which
# code that signs a user in with the first backend (Wagtail's test helpers) relies on.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

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

# Security headers (docs/deployment.md). The same policies in development, tests and
# production, so a page that breaks under them breaks everywhere.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"  # YouTube's player needs the origin
# Players whose iframes the Embed block may show; other providers degrade to a link.
CSP_EMBED_FRAME_SRC = env_list(
    "CSP_EMBED_FRAME_SRC",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com,"
    "https://w.soundcloud.com,https://open.spotify.com",
)
# Media and static files from another host (a CDN, object storage) must be allowed by name.
_ASSET_ORIGINS = [o for o in (origin(MEDIA_URL), origin(STATIC_URL)) if o]
_STATIC_ORIGINS = [o for o in (origin(STATIC_URL),) if o]
# Public pages (and the API, its Swagger UI at /api/v1/docs): no inline script at all;
# an inline script would need nonce="{{ request.csp_nonce }}".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *_STATIC_ORIGINS, NONCE],
        "style-src": [SELF, *_STATIC_ORIGINS],
        "img-src": [SELF, "data:", *_ASSET_ORIGINS],
        "font-src": [SELF, *_STATIC_ORIGINS],
        "connect-src": [SELF],
        "frame-src": CSP_EMBED_FRAME_SRC or [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin (and wagtail-localize's editor inside it) runs inline scripts and styles,
# and frames its own previews and, when configured, the front end's preview.
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *_STATIC_ORIGINS, UNSAFE_INLINE],
        "style-src": [SELF, *_STATIC_ORIGINS, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *_ASSET_ORIGINS],
        "font-src": [SELF, "data:", *_STATIC_ORIGINS],
        # The dashboard's "new Wagtail release" notice reads this file.
        "connect-src": [SELF, "https://releases.wagtail.org"],
        "frame-src": [SELF, *CSP_EMBED_FRAME_SRC, *filter(None, [origin(FRONTEND_PREVIEW_URL)])],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Gravatar would send every editor's hashed e-mail address to a third party (and need
# an img-src exception); editors upload an avatar in their account settings instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Browser features no page of the site uses: denied to the site and to embedded frames.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Admin sign-in throttling (django-axes): 5 failed attempts for one username, or from one
# address, lock sign-in for that username or address for AXES_COOLOFF_MINUTES.
# `manage.py axes_reset` (everything), `axes_reset_username NAME`, `axes_reset_ip ADDRESS`
# unlock sooner. Attempts are kept in the database, which every gunicorn worker shares.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "deployment.lockout.lockout_response"
# Lockouts are still logged; not every attempt's user agent, nor a banner at each start.
AXES_VERBOSE = False
# The client's address is REMOTE_ADDR unless TRUSTED_PROXY_COUNT reverse proxies in front
# of the site append it to X-Forwarded-For. Behind a proxy, without this, every sign-in
# would come from the proxy's address and 5 failures would lock everyone out.
_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if _TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = _TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Overload guard (deployment/overload.py, docs/deployment.md): per process, at most
# OVERLOAD_MAX_CONCURRENT_REQUESTS requests run at once (0 turns the guard off); a request
# that has waited OVERLOAD_MAX_QUEUE_SECONDS gets 503 with Retry-After.
OVERLOAD_MAX_CONCURRENT_REQUESTS = int(os.environ.get("OVERLOAD_MAX_CONCURRENT_REQUESTS", "4"))
# 2.5 s of queueing plus a request's own time stays under the 5 s a reader waits at most.
OVERLOAD_MAX_QUEUE_SECONDS = float(os.environ.get("OVERLOAD_MAX_QUEUE_SECONDS", "2.5"))
OVERLOAD_RETRY_AFTER_SECONDS = int(os.environ.get("OVERLOAD_RETRY_AFTER_SECONDS", "10"))
# Only when a front proxy sets X-Request-Start (and strips the client's own).
OVERLOAD_TRUST_X_REQUEST_START = (
    os.environ.get("OVERLOAD_TRUST_X_REQUEST_START", "false").lower() == "true"
)

# Audio and video (podcasts app, docs/podcasts.md): wagtailmedia's library with the site's own
# media model (MIME type, size, poster, captions, external URL) and its content-checked form.
WAGTAILMEDIA = {
    "MEDIA_MODEL": "podcasts.MediaItem",
    "MEDIA_FORM_BASE": "podcasts.forms.MediaItemForm",
    "AUDIO_EXTENSIONS": ["aac", "flac", "m4a", "mp3", "oga", "ogg", "opus", "wav"],
    "VIDEO_EXTENSIONS": ["m4v", "mov", "mp4", "ogv", "webm"],
}
