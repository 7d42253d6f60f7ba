"""Which briefs the Recommended block shows.

Hand-picked briefs come first (live and public only, no duplicates, never the page
itself, in the reader's language where a live translation exists). When fewer than three
remain, the newest live briefs in the page's locale that share a region or issue fill up
to three; on pages without taxonomy (home, index) the newest briefs fill instead.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.localization import active_locale, language_code_for

from .blocks import MAX_PICKS, MIN_CARDS
from .cards import build_cards
from .models import BriefPage


def recommended_picks(page, stream=None, default_heading=None):
    """(heading, hand-picked briefs) of the Recommended block in ``stream`` (by default the
    page's ``recommended`` field); no picks when no block exists."""
    blocks = page.recommended if stream is None else stream
    default_heading = default_heading or _("Recommended")
    for block in blocks or []:
        picks = list(block.value.get("items") or [])
        return block.value.get("heading") or default_heading, picks
    return default_heading, []


def recommended_for(page, stream=None, default_heading=None, urls=None):
    """(heading, cards) of the Recommended block in ``stream`` (by default the page's
    ``recommended`` field), auto-filled when nothing is picked or no block exists."""
    heading, picks = recommended_picks(page, stream, default_heading)
    return heading, recommended_cards(page, picks, urls=urls)


def recommended_cards(page, picked, locale=None, urls=None, fill=True):
    """Cards for ``page`` from the hand-picked ``picked`` briefs, filled up to three (unless
    ``fill`` is false: a hub's featured items are the picks only)."""
    locale = locale or (page.locale if page is not None else active_locale())
    chosen = recommended_choice(page, picked, locale, fill)
    return cards_in_order(chosen, locale, urls)[0]


def cards_in_order(chosen, locale, urls=None, more=()):
    """(cards of ``chosen``, cards of ``more``), each in the given order, built in one pass
    (the same queries for both). ``chosen`` maps a brief id to the language its card falls
    back to ("" for none), as ``recommended_choice`` gives it; ``more`` lists brief ids."""
    ids = [*chosen, *more]
    built = {
        card.pk: card
        for card in build_cards(BriefPage.objects.filter(pk__in=ids), locale, urls=urls)
    }
    first = []
    for pk, language in chosen.items():
        card = built[pk]
        card.is_fallback, card.fallback_language = bool(language), language
        first.append(card)
    return first, [built[pk] for pk in more if pk in built]


def recommended_choice(page, picked, locale, fill=True):
    """{brief id: language its card falls back to, "" when it is in ``locale``}, in order:
    the visible picks (in ``locale`` where a live translation exists, no duplicates, never
    ``page`` itself), filled up to three with briefs sharing a region or issue (the newest
    briefs on pages without taxonomy) unless ``fill`` is false."""
    page_id = page.pk if page is not None else None
    page_key = getattr(page, "translation_key", None)
    visible_briefs = BriefPage.objects.visible()

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

    if fill and len(fallback) < MIN_CARDS:
        fill = (
            BriefPage.objects.for_readers(locale)
            .exclude(translation_key__in=[k for k in seen_keys if k])
            .exclude(pk=page_id)
        )
        regions = list(page.regions.all()) if hasattr(page, "regions") else []
        issues = list(page.issues.all()) if hasattr(page, "issues") else []
        if regions or issues:
            fill = fill.filter(Q(regions__in=regions) | Q(issues__in=issues)).distinct()
        fill = fill.values_list("pk", flat=True)
        for pk in fill[: MIN_CARDS - len(fallback)]:
            fallback[pk] = ""
    return fallback
