"""The import's cost per record is a constant: importing 2N new briefs runs exactly
QUERIES_PER_RECORD x N queries more than importing N (the rest is a fixed cost per run:
validation, the sections, the term and author lookups, the commits)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policyanalysis.models import BriefPage
from tests.support.imports import archive, brief, run

pytestmark = pytest.mark.django_db

N = 5
#: SQL queries for one more new brief with a region and an existing author (docs/benchmarks.md).
QUERIES_PER_RECORD = 65


def _import(tmp_path, prefix, count):
    path = archive(
        tmp_path,
        [
            brief(f"{prefix} brief {n}", id=f"{prefix}-{n}", regions=["Iraq"],
                  authors=[{"name": "Shared Author"}])
            for n in range(count)
        ],
        name=f"{prefix}.jsonl",
    )  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        code, out, _ = run("import_analysis", path)
    assert code == 0, out
    return len(queries)


def test_each_new_record_costs_the_same_number_of_queries(tmp_path):
    _import(tmp_path, "warmup", 1)  # creates the sections, the term and the author
    once = _import(tmp_path, "once", N)
    twice = _import(tmp_path, "twice", 2 * N)
    assert BriefPage.objects.count() == 1 + 3 * N
    assert ((twice - once) % N, (twice - once) // N) == (0, QUERIES_PER_RECORD)


#: SQL queries for one more new chapter (in order) of an imported report (two of them: its
#: publication drops the report's stored PDF edition, pdfs/tasks.py).
QUERIES_PER_CHAPTER = 53


def _import_chapters(tmp_path, prefix, count):
    records = [brief(f"{prefix} report", id=f"{prefix}-report")] + [
        {"kind": "chapter", "id": f"{prefix}-{n}", "report": f"{prefix}-report", "order": n + 1,
         "title": f"Chapter {n}", "body_html": f"<p>Text {n}.<sup>1</sup></p>"
         '<ol class="endnotes"><li>A note.</li></ol>'}
        for n in range(count)
    ]  # fmt: skip
    path = archive(tmp_path, records, name=f"{prefix}.jsonl")
    with CaptureQueriesContext(connection) as queries:
        code, out, _ = run("import_analysis", path)
    assert code == 0, out
    return len(queries)


def test_each_new_chapter_costs_the_same_number_of_queries(tmp_path):
    _import_chapters(tmp_path, "warmup", 1)
    once = _import_chapters(tmp_path, "once", N)
    twice = _import_chapters(tmp_path, "twice", 2 * N)
    assert ((twice - once) % N, (twice - once) // N) == (0, QUERIES_PER_CHAPTER)


#: SQL queries for one more new program (a director, a fellow, a pick, a series, a keyword).
QUERIES_PER_PROGRAM = 63


def _import_programs(tmp_path, prefix, count):
    records = [
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
    path = archive(tmp_path, records, name=f"{prefix}.jsonl")
    with CaptureQueriesContext(connection) as queries:
        code, out, _ = run("import_analysis", path)
    assert code == 0, out
    return len(queries)


def test_each_new_program_costs_the_same_number_of_queries(tmp_path):
    _import_programs(tmp_path, "warmup", 1)  # creates /programs/, the series and the tag
    once = _import_programs(tmp_path, "once", N)
    twice = _import_programs(tmp_path, "twice", 2 * N)
    assert ((twice - once) % N, (twice - once) // N) == (0, QUERIES_PER_PROGRAM)


#: SQL queries for one more new topic hub (of a region of its own, with a pick).
QUERIES_PER_TOPIC = 57


def _import_topics(tmp_path, prefix, count):
    records = [brief(f"{prefix} pick", id=f"{prefix}-pick")] + [
        {"kind": "topic", "id": f"{prefix}-{n}", "region": f"{prefix} region {n}",
         "title": f"{prefix} region {n}", "intro_html": "<p>About it.</p>",
         "featured": [f"{prefix}-pick"]}
        for n in range(count)
    ]  # fmt: skip
    path = archive(tmp_path, records, name=f"{prefix}.jsonl")
    with CaptureQueriesContext(connection) as queries:
        code, out, _ = run("import_analysis", path)
    assert code == 0, out
    return len(queries)


def test_each_new_topic_hub_costs_the_same_number_of_queries(tmp_path):
    _import_topics(tmp_path, "warmup", 1)
    once = _import_topics(tmp_path, "once", N)
    twice = _import_topics(tmp_path, "twice", 2 * N)
    assert ((twice - once) % N, (twice - once) // N) == (0, QUERIES_PER_TOPIC)
