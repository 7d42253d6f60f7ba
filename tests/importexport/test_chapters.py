"""Chapter records: a report's chapter pages through import and export, in order, in both
languages, idempotent, with the report's footnote conventions."""

import json

import pytest
from wagtail.models import Locale

from importexport.models import ImportedRecord
from policyanalysis.models import BriefPage, ChapterPage
from tests.support.imports import archive, brief, empty_database, run, snapshot

pytestmark = pytest.mark.django_db


def chapter(number, report="r", **extra):
    record = {
        "kind": "chapter",
        "id": f"r-ch{number}",
        "report": report,
        "order": number,
        "title": f"Chapter {number}",
        "slug": f"chapter-{number}",
        "body_html": f"<h2>Part {number}</h2><p>Text of chapter {number}.<sup>1</sup></p>"
        f'<ol class="endnotes"><li>Note 1 of chapter {number}.</li></ol>',
    }
    record.update(extra)
    return record


def chapter_ar(number, **extra):
    record = {
        "kind": "chapter",
        "id": f"r-ch{number}",
        "locale": "ar",
        "translation_of": f"r-ch{number}",
        "title": f"الفصل {number}",
        "slug": f"alfasl-{number}",
        "body_html": f"<h2>الجزء {number}</h2><p>نص الفصل {number}.<sup>1</sup></p>"
        f'<ol class="endnotes"><li>الحاشية 1 من الفصل {number}.</li></ol>',
    }
    record.update(extra)
    return record


REPORT = brief("The Report", id="r", slug="the-report", type="In-Depth Reports")
REPORT_AR = {"kind": "analysis", "id": "r", "locale": "ar", "translation_of": "r",
             "title": "التقرير", "slug": "altqryr"}  # fmt: skip


def row(out, label):
    """(created, updated, unchanged, rejected) of one kind in the import summary."""
    line = next(line for line in out.splitlines() if line.startswith(label + " "))
    return tuple(int(n) for n in line.split()[-4:])


def titles(parent):
    return [c.title for c in ChapterPage.objects.child_of(parent).order_by("path")]


def test_chapter_records_become_the_reports_chapters_in_order(tmp_path, client):
    # Records out of order in the file: "order" decides.
    path = archive(tmp_path, [REPORT, chapter(2), chapter(3), chapter(1)], photos=False)
    code, out, _ = run("import_analysis", path)
    assert code == 0, out
    assert row(out, "chapter") == (3, 0, 0, 0)
    report = BriefPage.objects.get(slug="the-report")
    assert titles(report) == ["Chapter 1", "Chapter 2", "Chapter 3"]
    first = ChapterPage.objects.get(slug="chapter-1")
    assert first.live
    assert [b.block_type for b in first.body] == ["heading", "paragraph"]
    assert "<sup>1</sup>" in first.body.raw_data[1]["value"]
    assert [n["value"] for n in first.endnotes.raw_data] == ["<p>Note 1 of chapter 1.</p>"]
    response = client.get("/policy-analysis/the-report/chapter-1/")
    assert response.status_code == 200
    assert "Note 1 of chapter 1." in response.content.decode()

    # Importing again changes nothing.
    before = snapshot()
    code, out, _ = run("import_analysis", path)
    assert row(out, "chapter") == (0, 0, 3, 0)
    assert snapshot() == before


def test_a_changed_order_moves_the_chapter_and_a_draft_run_leaves_it_unpublished(tmp_path):
    path = archive(tmp_path, [REPORT, chapter(1), chapter(2), chapter(3)], photos=False)
    run("import_analysis", path)
    moved = archive(
        tmp_path,
        [REPORT, chapter(1, order=3), chapter(2, order=1), chapter(3, order=2, title="Three")],
        photos=False,
    )
    code, out, _ = run("import_analysis", moved, "--draft")
    assert code == 0, out
    assert row(out, "chapter") == (0, 3, 0, 0)
    report = BriefPage.objects.get(slug="the-report")
    assert titles(report) == ["Chapter 2", "Chapter 3", "Chapter 1"]
    three = ChapterPage.objects.get(slug="chapter-3")
    assert three.title == "Chapter 3" and three.has_unpublished_changes
    assert three.get_latest_revision_as_object().title == "Three"


def test_a_chapter_of_an_unknown_report_is_rejected_and_nothing_changes(tmp_path):
    run("import_analysis", archive(tmp_path, [REPORT, chapter(1)], photos=False))
    before = snapshot()
    path = archive(
        tmp_path, [chapter(2, report="node/404"), chapter(3, title="")], name="bad.jsonl"
    )
    code, out, _ = run("import_analysis", path)
    assert code == 1
    assert (
        "REJECTED line 1 (id 'r-ch2'): report 'node/404' is not an analysis record in this "
        "file or an earlier import"
    ) in out
    assert "REJECTED line 2 (id 'r-ch3'): title: String should have at least 1 character" in out
    assert row(out, "chapter") == (0, 0, 0, 2)
    assert snapshot() == before
    assert not ImportedRecord.objects.filter(kind="chapter", source_id="r-ch2").exists()


def test_null_optional_fields_read_as_absent(tmp_path):
    plain = {k: v for k, v in chapter(1).items() if k not in ("order", "slug")}
    nulled = {**plain, "order": None, "slug": None, "body_markdown": None,
              "translation_of": None}  # fmt: skip
    code, out, _ = run("import_analysis", archive(tmp_path, [REPORT, nulled], photos=False))
    assert code == 0, out
    assert ChapterPage.objects.get().slug == "chapter-1"  # from the title
    code, out, _ = run("import_analysis", archive(tmp_path, [REPORT, plain], name="plain.jsonl"))
    assert row(out, "chapter") == (0, 0, 1, 0)


def test_arabic_chapters_sit_under_the_arabic_report_in_the_sources_order(tmp_path, client):
    # The Arabic editions arrive in another order than the chapters'.
    records = [REPORT, chapter(1), chapter(2), chapter(3), REPORT_AR,
               chapter_ar(3), chapter_ar(1), chapter_ar(2)]  # fmt: skip
    code, out, _ = run("import_analysis", archive(tmp_path, records, photos=False))
    assert code == 0, out
    assert row(out, "chapter (ar)") == (3, 0, 0, 0)
    arabic = Locale.objects.get(language_code="ar")
    report = BriefPage.objects.get(slug="the-report")
    report_ar = BriefPage.objects.get(translation_key=report.translation_key, locale=arabic)
    assert titles(report_ar) == ["الفصل 1", "الفصل 2", "الفصل 3"]
    english = ChapterPage.objects.child_of(report).order_by("path")
    assert [c.translation_key for c in english] == [
        c.translation_key for c in ChapterPage.objects.child_of(report_ar).order_by("path")
    ]
    one = ChapterPage.objects.get(slug="alfasl-1")
    assert one.live and one.endnotes.raw_data[0]["value"] == "<p>الحاشية 1 من الفصل 1.</p>"
    response = client.get("/ar/policy-analysis/altqryr/alfasl-1/")
    assert response.status_code == 200
    assert "نص الفصل 1." in response.content.decode()


def test_a_translation_with_another_structure_is_rejected(tmp_path):
    records = [REPORT, chapter(1), chapter_ar(1, body_html="<p>نص فقط</p>")]
    code, out, _ = run("import_analysis", archive(tmp_path, records, photos=False))
    assert code == 1
    assert "REJECTED line 3 (id 'r-ch1'): the translation does not match its source:" in out
    assert not ChapterPage.objects.filter(locale__language_code="ar").exists()


def test_export_writes_chapters_after_their_report_and_round_trips(tmp_path):
    records = [REPORT, brief("Other", id="o"), chapter(2), chapter(1), REPORT_AR,
               chapter_ar(2), chapter_ar(1)]  # fmt: skip
    code, out, _ = run("import_analysis", archive(tmp_path, records, photos=False))
    assert code == 0, out
    first = tmp_path / "one" / "export.jsonl"
    assert run("export_analysis", first)[0] == 0
    exported = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    keys = [(r["kind"], r["id"], r["locale"]) for r in exported if r["kind"] != "term"]
    assert keys == [
        ("analysis", "o", "en"),  # same date: by id
        ("analysis", "r", "en"),
        ("chapter", "r-ch1", "en"),
        ("chapter", "r-ch2", "en"),
        ("analysis", "r", "ar"),
        ("chapter", "r-ch1", "ar"),
        ("chapter", "r-ch2", "ar"),
    ]
    one = next(r for r in exported if r["id"] == "r-ch1" and r["locale"] == "en")
    assert (one["report"], one["order"], one["slug"]) == ("r", 1, "chapter-1")
    assert one["body_html"].endswith(
        '<ol class="endnotes"><li><p>Note 1 of chapter 1.</p></li></ol>'
    )
    one_ar = next(r for r in exported if r["id"] == "r-ch1" and r["locale"] == "ar")
    assert one_ar["translation_of"] == "r-ch1" and "report" not in one_ar

    empty_database()
    code, out, _ = run("import_analysis", first)
    assert code == 0, out
    assert row(out, "chapter") == (2, 0, 0, 0) and row(out, "chapter (ar)") == (2, 0, 0, 0)
    second = tmp_path / "two" / "export.jsonl"
    assert run("export_analysis", second)[0] == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    code, out, _ = run("import_analysis", first)
    assert row(out, "chapter") == (0, 0, 2, 0) and row(out, "chapter (ar)") == (0, 0, 2, 0)


def test_chapters_made_in_the_admin_export_with_their_reports_id(tmp_path):
    run("import_analysis", archive(tmp_path, [REPORT], photos=False))
    report = BriefPage.objects.get(slug="the-report")
    report.add_child(instance=ChapterPage(title="Made here", slug="made-here"))
    target = tmp_path / "export.jsonl"
    run("export_analysis", target)
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    made = next(r for r in records if r["kind"] == "chapter")
    assert (made["id"], made["report"], made["order"]) == ("r/made-here", "r", 1)


def test_a_chapter_made_in_the_admin_is_adopted_by_its_slug(tmp_path):
    run("import_analysis", archive(tmp_path, [REPORT], photos=False))
    report = BriefPage.objects.get(slug="the-report")
    made = report.add_child(instance=ChapterPage(title="Draft title", slug="chapter-1"))
    code, out, _ = run("import_analysis", archive(tmp_path, [REPORT, chapter(1)], photos=False))
    assert code == 0, out
    assert row(out, "chapter") == (0, 1, 0, 0)
    assert [(c.pk, c.title) for c in ChapterPage.objects.all()] == [(made.pk, "Chapter 1")]


def test_a_translation_in_a_later_file_matches_its_imported_source(tmp_path):
    # The structure check compares the Arabic body with the English chapter in the
    # database, whose notes list became endnotes, not body paragraphs.
    run("import_analysis", archive(tmp_path, [REPORT, chapter(1)], photos=False))
    path = archive(tmp_path, [chapter_ar(1)], name="ar.jsonl")
    code, out, _ = run("import_analysis", path)
    assert code == 0, out
    assert ChapterPage.objects.get(locale__language_code="ar").title == "الفصل 1"
