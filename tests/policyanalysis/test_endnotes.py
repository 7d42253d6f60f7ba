"""Endnotes: superscript references in the body link to numbered notes and back, in
English and in the Arabic edition; the API gives them as structured notes."""

import pytest
from bs4 import BeautifulSoup

from tests.support import factories
from tests.support.translation import arabic_text, publish, submit, translate_strings

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def arabic_edition(page):
    """The Arabic edition as a translator makes it: wagtail-localize offers each
    superscript number as a string of its own, which the translator writes in Arabic-Indic
    digits; every other string is translated."""
    translation = submit(page)
    translate_strings(
        translation,
        text_for=lambda text: (
            text.translate(ARABIC_DIGITS) if text.isdigit() else arabic_text(text)
        ),
    )
    return publish(translation)


pytestmark = pytest.mark.django_db


@pytest.fixture
def noted(tree):
    return factories.brief(
        "A noted report",
        body=[("paragraph", "<p>Claim one<sup>1</sup>, claim two<sup>2</sup>, "
                            "one again<sup>1</sup>, a square metre m<sup>9</sup>.</p>")],
        endnotes=[("note", "<p>Source one.</p>"), ("note", "<p>Source <b>two</b>.</p>")],
    )  # fmt: skip


def links(html):
    page = BeautifulSoup(html, "html.parser")
    references = [(sup.get("id"), sup.a["href"], sup.a.get_text())
                  for sup in page.select(".brief__body sup.noteref")]  # fmt: skip
    notes = [(li["id"], li.select_one("a.endnotes__back")["href"])
             for li in page.select(".endnotes li")]  # fmt: skip
    return references, notes, page


@pytest.mark.parametrize("language", ["en", "ar"])
def test_references_and_notes_link_both_ways(client, noted, language):
    page = noted if language == "en" else arabic_edition(noted)
    references, notes, html = links(client.get(page.url).content.decode())
    one, two = ("1", "2") if language == "en" else ("١", "٢")
    assert references == [
        ("noteref-1", "#note-1", one),
        ("noteref-2", "#note-2", two),
        (None, "#note-1", one),
    ]
    assert notes == [("note-1", "#noteref-1"), ("note-2", "#noteref-2")]
    # A superscript beyond the notes stays a plain superscript.
    assert f"<sup>{'9' if language == 'en' else '٩'}</sup>" in str(html.select_one(".brief__body"))
    texts = [li.get_text(" ", strip=True) for li in html.select(".endnotes li")]
    if language == "en":
        assert html.select_one("#endnotes-heading").get_text() == "Notes"
        assert texts == ["Source one. ↩", "Source two . ↩"]
    else:
        assert html.select_one("#endnotes-heading").get_text() == "الملاحظات"
        assert texts == ["عربي: Source one. ↩", "عربي: Source two . ↩"]


def test_the_api_gives_structured_notes(client, noted):
    detail = client.get(f"/api/v1/analysis/{noted.pk}/").json()
    assert detail["endnotes"] == [
        {"number": 1, "html": "<p>Source one.</p>"},
        {"number": 2, "html": "<p>Source <b>two</b>.</p>"},
    ]
    assert "<sup>2</sup>" in detail["body"][0]["value"]["html"]
