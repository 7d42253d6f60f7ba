"""Public URLs of pages from their ``url_path``, without a page instance per URL.

``Page.url`` looks the site root paths up for every page it is asked about (and needs
the wide page row). Listings build dozens of URLs per request, so they read the root
paths once here and derive each URL as ``Page.get_url()`` does: the language prefix of
the page's root (``/ar/``), the path below the root, and the site's root URL in front
only when the project serves more than one site.
"""

from urllib.parse import quote

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Site

# Characters Django's reverse() leaves unquoted in a path.
_PATH_SAFE = "/~:@!$&'()*+,;=-._"


def _language_prefix(language_code):
    """'/' for the default language, '/ar/' for Arabic (as i18n_patterns reverses them)."""
    try:
        with translation.override(language_code):
            return reverse("wagtail_serve", args=("",))
    except NoReverseMatch:
        return "/"


class PageUrls:
    """Paths and URLs of pages for one request (the site root paths are read once)."""

    def __init__(self):
        self.roots = Site.get_site_root_paths()
        self.single_site = len({root.site_id for root in self.roots}) == 1
        self._prefixes = {}

    def _root(self, url_path):
        for root in self.roots:
            if url_path.startswith(root.root_path):
                return root
        return None

    def path(self, url_path):
        """The public path (``/ar/policy-analysis/x/``), or None when no site holds it."""
        root = self._root(url_path)
        if root is None:
            return None
        prefix = self._prefixes.get(root.language_code)
        if prefix is None:
            prefix = self._prefixes[root.language_code] = _language_prefix(root.language_code)
        return prefix + quote(url_path[len(root.root_path) :], safe=_PATH_SAFE)

    def url(self, url_path):
        """What ``Page.url`` gives: the path on a single-site project, else an absolute URL."""
        root = self._root(url_path)
        path = self.path(url_path)
        if path is None:
            return None
        return path if self.single_site else root.root_url + path
