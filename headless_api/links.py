"""Public URLs of pages and rich text with its internal links resolved to them.

Page URLs are computed from ``url_path`` and Wagtail's cached site root paths, so a
listing of any length builds its URLs without a query; they equal ``page.get_url()``
(the test suite checks it) with FRONTEND_BASE_URL in front.
"""

import re

from django.conf import settings
from django.utils.html import escape
from wagtail.rich_text.rewriters import extract_attrs

from core.localization import locale_by_id, visible_editions_by_id
from policyanalysis.page_urls import PageUrls

_A_TAG = re.compile(r"<a(\b[^>]*)>")
_EMBED_TAG = re.compile(r"<embed(\b[^>]*)/>")
#: Larger ids name no page (and would overflow the database's integer).
MAX_PAGE_ID = 2**63 - 1


class PublicUrls(PageUrls):
    """Public paths (``PageUrls.path``) made absolute on the front end, per request."""

    def __init__(self):
        super().__init__()
        self.base = getattr(settings, "FRONTEND_BASE_URL", "").rstrip("/")

    @property
    def site_root_url(self):
        """The CMS's own root URL (media and document files are served from it)."""
        return self.roots[0].root_url.rstrip("/") if self.roots else ""

    def absolute(self, path):
        """``path`` on the front end (FRONTEND_BASE_URL, else the site's own root)."""
        if path is None:
            return ""
        return (self.base or self.site_root_url) + path

    def page_url(self, url_path):
        return self.absolute(self.path(url_path))

    def media_url(self, url):
        """A file URL from storage, made absolute on the CMS's root when it is relative."""
        if not url or "://" in url:
            return url or ""
        return self.site_root_url + url


def find_links(html):
    """(page ids, document ids) that internal links in Wagtail's rich text refer to."""
    pages, documents = set(), set()
    if not html or "linktype" not in html:
        return pages, documents
    for match in _A_TAG.finditer(html):
        attrs = extract_attrs(match.group(1))
        linktype, ref = attrs.get("linktype"), attrs.get("id", "")
        if not ref.isdigit():
            continue
        if linktype == "page":
            pages.add(int(ref))
        elif linktype == "document":
            documents.add(int(ref))
    return pages, documents


def load_page_targets(page_ids, locale_id):
    """{linked page id: url_path} for internal links, by the rule of
    ``core.localization.visible_editions``: the visible translation of the target in
    ``locale_id`` when there is one, else the target itself when readers may see it. Links
    to drafts, private or expired pages get no address, so readers never learn it. One
    query, however many links."""
    page_ids = {pk for pk in page_ids if pk <= MAX_PAGE_ID}
    editions = visible_editions_by_id(page_ids, locale_by_id(locale_id))
    return {pk: edition.url_path for pk, edition in editions.items() if edition is not None}


def rewrite_links(html, page_urls, document_urls):
    """Wagtail's stored rich text as public HTML: page and document links get absolute
    URLs (no href when the target is not public), embeds are dropped, and no
    ``linktype``/``id`` attributes remain."""
    if not html:
        return ""
    if "linktype" not in html and "<embed" not in html:
        return html

    def replace(match):
        attrs = extract_attrs(match.group(1))
        linktype = attrs.get("linktype")
        if linktype is None:
            return match.group(0)
        ref = attrs.get("id", "")
        ref = int(ref) if ref.isdigit() else None
        href = None
        if linktype == "page":
            href = page_urls.get(ref)
        elif linktype == "document":
            href = document_urls.get(ref)
        return f'<a href="{escape(href)}">' if href else "<a>"

    html = _A_TAG.sub(replace, html)
    return _EMBED_TAG.sub("", html)
