"""What analysis pages show beyond their own fields, computed for their templates: the
filtered listing of an index or landing page and the cards of a Recommended block."""

from django import template
from django.utils import translation

from core.visibility import visible

from ..listing import AnalysisListing
from ..models import AnalysisIndexPage
from ..recommendations import recommended_cards, recommended_for

register = template.Library()


@register.simple_tag(takes_context=True)
def analysis_listing(context, page, term=None):
    """The listing of ``page`` (an AnalysisIndexPage) filtered by the request's query string,
    limited to ``term`` (a region or issue) on its landing page; ``.results`` is the
    requested page of cards."""
    request = context["request"]
    listing = AnalysisListing(request.GET, locale=page.locale, term=term)
    listing.results = listing.page(request.GET.get("page"))
    return listing


@register.simple_tag
def recommended(page):
    """(heading, cards) of a brief's Recommended block, auto-filled when nothing is picked."""
    return recommended_for(page)


@register.simple_tag
def recommended_block_cards(value, page):
    """Cards of one Recommended block ``value`` rendered on ``page``."""
    return recommended_cards(page, list(value.get("items") or []))


@register.simple_tag(takes_context=True)
def analysis_search_url(context):
    """The analysis listing (whose ``q`` searches) in the reader's language, else the
    English one; "" when the site has none."""
    request = context.get("request")
    indexes = visible(AnalysisIndexPage.objects.all()).select_related("locale")
    found = {index.locale.language_code: index for index in indexes[:10]}
    index = found.get(translation.get_language()) or found.get("en") or next(
        iter(found.values()), None
    )
    return index.get_url(request=request) if index else ""
