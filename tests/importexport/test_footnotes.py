"""Footnote conventions of archive HTML become the brief's endnotes, and come back out."""

import json

import pytest

from importexport.html.footnotes import split_endnotes
from policyanalysis.models import BriefPage
from tests.support.imports import archive, brief, run

pytestmark = pytest.mark.django_db

WORDPRESS = (
    '<p>Claim<sup><a href="#fn1" id="fnref1">1</a></sup> and another<sup>[2]</sup>.</p>'
    '<div class="footnotes"><h2>Notes</h2><ol>'
    '<li id="fn1">First source. <a href="#fnref1">↩</a></li>'
    '<li id="fn2"><p>Second <a href="https://example.org/">source</a>.</p></li>'
    "</ol></div>"
)


@pytest.mark.parametrize(
    "html",
    [
        WORDPRESS,
        '<p>x</p><ol><li id="footnote-1">First source.</li><li id="footnote-2">Second.</li></ol>',
        '<p>x</p><ol class="endnotes"><li>First source.</li><li>Second.</li></ol>',
    ],
)
def test_notes_lists_are_recognised(html):
    body, notes = split_endnotes(html)
    assert "<ol" not in body and "Notes</h2>" not in body
    assert notes[0] == "<p>First source.</p>"
    assert len(notes) == 2


def test_an_ordinary_list_stays_in_the_body():
    assert split_endnotes("<ol><li>Step one</li></ol>") == ("<ol><li>Step one</li></ol>", [])


def test_footnotes_import_as_endnotes_and_export_back(tmp_path, tree):
    path = archive(tmp_path, [brief("Footnoted", body_html=WORDPRESS)], photos=False)
    code, out, _ = run("import_analysis", path)
    assert code == 0, out
    page = BriefPage.objects.get(slug="footnoted")
    assert page.body.raw_data[0]["value"] == "<p>Claim<sup>1</sup> and another<sup>2</sup>.</p>"
    assert [item["value"] for item in page.endnotes.raw_data] == [
        "<p>First source.</p>",
        '<p>Second <a href="https://example.org/">source</a>.</p>',
    ]
    exported = tmp_path / "out" / "export.jsonl"
    run("export_analysis", exported)
    [record] = [json.loads(line) for line in exported.read_text().splitlines()
                if '"analysis"' in line]  # fmt: skip
    assert record["body_html"].endswith(
        '<ol class="endnotes"><li><p>First source.</p></li>'
        '<li><p>Second <a href="https://example.org/">source</a>.</p></li></ol>'
    )
    code, out, _ = run("import_analysis", exported)
    page.refresh_from_db()
    assert len(page.endnotes.raw_data) == 2


def test_a_translation_with_its_own_notes_list_gets_its_endnotes(tmp_path, tree):
    source = brief("Footnoted", id="fn", body_html=WORDPRESS)
    assert run("import_analysis", archive(tmp_path, [source], photos=False))[0] == 0
    translation = {
        "kind": "analysis", "id": "fn", "locale": "ar", "translation_of": "fn",
        "title": "مع حواشٍ",
        "body_html": '<p>ادعاء<sup>1</sup> وآخر<sup>2</sup>.</p>'
                     '<ol class="endnotes"><li>المصدر الأول.</li><li>المصدر الثاني.</li></ol>',
    }  # fmt: skip
    # A later file, as an archive's Arabic edition usually comes: the source's structure is
    # read from the database, without its notes, and so is the translation's.
    code, out, _ = run("import_analysis", archive(tmp_path, [translation], "ar.jsonl", False))
    assert code == 0, out
    page = BriefPage.objects.get(locale__language_code="ar")
    assert page.body.raw_data[0]["value"] == "<p>ادعاء<sup>1</sup> وآخر<sup>2</sup>.</p>"
    assert [item["value"] for item in page.endnotes.raw_data] == [
        "<p>المصدر الأول.</p>",
        "<p>المصدر الثاني.</p>",
    ]
