"""Which briefs the Recommended block shows.

Hand-picked briefs come first (live and public only, no duplicates, never the page
itself, in the reader's language where a live translation exists). When fewer than three
remain, the newest live briefs in the page's locale that share a region or issue fill up
to three; on pages without taxonomy (home, index) the newest briefs fill instead.
"""

from django.db.models import Q

from core.localization import active_locale, language_code_for
from core.visibility import public

from .blocks import MAX_PICKS, MIN_CARDS
from .cards import build_cards


def recommended_cards(page, picked, locale=None, urls=None):
    """Cards for ``page`` from the hand-picked ``picked`` briefs, filled up to three."""
    from .models import BriefPage

    locale = locale or (page.locale if page is not None else active_locale())
    page_id = page.pk if page is not None else None
    page_key = getattr(page, "translation_key", None)
    visible_briefs = public(BriefPage.objects.live())

    picked_ids = [p.pk for p in picked if p is not None]
    visible = {
        pk: (key, locale_id)
        for pk, key, locale_id in visible_briefs.filter(pk__in=picked_ids).values_list(
            "pk", "translation_key", "locale_id"
        )
    }
    chosen, seen_keys = [], {page_key}
    for pk in picked_ids:
        if pk not in visible or visible[pk][0] in seen_keys:
            continue
        seen_keys.add(visible[pk][0])
        chosen.append(pk)
    chosen = chosen[:MAX_PICKS]
    # Swap in the reader's language where a live translation exists (as localize_many).
    translated = dict(
        visible_briefs.filter(
            locale=locale, translation_key__in=[visible[pk][0] for pk in chosen]
        ).values_list("translation_key", "pk")
    )
    fallback = {}  # card id -> language it falls back to ("" when it is in ``locale``)
    for pk in chosen:
        key, own_locale = visible[pk]
        if key in translated:
            fallback[translated[key]] = ""
        else:
            fallback[pk] = language_code_for(own_locale)

    if len(fallback) < MIN_CARDS:
        fill = (
            visible_briefs.filter(locale=locale)
            .exclude(translation_key__in=[k for k in seen_keys if k])
            .exclude(pk=page_id)
        )
        regions = list(page.regions.all()) if hasattr(page, "regions") else []
        issues = list(page.issues.all()) if hasattr(page, "issues") else []
        if regions or issues:
            fill = fill.filter(Q(regions__in=regions) | Q(issues__in=issues)).distinct()
        fill = fill.order_by("-date", "-pk").values_list("pk", flat=True)
        for pk in fill[: MIN_CARDS - len(fallback)]:
            fallback[pk] = ""

    cards = {
        card.pk: card
        for card in build_cards(BriefPage.objects.filter(pk__in=fallback), locale, urls=urls)
    }
    result = []
    for pk, language in fallback.items():
        card = cards[pk]
        card.is_fallback, card.fallback_language = bool(language), language
        result.append(card)
    return result
