"""What analysis pages show beyond their own fields, computed for their templates: the
filtered listing of an index or landing page, the cards of a Recommended block and the
links between note references and endnotes."""

import re

from django import template
from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import hooks

from core.localization import localize
from core.pagination import get_page

from ..cards import build_cards
from ..hub_content import (
    featured_cards,
    latest_by_type,
    program_briefs,
    program_people,
    topic_experts,
)
from ..hubs import TOPIC_SECTIONS_HOOK
from ..listing import PER_PAGE, AnalysisListing
from ..models import Series
from ..recommendations import recommended_cards, recommended_for

register = template.Library()


@register.simple_tag(takes_context=True)
def analysis_listing(context, page, term=None):
    """The listing of ``page`` (an AnalysisIndexPage) filtered by the request's query string,
    limited to ``term`` (a region or issue) on its landing page; ``.results`` is the
    requested page of cards."""
    request = context["request"]
    listing = AnalysisListing(request.GET, locale=page.locale, term=term)
    listing.results = listing.page(request.GET.get("page"))
    return listing


@register.simple_tag
def topic_hub(page):
    """What a topic hub shows beyond its fields: ``term`` (in the page's language),
    ``featured`` cards, ``experts`` and ``latest`` (items grouped by type)."""
    term = page.term
    return {
        "term": localize(term, page.locale),
        "term_record": term,
        "featured": featured_cards(page),
        "experts": topic_experts(term, page.locale),
        "latest": latest_by_type(term, page.locale),
    }


@register.simple_tag(takes_context=True)
def topic_sections(context, term):
    """The sections apps higher up add to a topic hub (upcoming events), as HTML."""
    request = context.get("request")
    locale = context["page"].locale
    parts = [fn(term, locale, request) for fn in hooks.get_hooks(TOPIC_SECTIONS_HOOK)]
    return mark_safe("".join(str(part) for part in parts if part))  # noqa: S308 - apps escape


@register.simple_tag(takes_context=True)
def program_content(context, page):
    """What a program page shows: ``director`` (a list of none or one), ``fellows``,
    ``featured`` cards and ``results`` (the requested page of the program's items, newest first)."""
    request = context["request"]
    director, fellows = program_people(page, page.locale)
    paginator = Paginator(program_briefs(page, page.locale).order_by("-date", "-pk"), PER_PAGE)
    results = get_page(paginator, request.GET.get("page"))
    results.object_list = build_cards(results.object_list, page.locale)
    return {
        "director": [director] if director else [],
        "fellows": fellows,
        "featured": featured_cards(page),
        "results": results,
    }


@register.simple_tag
def series_contributors(term, locale):
    """The contributors of ``term`` when it is a series (see ``Series.get_contributors``),
    else nothing: landing pages of regions and issues have none."""
    if isinstance(term, Series):
        return term.get_contributors(locale)
    return []


@register.simple_tag
def recommended(page, terms=None):
    """(heading, cards) of a brief's Recommended block, auto-filled when nothing is picked
    (``terms``: the page's ``get_linked_terms()``, when the view has them)."""
    return recommended_for(page, terms=terms)


@register.simple_tag
def recommended_block_cards(value, page):
    """Cards of one Recommended block ``value`` rendered on ``page``."""
    return recommended_cards(page, list(value.get("items") or []))


# wagtail-localize offers a superscript's number as a string of its own: an Arabic
# translator may keep it or write it in Arabic-Indic digits (١٢); \d matches both.
_NOTE_REFERENCE = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>")


@register.filter
def link_endnotes(html, count):
    """Turn the body's superscript note numbers (``<sup>3</sup>``) into links to the
    endnotes (``#note-3``); the first reference to a note gets ``id="noteref-3"``, where
    the note's back link returns. Numbers beyond ``count`` notes stay plain superscripts.
    Anchors are numbers, so they are the same in every language edition."""
    seen = set()

    def link(match):
        written = match.group(1)
        number = int(written)  # int() reads Arabic-Indic digits too
        if not 1 <= number <= int(count or 0):
            return match.group(0)
        anchor = "" if number in seen else f' id="noteref-{number}"'
        seen.add(number)
        label = _("Note %(number)s") % {"number": number}
        return (
            f'<sup class="noteref"{anchor}><a href="#note-{number}" '
            f'aria-label="{escape(label)}">{written}</a></sup>'
        )

    return mark_safe(_NOTE_REFERENCE.sub(link, str(html)))  # noqa: S308 (escaped above)
