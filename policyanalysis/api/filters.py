"""Query parameters of the listings: validation against the vocabularies, and filtering.

Several values of one parameter are alternatives (``?region=iraq&region=iran``: either);
different parameters must all match. Unknown slugs are errors (422), not ignored, so a
typo never silently widens a listing.
"""

import re
from urllib.parse import urlencode

from django.db import DatabaseError, transaction
from taggit.models import Tag
from wagtail.models import Locale

from core.models import Issue, PublicationType, Region
from experts.models import ExpertPage

from ..models import BriefPage
from .errors import InvalidParameters

ORDERINGS = {"-date": ("-date", "-pk"), "date": ("date", "pk"), "title": ("title", "pk")}

_SEARCH_NOISE = re.compile(r"[^\w\s-]+")


def locale_for(code):
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise InvalidParameters([("locale", f"No content in locale '{code}'.")])
    return locale


def _check_slugs(problems, name, values, known):
    unknown = sorted(set(values) - set(known))
    if unknown:
        problems.append((name, "Unknown slug(s): " + ", ".join(unknown) + "."))


def filter_briefs(queryset, *, types, regions, issues, experts, tags, date_from, date_to):
    """``queryset`` narrowed by the taxonomy, expert, tag and date filters; raises
    InvalidParameters naming every parameter with unknown values."""
    problems = []
    if types:
        _check_slugs(
            problems,
            "type",
            types,
            PublicationType.objects.filter(slug__in=types).values_list("slug", flat=True),
        )
        queryset = queryset.filter(publication_type__slug__in=types)
    if regions:
        _check_slugs(
            problems,
            "region",
            regions,
            Region.objects.filter(slug__in=regions).values_list("slug", flat=True),
        )
        queryset = queryset.filter(regions__slug__in=regions)
    if issues:
        _check_slugs(
            problems,
            "issue",
            issues,
            Issue.objects.filter(slug__in=issues).values_list("slug", flat=True),
        )
        queryset = queryset.filter(issues__slug__in=issues)
    if experts:
        # Any edition's slug names the expert; author rows point at the source edition.
        found = list(
            ExpertPage.objects.filter(slug__in=experts).values_list("slug", "translation_key")
        )
        _check_slugs(problems, "expert", experts, [slug for slug, _key in found])
        queryset = queryset.filter(authors__expert__translation_key__in=[key for _s, key in found])
    if tags:
        _check_slugs(
            problems, "tag", tags, Tag.objects.filter(slug__in=tags).values_list("slug", flat=True)
        )
        queryset = queryset.filter(tags__slug__in=tags)
    if date_from and date_to and date_from > date_to:
        problems.append(("date_from", "date_from is after date_to."))
    if date_from:
        queryset = queryset.filter(date__gte=date_from)
    if date_to:
        queryset = queryset.filter(date__lte=date_to)
    if problems:
        raise InvalidParameters(problems)
    return queryset


def search_briefs(queryset, locale, q):
    """``queryset`` limited to briefs matching the words of ``q`` (all of them), as the HTML
    listing searches: the search backend over live briefs of the locale, first 1,000 hits."""
    words = _SEARCH_NOISE.sub(" ", q or "").strip()
    if not words:
        return queryset
    try:
        with transaction.atomic():
            hits = (
                BriefPage.objects.live()
                .filter(locale=locale)
                .search(words, fields=None, operator="and")
            )
            ids = [hit.pk for hit in hits[:1000]]
    except DatabaseError as exc:
        raise InvalidParameters([("q", "This search cannot be run; use plain words.")]) from exc
    return queryset.filter(pk__in=ids)


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
