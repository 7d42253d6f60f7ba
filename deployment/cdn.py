"""CDN purge on publish (wagtail.contrib.frontend_cache; docs/deployment.md, "CDN").

When a page is published or unpublished (an expiry included), the CDN forgets every URL
that showed it: the page in each of its editions (English and Arabic), the pages listing it
(its ancestors up to the home page, in each edition), and the API URLs that serve it (its
detail, the listings of its kind, the by-path look-up). Wagtail's purge runs as a task
(``purge_urls_from_cache_task``), so publishing does not wait for the CDN.

The CDN is configured by the environment (config/settings/base.py): FRONTEND_CACHE_PURGE_URL
for an HTTP cache that takes PURGE requests (Varnish, nginx, Fastly-style), or the settings
of Wagtail's CloudFront / Cloudflare backends in WAGTAILFRONTENDCACHE. Wagtail's own
page_published handler is not used (the app is not installed): it purges one URL per page.
"""

from urllib.parse import urlencode

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_unpublished

from experts.models import ExpertPage
from policyanalysis.models import BriefPage

#: API listings (absolute paths) by the page type they list.
API_LISTINGS = {BriefPage: "/api/v1/analysis/", ExpertPage: "/api/v1/experts/"}


def urls_showing(page):
    """The absolute URLs whose content includes ``page``: its editions, the pages above each
    edition (listings, home), and its API URLs."""
    urls = []
    editions = [page, *page.get_translations().live()]
    for edition in editions:
        for shown in [edition, *edition.get_ancestors().live().filter(depth__gt=1)]:
            url = shown.get_full_url()
            if url:
                urls.append(url)
    root = _api_root(page)
    if root:
        specific_class = page.specific_class
        for page_type, listing in API_LISTINGS.items():
            if specific_class is not None and issubclass(specific_class, page_type):
                urls.append(root + listing)
                urls.extend(f"{root}{listing}{edition.pk}/" for edition in editions)
        for edition in editions:
            path = edition.get_url_parts()
            if path:
                urls.append(f"{root}/api/v1/pages/by-path/?{urlencode({'path': path[2]})}")
    return list(dict.fromkeys(urls))


def _api_root(page):
    """The scheme and host the API is served from: the page's site root URL."""
    parts = page.get_url_parts()
    return parts[1].rstrip("/") if parts and parts[1] else ""


def purge(page):
    """Purge the URLs showing ``page`` from the CDN (through the task queue)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    batch = PurgeBatch()
    batch.add_urls(urls_showing(page))
    batch.purge()


def _on_change(sender, instance, **kwargs):
    purge(instance)


def connect():
    page_published.connect(_on_change, dispatch_uid="deployment-cdn-published")
    page_unpublished.connect(_on_change, dispatch_uid="deployment-cdn-unpublished")
