"""The analysis filters, one implementation for the HTML listing and the API.

Several values of one filter are alternatives (``region=iraq&region=iran``: either);
different filters must all match. No filter joins (``matching``): the filtered queryset has
each brief once, so it needs no DISTINCT, and the database can walk the date index and stop
at the page's last row instead of collecting and sorting every match first. Slugs are shared by
every language edition; an expert may be named by the slug of any visible edition of the
profile (author rows point at the source-language edition). A value that names something
readers may not see (a draft or private expert, a keyword of hidden briefs only) gets the
same answer as a value that names nothing, so filters never tell whether a hidden page
exists.
"""

from django.db.models import Exists, OuterRef, QuerySet
from taggit.models import Tag

from core.models import Issue, PublicationType, Region
from core.versioned import kept
from core.visibility import visible
from experts.models import ExpertPage

from .models import BriefPage, BriefPageTag, Series


class UnknownValues(ValueError):
    """Filter values that name nothing: ``problems`` is [(filter name, message)]."""

    def __init__(self, problems):
        super().__init__("; ".join(f"{name}: {message}" for name, message in problems))
        self.problems = problems


def _check_slugs(problems, name, values, known):
    unknown = sorted(set(values) - set(known))
    if unknown:
        problems.append((name, "Unknown slug(s): " + ", ".join(unknown) + "."))


def kept_count(queryset, *made_by):
    """``queryset.count()``, kept per content version under ``made_by`` (the language and
    filters the queryset was built from): counting every match costs a scan that grows with
    the archive (core.versioned). Not for keyword searches, whose keys have no bound worth
    keeping."""
    return kept(("brief count", *made_by), queryset.count, follows_clock=True)


def matching(queryset, lookup, values):
    """``queryset`` limited to the rows with ``lookup`` (``<relation>__...``) in ``values``,
    each row once and without a join: through a many-valued relation as ``EXISTS (...)``,
    through a foreign key as ``<key> IN (subquery)``. Either way the database can walk the
    date index newest first and stop at the page's last row; with a join it started from the
    term's rows (SQLite: every brief of a type), then sorted them all."""
    name, rest = lookup.split("__", 1)
    field = queryset.model._meta.get_field(name)
    if field.many_to_many or field.one_to_many:
        rows = queryset.model._base_manager.filter(pk=OuterRef("pk"), **{lookup: values})
        return queryset.filter(Exists(rows))
    related = field.related_model._base_manager.filter(**{rest: values}).values("pk")
    return queryset.filter(**{f"{name}__in": related})


def filter_by_vocabularies(queryset, filters):
    """Apply ``filters`` = [(parameter, vocabulary, lookup, slugs)]; slugs unknown to the
    vocabulary (a model, or a queryset of the terms readers may name) are collected as
    problems and returned with the narrowed queryset (each row once)."""
    problems = []
    for name, vocabulary, lookup, values in filters:
        if not values:
            continue
        terms = vocabulary if isinstance(vocabulary, QuerySet) else vocabulary.objects.all()
        known = terms.filter(slug__in=values).values_list("slug", flat=True)
        _check_slugs(problems, name, values, known)
        queryset = matching(queryset, lookup, values)
    return queryset, problems


def public_tags():
    """The keywords readers may filter by: those of briefs they may see. A keyword used only
    on drafts or private briefs is unknown, exactly as one nobody uses."""
    return Tag.objects.filter(
        pk__in=BriefPageTag.objects.filter(content_object__in=BriefPage.objects.visible()).values(
            "tag_id"
        )
    )


def expert_keys(problems, experts):
    """The translation keys of the experts named by the slugs ``experts``; unknown slugs are
    added to ``problems``. Any visible edition's slug names the expert (rows point at the
    source edition); a hidden expert's slug is unknown, exactly as a slug nobody has."""
    found = list(
        visible(ExpertPage.objects.filter(slug__in=experts)).values_list("slug", "translation_key")
    )
    _check_slugs(problems, "expert", experts, [slug for slug, _key in found])
    return [key for _slug, key in found]


def filter_briefs(
    queryset, *, types, regions, issues, experts, tags, date_from, date_to, series=None
):
    """``queryset`` narrowed by the taxonomy, series, expert, tag and date filters (each a
    list of alternatives, or None), each brief once; raises UnknownValues naming every
    parameter with unknown values."""
    queryset, problems = filter_by_vocabularies(
        queryset,
        [
            ("type", PublicationType, "publication_type__slug__in", types),
            ("region", Region, "regions__slug__in", regions),
            ("issue", Issue, "issues__slug__in", issues),
            ("tag", public_tags(), "tags__slug__in", tags),
            ("series", Series, "series__slug__in", series),
        ],
    )
    if experts:
        queryset = matching(
            queryset, "authors__expert__translation_key__in", expert_keys(problems, experts)
        )
    if date_from and date_to and date_from > date_to:
        problems.append(("date_from", "date_from is after date_to."))
    if date_from:
        queryset = queryset.filter(date__gte=date_from)
    if date_to:
        queryset = queryset.filter(date__lte=date_to)
    if problems:
        raise UnknownValues(problems)
    return queryset
