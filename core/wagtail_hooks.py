"""Taxonomy snippets in the admin, grouped under one menu item."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Issue, PublicationType, Region


class TermViewSet(SnippetViewSet):
    """A vocabulary: list by name, search, filter by language edition."""

    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class PublicationTypeViewSet(TermViewSet):
    model = PublicationType
    icon = "doc-full"


class RegionViewSet(TermViewSet):
    model = Region
    icon = "site"


class IssueViewSet(TermViewSet):
    model = Issue
    icon = "tag"


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (PublicationTypeViewSet, RegionViewSet, IssueViewSet)
    menu_label = "Taxonomy"
    menu_icon = "tag"
    menu_order = 300


register_snippet(TaxonomyViewSetGroup)


@hooks.register("register_rich_text_features", order=100)
def register_localized_page_links(features):
    """Replace Wagtail's page-link handler (registered at order 0) with the bulk one."""
    from .rendering import LocalizedPageLinkHandler

    features.register_link_type(LocalizedPageLinkHandler)
