"""The analysis filters, one implementation for the HTML listing and the API.

Several values of one filter are alternatives (``region=iraq&region=iran``: either);
different filters must all match. Slugs are shared by every language edition; an expert
may be named by the slug of any edition of the profile (author rows point at the
source-language edition).
"""

from taggit.models import Tag

from core.models import Issue, PublicationType, Region
from experts.models import ExpertPage


class UnknownValues(ValueError):
    """Filter values that name nothing: ``problems`` is [(filter name, message)]."""

    def __init__(self, problems):
        super().__init__("; ".join(f"{name}: {message}" for name, message in problems))
        self.problems = problems


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
    """``queryset`` narrowed by the taxonomy, expert, tag and date filters (each a list of
    alternatives, or None); raises UnknownValues naming every parameter with unknown values."""
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
        raise UnknownValues(problems)
    return queryset
