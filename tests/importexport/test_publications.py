"""Series, outlets, report, op-ed and testimony fields through import and export."""

import json
import shutil

import pytest

from policyanalysis.models import BriefPage, Series
from tests.support import factories
from tests.support.imports import archive, brief, run

pytestmark = pytest.mark.django_db


def pdf_file(tmp_path):
    document = factories.pdf_document(pages=2)
    target = tmp_path / "files" / "report.pdf"
    target.parent.mkdir(exist_ok=True)
    with document.open_file() as source, target.open("wb") as out:
        shutil.copyfileobj(source, out)
    document.delete()
    return "files/report.pdf"


def records(tmp_path):
    return [
        {"kind": "term", "id": "policy-notes", "vocabulary": "series", "name": "Policy Notes",
         "description": "Short studies."},
        {"kind": "term", "id": "policy-notes-ar", "locale": "ar", "translation_of": "policy-notes",
         "vocabulary": "series", "name": "ملاحظات سياسية"},
        brief("A report", series=["Policy Notes", "Maps & Graphics"], series_number="31",
              page_count=14, pdf=pdf_file(tmp_path)),
        brief("An op-ed", outlet={"name": "The Hill", "homepage": "https://thehill.com/"},
              external_url="https://thehill.com/opinion/1/"),
        brief("A testimony", committee="Foreign Affairs", chamber="Senate",
              hearing_title="Iraq", hearing_date="2024-03-05",
              hearing_video_url="https://video.example.org/1"),
    ]  # fmt: skip


def test_publication_fields_import_and_export_unchanged(tmp_path, tree):
    code, out, _ = run("import_analysis", archive(tmp_path, records(tmp_path), photos=False))
    assert code == 0, out
    report = BriefPage.objects.get(slug="a-report")
    assert [s.name for s in report.series.order_by("name")] == ["Maps & Graphics", "Policy Notes"]
    assert (report.series_number, report.page_count) == ("31", 14)
    assert report.pdf.file.read(5) == b"%PDF-"
    op_ed = BriefPage.objects.get(slug="an-op-ed")
    assert (op_ed.outlet.name, op_ed.outlet.homepage, op_ed.external_url) == (
        "The Hill", "https://thehill.com/", "https://thehill.com/opinion/1/",
    )  # fmt: skip
    testimony = BriefPage.objects.get(slug="a-testimony")
    assert (testimony.committee, testimony.hearing_date.isoformat()) == ("Foreign Affairs",
                                                                         "2024-03-05")  # fmt: skip
    arabic = Series.objects.get(slug="policy-notes", locale__language_code="ar")
    assert arabic.name == "ملاحظات سياسية"

    first = tmp_path / "one" / "export.jsonl"
    assert run("export_analysis", first)[0] == 0
    lines = first.read_text(encoding="utf-8").splitlines()
    exported = {(r["kind"], r["id"], r["locale"]): r for r in map(json.loads, lines)}
    assert exported[("term", "policy-notes", "ar")]["vocabulary"] == "series"
    out_report = exported[("analysis", "a-report", "en")]
    assert out_report["series"] == ["Maps & Graphics", "Policy Notes"]
    assert (first.parent / out_report["pdf"]).read_bytes()[:5] == b"%PDF-"
    assert exported[("analysis", "an-op-ed", "en")]["outlet"] == {
        "name": "The Hill", "homepage": "https://thehill.com/"}  # fmt: skip
    # Importing the export again changes nothing.
    code, out, _ = run("import_analysis", first)
    assert code == 0
    assert "created" not in out.split("kind")[0]
    assert BriefPage.objects.count() == 3


def test_an_address_that_is_not_http_and_a_file_that_is_not_a_pdf_are_rejected(tmp_path, tree):
    (tmp_path / "fake.pdf").write_bytes(b"<html>not a pdf</html>")
    path = archive(tmp_path, [
        brief("Bad address", outlet={"name": "X"}, external_url="javascript:alert(1)"),
        brief("Bad pdf", pdf="fake.pdf"),
        brief("No outlet", external_url="https://example.org/1"),
    ], photos=False)  # fmt: skip
    code, out, _ = run("import_analysis", path)
    assert code == 1
    rejected = [line for line in out.splitlines() if line.startswith("REJECTED")]
    assert rejected == [
        "REJECTED line 1 (id 'bad-address'): external_url must be an http(s) address",
        "REJECTED line 2 (id 'bad-pdf'): pdf 'fake.pdf' is not a PDF file (it does not start "
        "with %PDF-)",
        "REJECTED line 3 (id 'no-outlet'): external_url needs the outlet that published it",
    ]
    assert BriefPage.objects.count() == 0
