"""Keyword search over live briefs, shared by the HTML listing and the API.

Searches one language edition with that language's search backend (core.search: the
``arabic`` PostgreSQL configuration for Arabic; normalized, stemmed words on SQLite), all
words required, best match first (title, then summary and subtitle, then the rest).
Punctuation that search backends read as query syntax is dropped; a query the backend
still cannot run raises UnsearchableQuery instead of a server error.
"""

import re

from django.db import DatabaseError, transaction
from django.db.models import Case, IntegerField, Value, When

from core.search import search_backend_for
from core.text_normalization import strip_arabic_marks

from .models import BriefPage

MAX_HITS = 1000

_SEARCH_NOISE = re.compile(r"[^\w\s-]+")


class UnsearchableQuery(ValueError):
    """The search backend refused the words (reported to the reader, never a 500)."""


def plain_words(q):
    """``q`` reduced to words, hyphens and spaces. Arabic marks go first: they are not
    word characters, and العِرَاق must stay one word, not three."""
    return _SEARCH_NOISE.sub(" ", strip_arabic_marks(q or "")).strip()


def matching_brief_ids(locale, q):
    """Ids of the live briefs of ``locale`` matching every word of ``q``, most relevant
    first (at most MAX_HITS), or None when ``q`` has no words (no search asked)."""
    words = plain_words(q)
    if not words:
        return None
    try:
        with transaction.atomic():
            hits = (
                # Live only: search backends cannot filter on view restrictions or expiry;
                # callers intersect the hits with BriefPage.objects.for_readers().
                BriefPage.objects.live()
                .filter(locale=locale)
                .only("pk")  # ids are all this needs: never load a thousand bodies
                .search(
                    words,
                    operator="and",
                    order_by_relevance=True,
                    backend=search_backend_for(locale.language_code),
                )
            )
            return [hit.pk for hit in hits[:MAX_HITS]]
    except DatabaseError as error:
        raise UnsearchableQuery("This search cannot be run; use plain words.") from error


def by_relevance(queryset, ids):
    """``queryset`` ordered as ``ids`` (matching_brief_ids' relevance order), in SQL, so
    pagination and counting stay in the database."""
    if not ids:
        return queryset.order_by("-pk")
    position = Case(
        *[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)],
        output_field=IntegerField(),
    )
    return queryset.order_by(position, "-pk")
