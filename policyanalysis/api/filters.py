"""Query parameters of the listings: validation against the vocabularies, and filtering.

Several values of one parameter are alternatives (``?region=iraq&region=iran``: either);
different parameters must all match. Unknown slugs are errors (422), not ignored, so a
typo never silently widens a listing.
"""

from urllib.parse import urlencode

from taggit.models import Tag
from wagtail.models import Locale

from core.models import Issue, PublicationType, Region
from experts.models import ExpertPage

from ..search import UnsearchableQuery, matching_brief_ids
from .errors import InvalidParameters

ORDERINGS = {"-date": ("-date", "-pk"), "date": ("date", "pk"), "title": ("title", "pk")}


def locale_for(code):
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise InvalidParameters([("locale", f"No content in locale '{code}'.")])
    return locale


def _check_slugs(problems, name, values, known):
    unknown = sorted(set(values) - set(known))
    if unknown:
        problems.append((name, "Unknown slug(s): " + ", ".join(unknown) + "."))


def filter_by_vocabularies(queryset, filters):
    """Apply ``filters`` = [(parameter, model, lookup, slugs)]; slugs unknown to ``model``
    are collected as problems and returned with the narrowed queryset."""
    problems = []
    for name, model, lookup, values in filters:
        if not values:
            continue
        known = model.objects.filter(slug__in=values).values_list("slug", flat=True)
        _check_slugs(problems, name, values, known)
        queryset = queryset.filter(**{lookup: values})
    return queryset, problems


def filter_briefs(queryset, *, types, regions, issues, experts, tags, date_from, date_to):
    """``queryset`` narrowed by the taxonomy, expert, tag and date filters; raises
    InvalidParameters naming every parameter with unknown values."""
    queryset, problems = filter_by_vocabularies(
        queryset,
        [
            ("type", PublicationType, "publication_type__slug__in", types),
            ("region", Region, "regions__slug__in", regions),
            ("issue", Issue, "issues__slug__in", issues),
            ("tag", Tag, "tags__slug__in", tags),
        ],
    )
    if experts:
        # Any edition's slug names the expert; author rows point at the source edition.
        found = list(
            ExpertPage.objects.filter(slug__in=experts).values_list("slug", "translation_key")
        )
        _check_slugs(problems, "expert", experts, [slug for slug, _key in found])
        queryset = queryset.filter(authors__expert__translation_key__in=[key for _s, key in found])
    if date_from and date_to and date_from > date_to:
        problems.append(("date_from", "date_from is after date_to."))
    if date_from:
        queryset = queryset.filter(date__gte=date_from)
    if date_to:
        queryset = queryset.filter(date__lte=date_to)
    if problems:
        raise InvalidParameters(problems)
    return queryset


def page_envelope(request, count, offset, limit, items):
    """The paginated envelope {count, next, previous, items}."""
    following, previous = page_links(request, count, offset, limit)
    return {"count": count, "next": following, "previous": previous, "items": items}


def search_briefs(queryset, locale, q):
    """``queryset`` limited to briefs matching the words of ``q`` (all of them), exactly as
    the HTML listing searches (policyanalysis.search)."""
    try:
        ids = matching_brief_ids(locale, q)
    except UnsearchableQuery as error:
        raise InvalidParameters([("q", str(error))]) from error
    return queryset if ids is None else queryset.filter(pk__in=ids)


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
