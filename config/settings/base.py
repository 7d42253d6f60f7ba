"""Settings shared by every environment; what differs per deployment comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
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
    # The editor's desk: admin listings, choosers and dashboard panels across the apps.
    "editorial",
    # Security headers, admin lockout page, static-files check, overload guard.
    "deployment",
    # Newsletter sign-up with double opt-in, and the subscriber list for editors.
    "newsletter",
    # Change notifications (webhooks) for front ends.
    "webhooks",
    # PDF editions of analysis items (WeasyPrint).
    "pdfs",
    # The reusable apps (the Wagtail plugin), highest layer first (see the README's layout).
    "headless_api",
    "importexport",
    # Site search, feeds, sitemaps, robots.txt and structured data.
    "discovery",
    "translation_workflow",
    # Events: the calendar of forums, webinars and launches (above policyanalysis).
    "events",
    # Podcasts and video: the media library, shows and their feeds, episodes and videos.
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
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
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
    # Finds the page a URL names in two queries, before Wagtail's view walks the tree.
    "core.routing.PageRoutingMiddleware",
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

# SQLite is the embedded default; DATABASE_URL=postgres://… is the scale path. Connections
# persist (per server thread) on both: opening one per request, and on SQLite re-running the
# PRAGMAs below, cost more than a cached page does.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
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

# Redis is the cache when REDIS_URL is set; local memory otherwise. With Redis, every app
# server shares the cache, the page cache's invalidation, the periodic tasks' lock
# (deployment/periodic.py) and the sessions (kept in the database, read through Redis);
# without it, sessions are in the database, which every process shares too.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "core.cache_backends.LocalMemoryCache"}}

# Full-page cache of the public HTML for anonymous readers (docs/caching.md). Pages are
# stored in the cache above; with several server processes, use Redis so that a publish in
# one process invalidates the pages of all of them.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED", "true").lower() != "false"
# Upper bound of a page's life in the cache, in seconds; entries also end at the next
# scheduled go-live or expiry.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_ALIAS = "default"
# Bytes of answers each server process keeps as Python objects in front of the cache above
# (deployment/edge_cache.py): a hit on them reads only the content version from the cache.
# 0 turns the copies off.
EDGE_CACHE_LOCAL_BYTES = int(os.environ.get("EDGE_CACHE_LOCAL_BYTES", str(32 * 1024 * 1024)))

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
# Dates in the Arabic edition: "14 أيار/مايو 2020", the month style of the translated text
# (core/formats/ar/formats.py, core/month_names.py).
FORMAT_MODULE_PATH = ["core.formats"]

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
_MEDIA_STORE_ORIGIN = None
# Media (image originals, renditions, documents) on an S3-compatible object store when
# AWS_STORAGE_BUCKET_NAME is set (django-storages; docs/deployment.md, "Media on object
# storage"); the file system under MEDIA_ROOT otherwise. Credentials come from the usual
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables (or the machine's role).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            # Another S3-compatible service (MinIO, R2, Spaces...): its endpoint URL.
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # A CDN or public bucket host in front of the media (e.g. media.example.org).
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "url_protocol": os.environ.get("AWS_S3_URL_PROTOCOL", "https:"),
            "location": os.environ.get("AWS_LOCATION", "media"),
            # Public objects with plain URLs: renditions and images are public content;
            # documents are streamed by Wagtail's view (WAGTAILDOCS_SERVE_METHOD).
            "default_acl": None,
            "querystring_auth": os.environ.get("AWS_QUERYSTRING_AUTH", "false").lower() == "true",
            "file_overwrite": False,
        },
    }
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        MEDIA_URL = (
            f"{os.environ.get('AWS_S3_URL_PROTOCOL', 'https:')}//"
            f"{os.environ['AWS_S3_CUSTOM_DOMAIN']}/"
        )
    else:
        # Pages show images from the store's own host: the CSP must allow it.
        _MEDIA_STORE_ORIGIN = origin(
            os.environ.get("AWS_S3_ENDPOINT_URL")
            or f"https://{os.environ['AWS_STORAGE_BUCKET_NAME']}.s3.amazonaws.com"
        )
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Webhooks are sent to public addresses only (webhooks/destinations.py); hosts listed here
# (host or host:port, comma-separated) are exempt, for a receiver on a developer's machine.
WEBHOOKS_ALLOWED_HOSTS = env_list("WEBHOOKS_ALLOWED_HOSTS")

# Background work runs as django-tasks tasks (docs/deployment.md, "Background tasks"): webhook
# deliveries and their retries, translation-source syncs, rendition pre-generation, search
# index and reference index updates, CDN purges, scheduled publishing. TASKS_BACKEND picks the
# queue: "database" (the default: rows in this database, run by `manage.py db_worker`), "rq"
# (Redis at REDIS_URL, run by `manage.py rqworker --with-scheduler --job-class
# django_tasks_rq.Job`) or "immediate" (each task runs at once in the process that enqueues
# it: no worker needed, but publishing waits for the work).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip().lower()
TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={TASKS_BACKEND!r} is not one of {', '.join(TASK_BACKENDS)}: "
        "set it to one of these (or unset it for the database queue)."
    )
if TASKS_BACKEND == "rq" and not os.environ.get("REDIS_URL"):
    raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL (e.g. redis://127.0.0.1:6379/0).")
TASKS = {"default": TASK_BACKENDS[TASKS_BACKEND]}
# django-rq's queues (used by the "rq" backend only).
RQ_QUEUES = {
    "default": {
        "URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "DEFAULT_TIMEOUT": 600,
    }
}
# Image renditions the pages show are made by a task when an image is uploaded and when a
# page using it is published (core/tasks.py), rather than by the first reader's request.
PREGENERATE_RENDITIONS = os.environ.get("PREGENERATE_RENDITIONS", "true").lower() != "false"
# Make an analysis item's PDF edition in the background when it is published (pdfs/tasks.py);
# without it, the first request for the PDF makes it.
PDF_ON_PUBLISH = os.environ.get("PDF_ON_PUBLISH", "true").lower() != "false"
# How often `manage.py periodic_tasks` enqueues the periodic work (scheduled publishing and
# the sweep of due webhook deliveries), in seconds.
PERIODIC_TASKS_INTERVAL = int(os.environ.get("PERIODIC_TASKS_INTERVAL", "60"))

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "The Policy Institute")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# CDN purge on publish (deployment/cdn.py): FRONTEND_CACHE_PURGE_URL is an HTTP cache that
# takes PURGE requests (Varnish, nginx...); for CloudFront or Cloudflare, set
# WAGTAILFRONTENDCACHE in a settings module of the deployment (Wagtail's backends). The purge
# lists each edition itself, so Wagtail's own language rewriting is off.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
WAGTAILFRONTENDCACHE_LANGUAGES = []
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

# Machine translation is off unless a deployment configures a translator (docs/translation.md).
# LIBRETRANSLATE_URL (e.g. http://127.0.0.1:5000 for a self-hosted LibreTranslate) turns on
# wagtail-localize's LibreTranslate translator, with LIBRETRANSLATE_API_KEY when the server
# needs one; a deployment may instead set WAGTAILLOCALIZE_MACHINE_TRANSLATOR to DeepL or Google.
LIBRETRANSLATE_URL = os.environ.get("LIBRETRANSLATE_URL", "").rstrip("/")
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = (
    {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": LIBRETRANSLATE_URL,
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
            "TIMEOUT": 20,
        },
    }
    if LIBRETRANSLATE_URL
    else None
)
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
API_VERSION_MIRROR_SECONDS = int(os.environ.get("API_VERSION_MIRROR_SECONDS", "1"))
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
_ASSET_ORIGINS = [o for o in (origin(MEDIA_URL), origin(STATIC_URL), _MEDIA_STORE_ORIGIN) if o]
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
