"""Analysis cards: the type label, title, date, authors and link shown in every listing.

Cards for any number of briefs cost a fixed number of queries: the briefs, their author
rows with experts, and one query per model to swap in the reader's language.
"""

from django.db.models import Prefetch

from core.localization import active_locale, localize_many


def card_queryset(queryset):
    """Prefetch what a card shows onto a BriefPage queryset."""
    from .models import BriefAuthor

    return queryset.select_related("publication_type", "locale", "hero_image").prefetch_related(
        Prefetch(
            "authors",
            queryset=BriefAuthor.objects.select_related("expert").order_by("sort_order"),
        )
    )


def build_cards(briefs, locale=None):
    """Attach ``card_type`` and ``card_authors`` (localized) to each brief and return the list."""
    locale = locale or active_locale()
    briefs = list(briefs)
    types = localize_many([b.publication_type for b in briefs if b.publication_type], locale)
    types_by_key = {t.translation_key: t for t in types}
    rows = [row for b in briefs for row in b.authors.all()]
    experts = localize_many([row.expert for row in rows], locale)
    experts_by_id = dict(zip([row.expert_id for row in rows], experts, strict=True))
    for brief in briefs:
        brief.card_type = (
            types_by_key.get(brief.publication_type.translation_key)
            if brief.publication_type
            else None
        )
        brief.card_authors = [experts_by_id[row.expert_id] for row in brief.authors.all()]
    return briefs
