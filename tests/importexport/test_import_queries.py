"""The import's cost per record is a constant: importing 2N new records of a kind runs
exactly its QUERIES_PER_x times N queries more than importing N (the rest is a fixed cost per
run: validation, the sections, the term and author lookups, the commits)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policyanalysis.models import BriefPage
from tests.support.imports import archive, brief, run

pytestmark = pytest.mark.django_db

N = 5
#: SQL queries for one more new brief with a region, an existing author, a tag another brief
#: has and a link to a page made before (docs/benchmarks.md).
QUERIES_PER_RECORD = 19
#: SQL queries for one more new brief that recommends one later in the file: written, then
#: its revision and row completed once that one exists (``fix_references``; the revisions and
#: rows of up to 100 such briefs are read and updated together, three statements in all).
QUERIES_PER_DEFERRED_RECORD = 19
#: SQL queries for one more new chapter (in order) of an imported report (two of them: its
#: publication drops the report's stored PDF edition, pdfs/tasks.py).
QUERIES_PER_CHAPTER = 17
#: SQL queries for one more new program (a director, a fellow, a pick, a series, a keyword).
QUERIES_PER_PROGRAM = 21
#: SQL queries for one more new topic hub (of a region of its own, with a pick).
QUERIES_PER_TOPIC = 16


def briefs(prefix, count):
    return [
        brief(f"{prefix} brief {n}", id=f"{prefix}-{n}", regions=["Iraq"],
              authors=[{"name": "Shared Author"}], tags=["shared"],
              body_html='<p>See <a href="/policy-analysis/warmup-0/">the first</a>.</p>')
        for n in range(count)
    ]  # fmt: skip


def deferred_briefs(prefix, count):
    """Each recommends the next (the last, the first: written already)."""
    return [
        brief(
            f"{prefix} brief {n}", id=f"{prefix}-{n}", recommended=[f"{prefix}-{(n + 1) % count}"]
        )
        for n in range(count)
    ]


def chapters(prefix, count):
    return [brief(f"{prefix} report", id=f"{prefix}-report")] + [
        {"kind": "chapter", "id": f"{prefix}-{n}", "report": f"{prefix}-report", "order": n + 1,
         "title": f"Chapter {n}", "body_html": f"<p>Text {n}.<sup>1</sup></p>"
         '<ol class="endnotes"><li>A note.</li></ol>'}
        for n in range(count)
    ]  # fmt: skip


def programs(prefix, count):
    return [
        {"kind": "expert", "id": f"{prefix}-expert", "name": f"{prefix} Expert",
         "short_bio": "Bio."},
        brief(f"{prefix} pick", id=f"{prefix}-pick"),
    ] + [
        {"kind": "program", "id": f"{prefix}-{n}", "title": f"{prefix} program {n}",
         "description_html": "<p>What it studies.</p>", "director": f"{prefix}-expert",
         "fellows": [f"{prefix}-expert"], "featured": [f"{prefix}-pick"],
         "series": ["Shared Series"], "keywords": ["shared"]}
        for n in range(count)
    ]  # fmt: skip


def topics(prefix, count):
    return [brief(f"{prefix} pick", id=f"{prefix}-pick")] + [
        {"kind": "topic", "id": f"{prefix}-{n}", "region": f"{prefix} region {n}",
         "title": f"{prefix} region {n}", "intro_html": "<p>About it.</p>",
         "featured": [f"{prefix}-pick"]}
        for n in range(count)
    ]  # fmt: skip


def queries_per_record(tmp_path, records_of):
    """(remainder, queries per record) of importing 2N rather than N records made by
    ``records_of(prefix, count)``, after a first run that creates what they share (the
    sections, terms, authors, series)."""

    def queries_of(prefix, count):
        path = archive(tmp_path, records_of(prefix, count), name=f"{prefix}.jsonl")
        with CaptureQueriesContext(connection) as queries:
            code, out, _ = run("import_analysis", path)
        assert code == 0, out
        return len(queries)

    queries_of("warmup", 1)
    once = queries_of("once", N)
    twice = queries_of("twice", 2 * N)
    return ((twice - once) % N, (twice - once) // N)


def test_each_new_record_costs_the_same_number_of_queries(tmp_path):
    assert queries_per_record(tmp_path, briefs) == (0, QUERIES_PER_RECORD)
    assert BriefPage.objects.count() == 1 + 3 * N


@pytest.mark.parametrize(
    ("records_of", "expected"),
    [
        (deferred_briefs, QUERIES_PER_DEFERRED_RECORD),
        (chapters, QUERIES_PER_CHAPTER),
        (programs, QUERIES_PER_PROGRAM),
        (topics, QUERIES_PER_TOPIC),
    ],
    ids=["deferred brief", "chapter", "program", "topic"],
)
def test_each_new_record_of_a_kind_costs_the_same_number_of_queries(tmp_path, records_of, expected):
    assert queries_per_record(tmp_path, records_of) == (0, expected)
