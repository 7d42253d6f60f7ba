"""What topic hubs and program pages show beyond their own fields, for their templates
(``templatetags/analysis_tags.py``) and the API: featured cards, the experts who cover a
topic, the latest items of each type, a program's people and items. Every function runs a
fixed number of queries, whatever the amount of content."""

from django.db.models import Count, F, Q, Subquery, Window
from django.db.models.functions import RowNumber

from core.collation import sort_key
from core.localization import default_locale, language_code_for, localize_rows, visible_editions
from core.models import PublicationType, Region
from core.visibility import visible
from experts.models import ExpertPage

from .cards import build_cards
from .hubs import LATEST_PER_TYPE
from .listing import TERM_FIELDS
from .models import BriefPage
from .recommendations import recommended_cards


def featured_cards(page, locale=None):
    """Cards of the hand-picked briefs of a hub's or program's ``featured`` list, in order:
    only those readers may see, each in the page's language where a live translation
    exists; no automatic fill."""
    picks = [block.value for block in page.featured if block.value is not None]
    if not picks:
        return []
    return recommended_cards(page, picks, locale=locale or page.locale, fill=False)


def topic_briefs(term, locale):
    """The briefs of ``locale`` readers may see about ``term`` (a default-locale region or
    issue)."""
    return BriefPage.objects.for_readers(locale).filter(**{TERM_FIELDS[type(term)][0]: term})


def latest_by_type(term, locale, per_type=LATEST_PER_TYPE):
    """[{"type": localized type row, "slug", "count", "cards"}]: the ``per_type`` newest
    items of each publication type about ``term``, the types in the editors' order, then
    alphabetically in ``locale``. A fixed number of queries: one for the counts, one for
    the types' names (and one more for their translations), the cards' own."""
    briefs = topic_briefs(term, locale).exclude(publication_type=None)
    counts = dict(
        briefs.order_by()
        .values_list("publication_type__slug")
        .annotate(n=Count("pk", distinct=True))
    )
    if not counts:
        return []
    ranked = (
        briefs.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("publication_type_id")],
                order_by=[F("date").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_type)
        .order_by("-date", "-pk")
    )
    # Django cannot read ``values()`` through the subquery a window filter becomes: take the
    # ids (one query), then the cards.
    ids = list(ranked.values_list("pk", flat=True))
    newest = BriefPage.objects.filter(pk__in=ids).order_by("-date", "-pk")
    by_slug = {}
    for card in build_cards(newest, locale):
        by_slug.setdefault(card.card_type.slug, []).append(card)
    fields = ["name", "slug", "sort_order", "translation_key", "locale_id"]
    types = localize_rows(
        lambda: PublicationType.objects.all(),
        list(
            PublicationType.objects.filter(slug__in=counts, locale=default_locale()).values(*fields)
        ),
        locale,
        fields,
    )
    types.sort(key=lambda row: (row["sort_order"], sort_key(row["name"])))
    return [
        {
            "type": row,
            "slug": row["slug"],
            "count": counts[row["slug"]],
            "cards": by_slug.get(row["slug"], []),
        }
        for row in types
    ]


def topic_experts(term, locale):
    """The experts whose expertise names ``term`` and whose profile readers may see, each
    in ``locale`` where that edition is visible (else the source's, marked as a fallback),
    by name in ``locale``. One query."""
    field = "expertise_regions" if isinstance(term, Region) else "expertise_issues"
    keys = ExpertPage.objects.filter(**{f"{field}__translation_key": term.translation_key}).values(
        "translation_key"
    )
    editions = visible(ExpertPage.objects.filter(translation_key__in=Subquery(keys)))
    chosen = {}
    for expert in editions.order_by("pk"):
        if expert.locale_id == locale.pk or expert.translation_key not in chosen:
            chosen[expert.translation_key] = expert
    people = list(chosen.values())
    for person in people:
        person.is_fallback = person.locale_id != locale.pk
        person.fallback_language = language_code_for(person.locale_id) if person.is_fallback else ""
    return sorted(people, key=lambda person: sort_key(person.title))


def program_people(program, locale):
    """The director and the fellows (in order, without the director twice), each the
    edition readers of ``locale`` may open; hidden profiles are left out. Two queries."""
    rows = list(program.fellows.select_related("expert").order_by("sort_order", "pk"))
    experts = [row.expert for row in rows]
    director = program.director
    people = visible_editions([director, *experts], locale)
    shown_director = people[0]
    fellows, seen = [], {director.translation_key} if director else set()
    for person in people[1:]:
        if person is not None and person.translation_key not in seen:
            seen.add(person.translation_key)
            fellows.append(person)
    return shown_director, fellows


def program_briefs(program, locale):
    """The briefs of ``locale`` readers may see in any of the program's series or with any
    of its keywords, newest first (none when it names neither)."""
    series = list(program.series.values_list("slug", flat=True))
    keywords = list(program.keywords.values_list("slug", flat=True))
    if not series and not keywords:
        return BriefPage.objects.none()
    condition = Q(series__slug__in=series) | Q(tags__slug__in=keywords)
    ids = BriefPage.objects.filter(condition).values("pk")
    return BriefPage.objects.for_readers(locale).filter(pk__in=Subquery(ids))
