"""The SQLite (FTS5) search backend with stemming and Arabic normalization, ranked by field.

modelsearch's SQLite backend stores each object's title and the rest of its text in an
FTS5 table and matches query words literally: عراق misses العراق, "militia" misses
"militias". This backend writes ``core.text_normalization.search_text`` of every text
into the index (title, body and, unstemmed, autocomplete) and passes every query word
through the same function, so both sides meet on the same stems. Nothing in the table
layout changes: ``manage.py update_index`` rewrites the entries in the normalized form.

Ranking (``occurrence_rank``), the SQLite counterpart of PostgreSQL's ``ts_rank`` with
weights and no length normalization: each query word counts by how often it occurs in the
title (times TITLE_WEIGHT) and in the body, saturating as ``n / (n + SATURATION)``; text
of a field declared with a ``boost`` (a brief's summary and subtitle) is written
BOOSTED_FIELD_REPEAT times in the body column, so it counts more. FTS5's ``bm25()`` is not
used for relevance: it length-normalizes every column by the whole row, so a long
brief's title match counted for less than a short brief's, and "Strategic Dialogue" found
the seed brief fifth. Scoring the title by its own length (a title-only FTS5 table was
tried) does not help either: the seed's title (12 words) is longer than the three other
"U.S.-Iraq Strategic Dialogue" titles (9 words), so it lost on the title and again on its
long body. Like ``ts_rank``, this ranks by how much a brief says about the words, not
by how short it is. Results in relevance order come from one query driven by the FTS5
match (``ranked``), not from upstream's per-row subquery.

Imported by ``core.search`` only when a SQLite database is in use: modelsearch's SQLite
modules look up their models when imported.
"""

from django.db.models import ExpressionWrapper, F, FloatField, IntegerField, Value
from django.db.models.functions import Cast, Concat, Length, Replace
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.query import (
    BM25,
    Lexeme,
    MatchExpression,
    SearchQueryExpression,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.index import AutocompleteField
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from .text_normalization import search_text

#: Weight of the title's bm25 score against the body's.
TITLE_WEIGHT = 10.0
#: n / (n + SATURATION): the first occurrence of a word counts most, the tenth little.
SATURATION = 1.0
#: How many times the text of a boosted non-title field is written in the body column.
BOOSTED_FIELD_REPEAT = 2


class WeightedBM25(BM25):
    """TITLE_WEIGHT x the title's ``bm25()`` + the body's (lower is better, as in FTS5).

    Each column is scored by ``bm25()`` with column weights that keep only that column,
    then weighted, as PostgreSQL's backend adds the title's and the body's ts_rank: a
    single bm25 over weighted columns saturates, so a long brief with every word in its
    title could fall below a short one that has them in its summary. The FTS5 columns are
    (autocomplete, body, title), in the order modelsearch's migration creates them;
    autocomplete text never counts towards a full-text search's rank.
    """

    def as_sql(self, compiler, connection, function=None, template=None):
        table = SQLiteFTSIndexEntry._meta.db_table
        title = f"bm25({table}, 0.0, 0.0, 1.0)"
        body = f"bm25({table}, 0.0, 1.0, 0.0)"
        return f"({TITLE_WEIGHT} * {title} + {body})", []


def _occurrences(column, phrase):
    """How often the normalized words ``phrase`` occur in the index entry's ``column``.

    Index texts are normalized words separated by single spaces; doubling the spaces and
    padding the text lets every occurrence, even of a word repeated back to back, be
    found as " phrase " and removed by one ``REPLACE``.
    """
    text = Concat(
        Value(" "), Replace(F(f"index_entry__{column}"), Value(" "), Value("  ")), Value(" ")
    )
    needle = f" {phrase.replace(' ', '  ')} "
    removed = Length(text) - Length(Replace(text, Value(needle), Value("")))
    return Cast(removed, FloatField()) / len(needle)


def occurrence_rank(phrases):
    """The relevance score of an FTS5 index row for the normalized query ``phrases``
    (lower is better, as ``bm25()``): minus, for each phrase, TITLE_WEIGHT x its saturated
    count in the title plus its saturated count in the body."""
    score = Value(0.0)
    for phrase in phrases:
        for column, weight in (("title", TITLE_WEIGHT), ("body", 1.0)):
            count = _occurrences(column, phrase)
            score = score - Value(weight) * count / (count + Value(SATURATION))
    return ExpressionWrapper(score, output_field=FloatField())


class NormalizingObjectIndexer(ObjectIndexer):
    """The texts of one object, normalized and stemmed as queries will be."""

    @cached_property
    def _texts(self):
        """(title, body, autocomplete) texts, from one pass over the fields (upstream reads
        every field once per column: a brief's StreamField body three times)."""
        title, body, autocomplete = [], [], []
        for field in self.search_fields:
            for current_field, value in self.prepare_field(self.obj, field):
                if isinstance(current_field, AutocompleteField):
                    autocomplete.append(value)
                elif current_field.field_name == "title":
                    title.append(value)
                else:
                    # Boosts are relative numbers in modelsearch: any boost counts double.
                    body.extend([value] * (BOOSTED_FIELD_REPEAT if current_field.boost else 1))
        return title, body, autocomplete

    @property
    def title(self):
        return search_text(" ".join(self._texts[0]))

    @property
    def body(self):
        return search_text(" ".join(self._texts[1]))

    @property
    def autocomplete(self):
        # Autocomplete matches the last word as a prefix: a stem of a half-typed word is
        # not a prefix of the indexed stem, so this column is normalized but not stemmed.
        return search_text(" ".join(self._texts[2]), stem=False)


class NormalizingSQLiteIndex(SQLiteIndex):
    """Writes normalized index entries.

    modelsearch's ``SQLiteIndex.add_items`` builds its ObjectIndexer by module name, with
    no hook for another one, so this is its logic with NormalizingObjectIndexer.
    """

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [NormalizingObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        texts = {
            indexer.id: {
                "title": indexer.title,
                "autocomplete": indexer.autocomplete,
                "body": indexer.body,
            }
            for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(
            entries.filter(object_id__in=texts.keys()).values_list("object_id", flat=True)
        )
        for object_id in indexed:
            # An UPDATE per entry, as upstream: the FTS5 table follows by trigger.
            entries.filter(object_id=object_id).update(**texts[object_id])
        self.entries.bulk_create(
            [
                self.entries.model(content_type_id=content_type_pk, object_id=object_id, **text)
                for object_id, text in texts.items()
                if object_id not in indexed
            ]
        )
        self._refresh_title_norms()


class NormalizedQueryMixin:
    """Query words go through ``search_text`` (``STEM``) before they reach FTS5.

    A word that normalizes to several (U.S.-Iraq: u s iraq) becomes one FTS5 phrase, as
    the literal word was; a query with no word left matches nothing (FTS5's empty phrase).
    Normalized words hold only letters, digits and apostrophes, so no query reaches FTS5
    with its syntax characters.
    """

    STEM = True

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            terms = [search_text(term, stem=self.STEM) for term in query.query_string.split()]
            terms = [term for term in terms if term]
            self.rank_phrases = list(terms)
            if not terms:
                return SearchQueryExpression(Lexeme(""), config=config)
            lexemes = Lexeme(terms.pop(), prefix=self.LAST_TERM_IS_PREFIX)
            for term in terms:
                if query.operator.upper() == "AND":
                    lexemes &= Lexeme(term)
                else:
                    lexemes |= Lexeme(term)
            return SearchQueryExpression(lexemes, config=config)
        if isinstance(query, Phrase):
            self.rank_phrases = [search_text(query.query_string, stem=self.STEM)]
            return SearchQueryExpression(search_text(query.query_string, stem=self.STEM))
        return super().build_search_query_content(query, config=config)

    def ranked(self, config, start, stop):
        """(pk, score) of the matching objects, best first, sliced [start:stop]; None when
        upstream's ``search`` must answer (no relevance ordering, a negated or match-all
        query, a model whose key is not an integer).

        One query driven by the FTS5 match, joined to the model by its integer key.
        Upstream filters the model on ``pk IN (object_id…)`` and scores every row with a
        correlated subquery that runs the match again, on a text id no index serves:
        about two seconds for 2,000 matching briefs, where this takes tens of ms.
        """
        query = normalize(self.query)
        if not self.order_by_relevance or isinstance(query, (MatchAll, Not)):
            return None
        model = self.queryset.model
        key = model._meta.pk
        while key.is_relation:
            key = key.target_field
        if not isinstance(key, IntegerField):
            return None
        self.rank_phrases = None
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        if self.rank_phrases:
            rank = occurrence_rank(self.rank_phrases)
        else:  # a query of And/Or nodes from code, not the readers' words
            rank = self._build_rank_expression(self.get_search_vectors(), config)
        entries = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(model))
            .annotate(object_pk=Cast("index_entry__object_id", output_field=IntegerField()))
            .filter(object_pk__in=self.queryset.order_by().values("pk"))
            .annotate(score=rank)
            .order_by("score", "-object_pk")
            .values_list("object_pk", "score")
        )
        return entries[start:stop]


class NormalizingSQLiteSearchQueryCompiler(NormalizedQueryMixin, SQLiteSearchQueryCompiler):
    """Full-text queries: stemmed words, ranked by WeightedBM25."""

    def _build_rank_expression(self, vectors, config):
        # Upstream adds bm25() of the whole row once per column "vector", weighted by the
        # title's length norm: the title weighs no more than the body.
        return WeightedBM25()


class NormalizingSQLiteAutocompleteQueryCompiler(
    NormalizedQueryMixin, SQLiteAutocompleteQueryCompiler
):
    """Autocomplete queries: normalized, unstemmed words, the last one a prefix."""

    STEM = False


class RankedSQLiteSearchResults(SQLiteSearchResults):
    """Results in relevance order from ``ranked()``: the ranked keys, then the objects."""

    def _ranked(self, start, stop):
        compiler = self.query_compiler
        return compiler.ranked(compiler.get_config(self.backend), start, stop)

    def _do_search(self):
        ranked = self._ranked(self.start, self.stop)
        if ranked is None:
            return super()._do_search()
        ranked = list(ranked)
        queryset = self.query_compiler.queryset
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        objects = queryset.in_bulk([pk for pk, _score in ranked])
        results = []
        for pk, score in ranked:
            if pk in objects:  # not deleted since the first query
                if self._score_field:
                    setattr(objects[pk], self._score_field, score)
                results.append(objects[pk])
        return results

    def _do_count(self):
        ranked = self._ranked(None, None)
        return super()._do_count() if ranked is None else ranked.count()


class NormalizingSQLiteSearchBackend(SQLiteSearchBackend):
    """modelsearch's SQLite FTS5 backend over normalized, stemmed text."""

    results_class = RankedSQLiteSearchResults
    query_compiler_class = NormalizingSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = NormalizingSQLiteAutocompleteQueryCompiler
    index_class = NormalizingSQLiteIndex
