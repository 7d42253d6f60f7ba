"""What discovery adds to every public page, through core's public hooks
(``{% public_hook "header" %}`` and ``{% public_hook "head" %}`` in core/base.html):
the search box in the header, the feeds of what the page lists and its structured data."""

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from wagtail import hooks

from .head import feed_links
from .structured_data import structured_data


@hooks.register("core_public_header")
def search_box(context):
    """The site search form, in the reader's language."""
    request = context.get("request")
    try:
        action = reverse("discovery_search")
    except NoReverseMatch:  # a project that does not route discovery's page URLs
        return ""
    query = request.GET.get("q", "") if request is not None else ""
    return render_to_string(
        "discovery/includes/search_box.html",
        {"action": action, "query": query if request.path == action else ""},
        request=request,
    )


@hooks.register("core_public_head")
def head(context):
    """<link rel="alternate"> to the feeds of what the page lists, and its JSON-LD."""
    return render_to_string(
        "discovery/includes/head.html",
        {"feeds": feed_links(context), "structured_data": structured_data(context)},
    )
