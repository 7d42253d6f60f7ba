"""Admin and cross-app hooks: snippets for taxonomy, expert publications."""

from wagtail import hooks

from experts.models import EXPERT_PUBLICATIONS_HOOK


@hooks.register(EXPERT_PUBLICATIONS_HOOK)
def briefs_by_expert(expert, locale, page_number, per_page):
    """One page of cards for the live briefs in ``locale`` that ``expert`` (any edition of
    the profile) wrote, newest first."""
    from django.core.paginator import Paginator

    from .cards import build_cards, card_queryset
    from .models import BriefPage

    queryset = card_queryset(
        BriefPage.objects.live()
        .public()
        .filter(locale=locale, authors__expert__translation_key=expert.translation_key)
        .distinct()
        .order_by("-date", "-pk")
    )
    page = Paginator(queryset, per_page).get_page(page_number)
    page.object_list = build_cards(page.object_list, locale)
    return page
