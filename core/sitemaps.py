"""sitemap.xml for every language edition.

Wagtail's Sitemap lists the descendants of the site's root page only; the Arabic edition lives
under the root page's Arabic translation, beside it. This one lists the live, public pages under
every translation of the root page, so /ar/… pages are found, and unpublished translations are
not (they are not live).
"""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .visibility import visible


class EditionsSitemap(Sitemap):
    """Live public pages of every language edition of the site."""

    def items(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for edition_root in root.get_translations(inclusive=True):
            pages |= Page.objects.descendant_of(edition_root, inclusive=True)
        return visible(pages).order_by("path").defer_streamfields().specific()
