"""A reader of a report in a real browser: the table of contents leads to its section, a
note reference to its endnote and the note's back link to the reference, in English and
in Arabic; axe-core finds no serious violation on the report."""

import pytest

from tests.browser.test_accessibility import axe_violations
from tests.support import factories
from tests.support.translation import arabic_text, publish, submit, translate_strings

pytestmark = pytest.mark.browser

FILLER = "<p>Filler.</p>" * 30  # sections longer than the window, so jumps scroll
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def report_in_both_languages():
    factories.site_tree()
    report = factories.brief(
        "Countering the militia network",
        type=factories.publication_type("In-Depth Reports"),
        series=[factories.series("Policy Notes")],
        series_number="31",
        page_count=14,
        pdf=factories.pdf_document(pages=2),
        body=[
            ("heading", {"text": "Summary", "level": "2", "anchor": "summary"}),
            ("paragraph", "<p>The network pays its fighters.<sup>1</sup></p>" + FILLER),
            ("heading", {"text": "Money", "level": "2", "anchor": "money"}),
            ("paragraph", "<p>Checkpoints bring revenue.<sup>2</sup></p>" + FILLER),
            ("heading", {"text": "Recommendations", "level": "2", "anchor": "recommendations"}),
            ("paragraph", "<p>Audit the payroll.</p>" + FILLER),
        ],
        endnotes=[("note", "<p>Budget law of 2023.</p>"), ("note", "<p>Customs data.</p>")],
    )  # fmt: skip
    translation = submit(report)
    translate_strings(
        translation,
        text_for=lambda text: (
            text.translate(ARABIC_DIGITS) if text.isdigit() else arabic_text(text)
        ),
    )
    return report, publish(translation)


def in_view(page, selector):
    """Whether ``selector`` scrolls into the window (waiting for a smooth scroll to end)."""
    page.wait_for_function(
        """(selector) => { const r = document.querySelector(selector).getBoundingClientRect();
        return r.top >= -1 && r.top < window.innerHeight; }""",
        arg=selector,
        timeout=5000,
    )
    return True


@pytest.mark.parametrize("language", ["en", "ar"])
def test_contents_and_endnotes_take_the_reader_there_and_back(page, site, language):
    english, arabic = report_in_both_languages()
    report = english if language == "en" else arabic
    page.goto(site + report.url)
    assert page.locator("html").get_attribute("dir") == ("ltr" if language == "en" else "rtl")

    page.locator("nav.brief__toc a").nth(1).click()
    assert page.url.endswith("#money") and in_view(page, "#money")

    page.locator("#noteref-2 a").click()
    assert page.url.endswith("#note-2") and in_view(page, "#note-2")
    expected = "Customs data." if language == "en" else arabic_text("Customs data.")
    assert page.locator("#note-2").inner_text().startswith(expected)

    page.locator("#note-2 a.endnotes__back").click()
    assert page.url.endswith("#noteref-2") and in_view(page, "#noteref-2")

    assert axe_violations(page) == []


def chapters_in_both_languages():
    """A report in two chapters (the second with a long body and a note), translated."""
    english, arabic = report_in_both_languages()
    chapters = [
        factories.chapter(english, "The Payroll", body=[("paragraph", "<p>Salaries.</p>")]),
        factories.chapter(
            english,
            "The Checkpoints",
            body=[("paragraph", "<p>Fees are collected.<sup>1</sup></p>" + FILLER)],
            endnotes=[("note", "<p>Customs ledger.</p>")],
        ),
    ]
    arabic_chapters = []
    for chapter in chapters:
        translation = submit(chapter)
        translate_strings(
            translation,
            text_for=lambda text: (
                text.translate(ARABIC_DIGITS) if text.isdigit() else arabic_text(text)
            ),
        )
        arabic_chapters.append(publish(translation))
    return {"en": (english, chapters), "ar": (arabic, arabic_chapters)}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_chapters_lead_from_the_report_to_the_next_chapter_and_its_note(page, site, language):
    report, (first, second) = chapters_in_both_languages()[language]
    page.goto(site + report.url)
    page.locator("nav.chapters a").first.click()
    page.wait_for_url(site + first.url)
    assert page.locator("link[rel=next]").get_attribute("href") == second.url

    page.locator(".chapter-pager__next a").click()
    page.wait_for_url(site + second.url)
    assert page.locator("[aria-current=page]").inner_text() == second.title
    assert page.locator(".chapter-pager__previous a").get_attribute("href") == first.url

    page.locator("#noteref-1 a").click()
    assert page.url.endswith("#note-1") and in_view(page, "#note-1")
    expected = "Customs ledger." if language == "en" else arabic_text("Customs ledger.")
    assert page.locator("#note-1").inner_text().startswith(expected)
    page.locator("#note-1 a.endnotes__back").click()
    assert page.url.endswith("#noteref-1") and in_view(page, "#noteref-1")

    assert axe_violations(page) == []
