"""Query parameters of the listings: validation against the vocabularies, and filtering.

Several values of one parameter are alternatives (``?region=iraq&region=iran``: either);
different parameters must all match. Unknown slugs are errors (422), not ignored, so a
typo never silently widens a listing.
"""

from urllib.parse import urlencode

from wagtail.models import Locale

from core.localization import locale_for_language
from policyanalysis import filtering
from policyanalysis.search import UnsearchableQuery, by_relevance, matching_brief_ids

from .errors import InvalidParameters

ORDERINGS = {"-date": ("-date", "-pk"), "date": ("date", "pk"), "title": ("title", "pk")}
#: Best match first: the default ordering of a search, an error without one.
RELEVANCE = "relevance"


def locale_for(code):
    """The Locale of ``code`` exactly (from the process-wide cache); unknown codes are a 422."""
    try:
        locale = locale_for_language(code)
    except (LookupError, Locale.DoesNotExist):
        locale = None
    if locale is None or locale.language_code != code:
        raise InvalidParameters([("locale", f"No content in locale '{code}'.")])
    return locale


def filter_briefs(queryset, **filters):
    """The shared listing filters (policyanalysis.filtering); unknown values are a 422."""
    try:
        return filtering.filter_briefs(queryset, **filters)
    except filtering.UnknownValues as error:
        raise InvalidParameters(error.problems) from error


def page_envelope(request, count, offset, limit, items):
    """The paginated envelope {count, next, previous, items}."""
    following, previous = page_links(request, count, offset, limit)
    return {"count": count, "next": following, "previous": previous, "items": items}


def search_briefs(queryset, locale, q, ordering=None):
    """``queryset`` limited to briefs matching the words of ``q`` (all of them), exactly as
    the HTML listing searches (policyanalysis.search), without duplicates, in ``ordering``:
    one of ORDERINGS, or RELEVANCE, the default when ``q`` has words ("-date" otherwise)."""
    try:
        ids = matching_brief_ids(locale, q)
    except UnsearchableQuery as error:
        raise InvalidParameters([("q", str(error))]) from error
    if ids is None:
        if ordering == RELEVANCE:
            problem = ("ordering", "ordering=relevance needs words to search in q.")
            raise InvalidParameters([problem])
        return queryset.order_by(*ORDERINGS[ordering or "-date"])
    queryset = queryset.filter(pk__in=ids)
    if ordering in (None, RELEVANCE):
        return by_relevance(queryset, ids)
    return queryset.order_by(*ORDERINGS[ordering])


def page_links(request, count, offset, limit):
    """(next, previous) absolute URLs of the neighbouring pages, or None."""

    def url(new_offset):
        params = request.GET.copy()
        params["offset"] = str(new_offset)
        params["limit"] = str(limit)
        return (
            request.build_absolute_uri(request.path)
            + "?"
            + urlencode(sorted(params.lists()), doseq=True)
        )

    following = url(offset + limit) if offset + limit < count else None
    previous = url(max(offset - limit, 0)) if offset > 0 else None
    return following, previous
