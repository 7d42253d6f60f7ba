"""Cross-app hooks: the experts' publication lists and the regions' and issues' landing URLs."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import Issue, Region
from core.pagination import get_page
from experts.models import EXPERT_PUBLICATIONS_HOOK

from .cards import build_cards
from .models import AnalysisIndexPage, BriefPage, Outlet, Series, term_model


class OutletViewSet(SnippetViewSet):
    """Outlets that publish the experts' op-eds and articles."""

    model = Outlet
    icon = "globe"
    list_display = ["name", "homepage", "locale"]
    search_fields = ["name"]


class SeriesViewSet(SnippetViewSet):
    """Series, platforms and formats shown as badges and filters."""

    model = Series
    icon = "list-ul"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class PublicationsViewSetGroup(SnippetViewSetGroup):
    items = (SeriesViewSet, OutletViewSet)
    menu_label = _("Publications")
    menu_icon = "doc-full-inverse"
    menu_order = 310


register_snippet(PublicationsViewSetGroup)


@hooks.register(EXPERT_PUBLICATIONS_HOOK)
def briefs_by_expert(expert, locale, page_number, per_page):
    """One page of cards for the live briefs in ``locale`` that ``expert`` (any edition of
    the profile) wrote, newest first."""
    queryset = (
        BriefPage.objects.for_readers(locale)
        .filter(authors__expert__translation_key=expert.translation_key)
        .distinct()
    )
    page = get_page(Paginator(queryset, per_page), page_number)
    page.object_list = build_cards(page.object_list, locale)
    return page


@hooks.register("core_term_url")
def term_landing_url(term, locale, request):
    """/policy-analysis/<slug>/ (or /ar/…) for a region or issue, /policy-analysis/series/
    <slug>/ for a series, in the reader's language (``locale``)."""
    if term_model(term) not in (Region, Issue, Series):
        return None
    index = AnalysisIndexPage.for_locale(locale, request)
    return index.term_url(term, request=request) if index is not None else None
