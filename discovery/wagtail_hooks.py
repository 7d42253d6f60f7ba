"""What discovery adds to every public page, through core's public hooks
(``{% public_hook "header" %}`` and ``{% public_hook "head" %}`` in core/base.html):
the search box in the header, the feeds of what the page lists and its structured data."""

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from wagtail import hooks

from policyanalysis.models import BriefPage

from .citations import Reference
from .head import feed_links
from .reader_tools import reading_minutes, share_links
from .structured_data import structured_data


@hooks.register("core_public_header")
def search_box(context):
    """The site search form, in the reader's language."""
    request = context.get("request")
    try:
        action = reverse("discovery_search")
    except NoReverseMatch:  # a project that does not route discovery's page URLs
        return ""
    on_search = request is not None and request.path == action
    return render_to_string(
        "discovery/includes/search_box.html",
        {"action": action, "query": request.GET.get("q", "") if on_search else ""},
        request=request,
    )


def _reference(context):
    """The citation of the brief the page shows (computed once per page), or None."""
    page = context.get("page")
    if not isinstance(page, BriefPage):
        return None
    if not hasattr(page, "_discovery_reference"):
        authors = context.get("authors")
        page._discovery_reference = Reference(
            page, page.get_authors() if authors is None else authors, context.get("request")
        )
    return page._discovery_reference


@hooks.register("core_public_head")
def head(context):
    """<link rel="alternate"> to the feeds of what the page lists, its JSON-LD and, on a
    brief, the Highwire citation tags."""
    reference = _reference(context)
    return render_to_string(
        "discovery/includes/head.html",
        {
            "feeds": feed_links(context),
            "structured_data": structured_data(context),
            "citation_tags": reference.meta_tags() if reference else [],
        },
    )


@hooks.register("core_public_page_tools")
def page_tools(context):
    """Reading time, the Cite panel, share links and print, on a brief."""
    reference = _reference(context)
    if reference is None:
        return ""
    return render_to_string(
        "discovery/includes/page_tools.html",
        {
            "minutes": reading_minutes(reference.brief),
            "title": reference.full_title,
            "url": reference.url,
            "citations": reference.styles(),
            "doi": reference.doi,
            "doi_url": reference.doi_url,
            "bibtex_url": reverse("discovery_bibtex", args=[reference.brief.pk]),
            "ris_url": reverse("discovery_ris", args=[reference.brief.pk]),
            "share": share_links(reference.full_title, reference.url),
            "publisher": reference.publisher,
            "date": reference.date,
        },
    )
