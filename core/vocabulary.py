"""A page's terms (regions, issues, type, series, tags) in the reader's language, in one query.

A vocabulary (regions, issues, publication types, series, outlets…) is small and changes
rarely, and every page shows a few of its terms. ``terms_in(model, locale)`` keeps each
vocabulary by content version (``core.versioned``), every term already swapped for its
translation in the locale (as ``core.localization.localize_many``); ``linked_ids(page, …)``
reads which terms one page links to, across all its many-to-many relations and tags, in a
single UNION query. Together they cost one query per page instead of one per relation and
one more per vocabulary to localize.

The models must send ``core.signals.content_changed`` when saved (``core.signals.watch``),
so that a renamed term is not shown under its old name. A term another process created
since its vocabulary was kept is read from the database.
"""

import copy

from django.db.models import Aggregate, CharField, F, OuterRef, Subquery, Value

from .localization import localize_many, mark_edition
from .statements import prepared
from .versioned import per_content_version

#: The name under which ``linked_ids`` answers a page's taggit tags: [(id, name, slug)].
TAGS = "tags"


@per_content_version
def _vocabulary(model):
    return tuple(model.objects.all())


@per_content_version
def terms_in(model, locale_id):
    """{term id: the term as readers of ``locale_id`` see it} for every term of ``model``
    (a TranslatableMixin model): its translation in that locale, else the term itself with
    ``is_fallback`` and ``fallback_language`` set. Kept until the content changes; shared
    by every request, so read only."""
    terms = _vocabulary(model)
    in_locale = {term.translation_key: term for term in terms if term.locale_id == locale_id}
    shown = {}  # id of the edition shown -> a copy marked for this locale
    result = {}
    for term in terms:
        edition = in_locale.get(term.translation_key, term)
        if edition.pk not in shown:
            shown[edition.pk] = mark_edition(copy.copy(edition), locale_id)
        result[term.pk] = shown[edition.pk]
    return result


@per_content_version
def _by_id(model):
    """{term id: (its place in the vocabulary's order, the term as stored)}."""
    return {term.pk: (position, term) for position, term in enumerate(_vocabulary(model))}


def term_by_id(model, pk):
    """The term of ``model`` with ``pk`` as stored (not localized), or None; kept."""
    if pk is None:
        return None
    found = _by_id(model).get(pk)
    return found[1] if found else model.objects.filter(pk=pk).first()


def localized_terms(model, ids, locale):
    """The terms of ``model`` with ``ids``, in the order of the linked terms in their
    vocabulary (as ``page.regions.all()`` lists them), each as readers of ``locale`` see
    it; no query unless a term is missing from the kept vocabulary."""
    known = terms_in(model, locale.pk)
    ids = [pk for pk in dict.fromkeys(ids) if pk is not None]
    missing = [pk for pk in ids if pk not in known]
    if missing:
        fresh = list(model.objects.filter(pk__in=missing))
        shown = localize_many(fresh, locale)
        known = {**known, **{term.pk: edition for term, edition in zip(fresh, shown, strict=True)}}
    places = _by_id(model)
    linked = sorted(
        (pk for pk in ids if pk in known), key=lambda pk: places.get(pk, (len(places),))[0]
    )
    return [known[pk] for pk in linked]


def localized_term(model, pk, locale):
    """One term (or None) as readers of ``locale`` see it (see ``localized_terms``)."""
    if pk is None:
        return None
    found = localized_terms(model, [pk], locale)
    return found[0] if found else None


def _held_in_memory(page, accessor):
    """Whether ``page`` holds the relation ``accessor`` in memory (a preview or a revision:
    modelcluster keeps its changes there) or prefetched, where the database does not
    say what it shows."""
    return accessor in getattr(page, "_cluster_related_objects", {}) or accessor in getattr(
        page, "_prefetched_objects_cache", {}
    )


def linked_ids(page, names):
    """{name: ids} of ``page``'s many-to-many relations ``names`` (ParentalManyToManyField
    or ManyToManyField), and for ``TAGS``, its taggit tags as [(id, name, slug)], in one
    query (none for an unsaved page). Relations a preview holds in memory are read from
    there."""
    model = type(page)
    result, stored = {}, []
    for name in names:
        field = model._meta.get_field(name)
        if name == TAGS:
            accessor = field.through._meta.get_field("content_object").remote_field
            in_memory = _held_in_memory(page, accessor.get_accessor_name())
            if page.pk is None or in_memory:
                result[name] = [(tag.pk, tag.name, tag.slug) for tag in getattr(page, name).all()]
                continue
        elif page.pk is None or _held_in_memory(page, name):
            result[name] = [term.pk for term in getattr(page, name).all()]
            continue
        result[name] = []
        stored.append(name)
    if stored:
        rows = _linked_rows(model=model, names=tuple(stored), page_id=page.pk)
        for relation, term, term_name, term_slug in sorted(rows, key=lambda row: row[:2]):
            result[relation].append((term, term_name, term_slug) if relation == TAGS else term)
    return result


@prepared
def _linked_rows(model, names, page_id):
    """(relation, term id, name, slug) of page ``page_id``'s relations ``names`` (a union)."""
    branches = []
    for name in names:
        field = model._meta.get_field(name)
        if name == TAGS:
            branch = field.through.objects.filter(content_object_id=page_id).annotate(
                term=F("tag_id"), term_name=F("tag__name"), term_slug=F("tag__slug")
            )
        else:
            through = field.remote_field.through
            branch = through.objects.filter(**{field.m2m_field_name(): page_id}).annotate(
                term=F(field.m2m_reverse_name()),
                term_name=Value("", output_field=CharField()),
                term_slug=Value("", output_field=CharField()),
            )
        branches.append(
            branch.annotate(relation=Value(name, output_field=CharField()))
            .order_by()
            .values_list("relation", "term", "term_name", "term_slug")
        )
    return branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]


class JoinedIds(Aggregate):
    """The values of an integer column across a group, as text: "3,5" (SQLite's and
    MySQL's GROUP_CONCAT, PostgreSQL's STRING_AGG); parse with :func:`split_ids`."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s((%(expressions)s)::text, ',')",
            **extra_context,
        )


def linked_ids_column(model, name):
    """An annotation for a queryset of ``model``: the ids of each row's many-to-many
    relation ``name``, as text (see JoinedIds), read in the row's own query."""
    field = model._meta.get_field(name)
    source = field.m2m_field_name()
    links = (
        field.remote_field.through.objects.filter(**{source: OuterRef("pk")})
        .order_by()
        .values(source)
        .annotate(ids=JoinedIds(field.m2m_reverse_name()))
        .values("ids")
    )
    return Subquery(links, output_field=CharField())


def split_ids(text):
    """The ids of a ``JoinedIds`` value (None or "" for none)."""
    return [int(part) for part in text.split(",")] if text else []
