"""URL map: admin and APIs without a language prefix; pages under i18n_patterns
(English at /, Arabic at /ar/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from deployment.health import HealthView
from discovery import urls as discovery_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("pdf/", include("pdfs.urls")),
    # Load balancers' probe: statuses only (deployment/health.py).
    path("health/", HealthView.as_view(), name="health"),
    # /sitemap.xml (an index of one sitemap per language) and /robots.txt.
    path("", include(discovery_urls)),
    # Uploaded audio and video with HEAD and byte ranges (podcast enclosures, players).
    path("", include("podcasts.urls")),
    # Headless API (/api/v1/, /api/v2/): before i18n_patterns, so never language-prefixed.
    path("", include("headless_api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    # Before Wagtail's own route of the same path and name: see core.views.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        core_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("newsletter/", include("newsletter.urls")),
    # /search/ and the feeds, per language (/ar/search/): before Wagtail's page route.
    path("", include(discovery_urls.language_urlpatterns)),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler500 = "core.views.server_error"
