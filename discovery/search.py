"""Site search: the analysis listing's keyword and filters, plus what a search page adds.

``SiteSearch`` is ``policyanalysis.listing.AnalysisListing`` (the same relevance ranking as
the listing and the API's ``ordering=relevance``: ``policyanalysis.search``, ts_rank with
title > summary > body weights on PostgreSQL, weighted bm25 on SQLite), with:

- facet counts of the results by type, region, issue, expert and year, each a link that
  narrows the search (one query per facet, whatever the number of results);
- a snippet of each result with the query's words marked (matched on their search form,
  so "militia" marks "militias" and عراق marks العراق, as the search itself matches);
- "did you mean": when nothing matches, the query with each unknown word replaced by the
  closest word of the edition's titles and summaries, offered only when that finds something.
"""

import difflib
import html
import re

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.functional import cached_property
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.text_normalization import search_words
from experts.models import ExpertPage
from policyanalysis.listing import AnalysisListing
from policyanalysis.models import BriefPage
from policyanalysis.search import UnsearchableQuery, matching_brief_ids, plain_words

#: Words shown before the first marked word of a snippet, and in all.
SNIPPET_LEAD, SNIPPET_WORDS = 12, 40
#: How close a word must be to a known one to be suggested instead (difflib's ratio).
SUGGESTION_CUTOFF = 0.75

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


class Facet:
    """One facet: its filter name, label and [(value, label, count, selected, query string)],
    the query string selecting the value (removing it when selected)."""

    def __init__(self, name, label, values):
        self.name, self.label, self.values = name, label, values


def block_text(raw):
    """The readable text of a StreamField's raw data (strings in every block's value)."""
    if isinstance(raw, dict):
        if "type" in raw and "value" in raw:
            return block_text(raw["value"])
        return " ".join(block_text(value) for value in raw.values())
    if isinstance(raw, list):
        return " ".join(block_text(value) for value in raw)
    if isinstance(raw, str):
        return html.unescape(strip_tags(raw))
    return ""


def snippet(text, query):
    """HTML: the part of ``text`` around the first word matching ``query``, matching words
    in <mark>, or "" when no word matches."""
    wanted = set(search_words(query))
    if not wanted:
        return ""
    words = list(_WORD.finditer(text))
    hits = [i for i, match in enumerate(words) if set(search_words(match.group())) & wanted]
    if not hits:
        return ""
    first = max(0, hits[0] - SNIPPET_LEAD)
    last = min(len(words), first + SNIPPET_WORDS)
    # Whole text at either end when nothing is cut there (its punctuation included).
    start = words[first].start() if first else 0
    end = words[last - 1].end() if last < len(words) else len(text)
    parts = ["… " if first else ""]
    position = start
    for i in range(first, last):
        match = words[i]
        parts.append(escape(text[position : match.start()]))
        if i in hits:
            parts.append(f"<mark>{escape(match.group())}</mark>")
        else:
            parts.append(escape(match.group()))
        position = match.end()
    parts.append(escape(text[position:end]))
    parts.append(" …" if last < len(words) else "")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


class SiteSearch(AnalysisListing):
    """The search page of one edition: results, facets, snippets and a suggestion."""

    FACETS = (
        ("type", _("Type")),
        ("region", _("Region")),
        ("issue", _("Issue")),
        ("expert", _("Expert")),
        ("year", _("Year")),
    )

    def __init__(self, params, locale):
        super().__init__(params, locale)
        self.query = self.filters.get("q", "")

    @cached_property
    def _results(self):
        return super().queryset()

    def queryset(self):
        # The listing asks twice (page, facets): search once.
        return self._results

    def page(self, number):
        """One page of cards, each with ``snippet`` (marked HTML, or "")."""
        page = super().page(number)
        if self.query:
            texts = {
                pk: (summary, body)
                for pk, summary, body in BriefPage.objects.filter(
                    pk__in=[card.pk for card in page.object_list]
                ).values_list("pk", "summary", "body")
            }
            for card in page.object_list:
                summary, body = texts.get(card.pk, ("", None))
                raw = getattr(body, "raw_data", body) or []
                card.snippet = snippet(summary, self.query) or snippet(
                    block_text(list(raw)), self.query
                )
        return page

    def _counts(self, expression):
        """{value: number of results} for ``expression`` (a field path or annotation)."""
        matched = BriefPage.objects.filter(pk__in=self._results.order_by().values("pk"))
        if not isinstance(expression, str):
            matched = matched.annotate(facet_value=expression)
            expression = "facet_value"
        rows = (
            matched.order_by()
            .values(expression)
            .annotate(count=Count("pk", distinct=True))
            .values_list(expression, "count")
        )
        return {value: count for value, count in rows if value is not None}

    def facets(self):
        """The facets with at least one value among the results, in FACETS order."""
        expert_keys = dict(
            ExpertPage.objects.filter(
                slug__in=[slug for slug, _name in self.form.fields["expert"].choices if slug]
            ).values_list("slug", "translation_key")
        )
        counts = {
            "type": self._counts("publication_type__slug"),
            "region": self._counts("regions__slug"),
            "issue": self._counts("issues__slug"),
            "year": self._counts(ExtractYear("date")),
        }
        by_key = self._counts("authors__expert__translation_key")
        counts["expert"] = {slug: by_key[key] for slug, key in expert_keys.items() if key in by_key}
        facets = []
        for name, label in self.FACETS:
            selected = self.filters.get(name)
            values = [
                (
                    value,
                    choice_label,
                    counts[name][value],
                    value == selected,
                    # A selected value's link removes it; the others narrow to them.
                    self.query_string(**{name: None if value == selected else value}),
                )
                for value, choice_label in self.form.fields[name].choices
                if value != "" and value in counts[name]
            ]
            if values:
                facets.append(Facet(name, label, values))
        return facets

    def suggestion(self):
        """A query close to the reader's that finds something, or "" (asked only when the
        reader's query found nothing)."""
        words = plain_words(self.query).split()
        if not words:
            return ""
        known = {}
        for title, summary in self.base.values_list("title", "summary"):
            for match in _WORD.finditer(f"{title} {summary}"):
                known.setdefault(match.group().casefold(), match.group())
        corrected = []
        for word in words:
            if word.casefold() in known:
                corrected.append(word)
                continue
            close = difflib.get_close_matches(word.casefold(), known, n=1, cutoff=SUGGESTION_CUTOFF)
            corrected.append(close[0] if close else word)
        proposal = " ".join(corrected)
        if proposal.casefold() == " ".join(words).casefold():
            return ""
        try:
            found = matching_brief_ids(self.locale, proposal)
        except UnsearchableQuery:
            return ""
        if not found or not self.base.filter(pk__in=found).exists():
            return ""
        return proposal
