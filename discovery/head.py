"""What discovery puts in every public page's <head>: links to the feeds of what the page
lists, and the page's structured data (JSON-LD, see structured_data.py)."""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from experts.models import ExpertPage
from policyanalysis.models import AnalysisIndexPage

from .feeds import FEED_FILTERS

FEED_PARAMETERS = tuple(name for name, _vocabulary in FEED_FILTERS)


def _feed_filters(context):
    """The feed filters the page narrows its analysis by ([(name, slug)]), read from the
    page and the query string without any query: a landing page's term, an expert
    profile, or the listing's and the search page's type/region/issue/expert."""
    page = context.get("page")
    request = context.get("request")
    if isinstance(page, ExpertPage):
        return [("expert", page.slug)]
    filters = []
    term = context.get("term_record")
    if isinstance(page, AnalysisIndexPage) and term is not None:
        filters.append(("region" if type(term).__name__ == "Region" else "issue", term.slug))
    listing = isinstance(page, AnalysisIndexPage) or context.get("search") is not None
    if listing and request is not None:
        for name in FEED_PARAMETERS:
            filters += [(name, value) for value in request.GET.getlist(name) if value]
    return filters


def feed_links(context):
    """[(MIME type, title, URL)] of the feeds to advertise: the latest analysis, and the
    feed narrowed as the page narrows it when it does."""
    try:
        rss, atom = reverse("discovery_feed_rss"), reverse("discovery_feed_atom")
    except NoReverseMatch:
        return []
    links = [
        ("application/rss+xml", _("Latest analysis (RSS)"), rss),
        ("application/atom+xml", _("Latest analysis (Atom)"), atom),
    ]
    filters = _feed_filters(context)
    if filters:
        query = urlencode(filters)
        links += [
            ("application/rss+xml", _("This selection (RSS)"), f"{rss}?{query}"),
            ("application/atom+xml", _("This selection (Atom)"), f"{atom}?{query}"),
        ]
    return links
