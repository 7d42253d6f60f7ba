"""Taxonomy snippets in the admin, grouped under one menu item; the site identity (the
chrome's translatable strings) under Settings; rich text page links and page serving that
follow the readers' rule (core.visibility)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .localization import locale_by_id
from .models import Issue, PublicationType, Region, SiteIdentity
from .visibility import is_expired, restrictions_read_once


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
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 300


register_snippet(TaxonomyViewSetGroup)


class SiteIdentityViewSet(SnippetViewSet):
    """The institute's name, tagline and footer per site and language, beside Wagtail's
    other settings; translated from the snippet's "Translate" action like any snippet."""

    model = SiteIdentity
    icon = "site"
    menu_label = _("Site identity")
    add_to_settings_menu = True
    list_display = ["name", "site", "locale"]


register_snippet(SiteIdentityViewSet)


@hooks.register("register_rich_text_features", order=100)
def register_localized_page_links(features):
    """Replace Wagtail's page-link handler (registered at order 0) with the bulk one."""
    from .rendering import LocalizedPageLinkHandler

    features.register_link_type(LocalizedPageLinkHandler)


@hooks.register("before_serve_page")
def refuse_expired_pages(page, request, serve_args, serve_kwargs):
    """A page past its expiry time is gone for readers at once (404), although it stays
    live until ``publish_scheduled`` next runs and unpublishes it."""
    if is_expired(page):
        raise Http404


@hooks.register("before_serve_page")
def locale_from_cache(page, request, serve_args, serve_kwargs):
    """The served page's ``locale`` from the process-wide Locale cache: its edition's
    filters, localization and chrome all read it, and loading it would cost a query."""
    if not Page.locale.is_cached(page):
        Page.locale.field.set_cached_value(page, locale_by_id(page.locale_id))


@hooks.register("on_serve_page")
def read_restrictions_once(serve):
    """Serve (and render) a page reading the view restrictions once: the rule of
    core.visibility is applied many times per page (navigation, editions, listing, cards,
    links), and each application would read them again."""

    def serve_reading_restrictions_once(page, request, serve_args, serve_kwargs):
        with restrictions_read_once():
            response = serve(page, request, serve_args, serve_kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response

    return serve_reading_restrictions_once
