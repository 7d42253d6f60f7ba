"""Which briefs the Recommended block shows.

Hand-picked briefs come first (live and public only, no duplicates, never the page
itself, in the reader's language where a live translation exists). When fewer than three
remain, the newest live briefs in the page's locale that share a region or issue fill up
to three; on pages without taxonomy (home, index) the newest briefs fill instead.
"""

from django.db.models import Q

from core.localization import active_locale, localize_many

from .blocks import MAX_PICKS, MIN_CARDS
from .cards import build_cards, card_queryset


def recommended_cards(page, picked, locale=None):
    """Cards for ``page`` from the hand-picked ``picked`` briefs, filled up to three."""
    from .models import BriefPage

    locale = locale or (page.locale if page is not None else active_locale())
    page_id = page.pk if page is not None else None
    page_key = getattr(page, "translation_key", None)

    picked_ids = [p.pk for p in picked if p is not None]
    visible = {
        p.pk: p for p in card_queryset(BriefPage.objects.live().public().filter(pk__in=picked_ids))
    }
    chosen, seen_keys = [], {page_key}
    for pk in picked_ids:
        brief = visible.get(pk)
        if brief is None or brief.translation_key in seen_keys:
            continue
        seen_keys.add(brief.translation_key)
        chosen.append(brief)
    # Swap in the reader's language, then load what the cards show for the final set.
    localized = localize_many(chosen[:MAX_PICKS], locale)
    fallback = {brief.pk: brief.is_fallback for brief in localized}
    loaded = card_queryset(BriefPage.objects.filter(pk__in=fallback)).in_bulk()
    chosen = []
    for pk, is_fallback in fallback.items():
        loaded[pk].is_fallback = is_fallback
        chosen.append(loaded[pk])

    if len(chosen) < MIN_CARDS:
        fill = (
            BriefPage.objects.live()
            .public()
            .filter(locale=locale)
            .exclude(translation_key__in=[k for k in seen_keys if k])
            .exclude(pk=page_id)
        )
        regions = list(page.regions.all()) if hasattr(page, "regions") else []
        issues = list(page.issues.all()) if hasattr(page, "issues") else []
        if regions or issues:
            fill = fill.filter(Q(regions__in=regions) | Q(issues__in=issues)).distinct()
        for brief in card_queryset(fill.order_by("-date", "-pk"))[: MIN_CARDS - len(chosen)]:
            brief.is_fallback = False
            chosen.append(brief)
    return build_cards(chosen, locale)
