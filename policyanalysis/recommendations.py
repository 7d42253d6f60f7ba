"""Which briefs the Recommended block shows.

Hand-picked briefs come first (live and public only, no duplicates, never the page
itself, in the reader's language where a live translation exists). When fewer than three
remain, the newest live briefs in the page's locale that share a region or issue fill up
to three; on pages without taxonomy (home, index) the newest briefs fill instead.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.localization import active_locale, language_code_for
from core.statements import prepared
from core.vocabulary import linked_ids

from .blocks import MAX_PICKS, MIN_CARDS
from .cards import build_cards_by_id
from .models import BriefPage


def recommended_picks(page, stream=None, default_heading=None):
    """(heading, ids of the hand-picked briefs) of the first Recommended block in ``stream``
    (by default the page's ``recommended`` field); no picks when no block exists. Read from
    the stream's stored data: the picks' pages are not loaded."""
    blocks = page.recommended if stream is None else stream
    default_heading = default_heading or _("Recommended")
    for block in blocks.raw_data if blocks else []:
        value = block.get("value") or {}
        picks = [pick_id(item) for item in value.get("items") or []]
        return value.get("heading") or default_heading, [pk for pk in picks if pk is not None]
    return default_heading, []


def pick_id(item):
    """The page id of one stored pick (a ListBlock item, in its current or older format;
    a page object or id in memory), or None."""
    if isinstance(item, dict):
        item = item.get("value")
    pk = getattr(item, "pk", item)
    return pk if isinstance(pk, int) else None


def recommended_for(page, stream=None, default_heading=None, urls=None, terms=None):
    """(heading, cards) of the Recommended block in ``stream`` (by default the page's
    ``recommended`` field), auto-filled when nothing is picked or no block exists.
    ``terms``: the page's ``get_linked_terms()`` when the caller has them."""
    heading, picks = recommended_picks(page, stream, default_heading)
    return heading, recommended_cards(page, picks, urls=urls, terms=terms)


def recommended_cards(page, picked, locale=None, urls=None, fill=True, terms=None):
    """Cards for ``page`` from the hand-picked ``picked`` briefs (pages or ids), filled up
    to three (unless ``fill`` is false: a hub's featured items are the picks only)."""
    locale = locale or (page.locale if page is not None else active_locale())
    chosen = recommended_choice(page, picked, locale, fill, terms)
    return cards_in_order(chosen, locale, urls)[0]


def cards_in_order(chosen, locale, urls=None, more=()):
    """(cards of ``chosen``, cards of ``more``), each in the given order, built in one pass
    (the same queries for both). ``chosen`` maps a brief id to the language its card falls
    back to ("" for none), as ``recommended_choice`` gives it; ``more`` lists brief ids."""
    ids = [*chosen, *more]
    built = {card.pk: card for card in build_cards_by_id(ids, locale, urls=urls)}
    first = []
    for pk, language in chosen.items():
        card = built[pk]
        card.is_fallback, card.fallback_language = bool(language), language
        first.append(card)
    return first, [built[pk] for pk in more if pk in built]


def recommended_choice(page, picked, locale, fill=True, terms=None):
    """{brief id: language its card falls back to, "" when it is in ``locale``}, in order:
    the visible picks (pages or ids; in ``locale`` where a live translation exists, no
    duplicates, never ``page`` itself), filled up to three with briefs sharing a region or
    issue (the newest briefs on pages without taxonomy) unless ``fill`` is false. One query
    for the picks; the fill costs one more, and reads the page's regions and issues unless
    ``terms`` (its ``get_linked_terms()``) gives them."""
    page_id = page.pk if page is not None else None
    page_key = getattr(page, "translation_key", None)
    picked_ids = [pk for pk in (pick_id(p) for p in picked) if pk is not None]
    picked_set = set(picked_ids)
    visible, translated = {}, {}
    if picked_ids:
        for pk, key, locale_id in _visible_picks(
            ids=sorted(picked_set), locale_id=locale.pk, now=timezone.now()
        ):
            if pk in picked_set:
                visible[pk] = (key, locale_id)
            if locale_id == locale.pk:
                translated[key] = pk
    chosen, seen_keys = [], {page_key}
    for pk in picked_ids:
        if pk not in visible or visible[pk][0] in seen_keys:
            continue
        seen_keys.add(visible[pk][0])
        chosen.append(pk)
    chosen = chosen[:MAX_PICKS]
    # Swap in the reader's language where a live translation exists (as localize_many).
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
        regions, issues = _regions_and_issues(page, terms)
        if regions or issues:
            fill = fill.filter(Q(regions__in=regions) | Q(issues__in=issues)).distinct()
        fill = fill.values_list("pk", flat=True)
        for pk in fill[: MIN_CARDS - len(fallback)]:
            fallback[pk] = ""
    return fallback


@prepared
def _visible_picks(ids, locale_id, now):
    """(id, translation key, locale id) of the picks ``ids`` and their translations in
    ``locale_id`` that readers may see at ``now``, in one query."""
    keys = Page.objects.filter(pk__in=ids).values("translation_key")
    translations = Page.objects.filter(locale_id=locale_id, translation_key__in=keys)
    return (
        BriefPage.objects.visible(now)
        # Both sides name the page's id (not one the brief's, the other Page's columns), and
        # no order (Page's is by path): so SQLite looks the rows up by their index instead of
        # reading every brief.
        .filter(Q(pk__in=ids) | Q(pk__in=translations.values("pk")))
        .order_by()
        .values_list("pk", "translation_key", "locale_id")
    )


def _regions_and_issues(page, terms):
    """Ids of ``page``'s regions and issues (none for a page without taxonomy)."""
    if terms is not None:
        return terms.get("regions", []), terms.get("issues", [])
    if hasattr(page, "regions") and hasattr(page, "issues"):
        terms = linked_ids(page, ["regions", "issues"])
        return terms["regions"], terms["issues"]
    return [], []
