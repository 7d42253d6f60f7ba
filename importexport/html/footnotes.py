"""Footnotes and endnotes in archive HTML: the conventions of Drupal, WordPress and Word
exports, read into the brief's endnotes.

A note reference is a superscript number, bare or linking to its note
(``<sup>3</sup>``, ``<sup><a href="#fn3">3</a></sup>``, ``<sup>[3]</sup>``); it becomes
``<sup>3</sup>``, which the site links to note 3. The notes are the items of an ordered
list marked as notes: ``<ol class="footnotes">`` / ``"endnotes"``, an ``<ol>`` inside an
element with such a class, or an ``<ol>`` whose items have ids such as ``fn3``,
``footnote-3``, ``note-3`` or ``endnote-3``. Back links inside a note (``↩``, ``#fnref3``)
are dropped. The exporter writes ``<ol class="endnotes">`` after the body, so notes
survive a round trip.
"""

import re

from bs4 import BeautifulSoup, Tag

NOTE_CLASSES = re.compile(r"\b(?:foot|end)notes?\b", re.I)
NOTE_ID = re.compile(r"^(?:fn|footnote|endnote|note)[-_:]?\d+$", re.I)
BACK_LINK = re.compile(r"^#(?:fnref|footnote-ref|noteref|ref)[-_:]?\d+", re.I)
BACK_LINK_TEXTS = ("↩", "↑", "^", "↩︎")
REFERENCE = re.compile(r"^\[?(\d{1,3})\]?$")


def reference_number(text):
    """The note number a superscript's text stands for, or None."""
    match = REFERENCE.match(text.strip())
    return int(match.group(1)) if match else None


def _is_notes_list(ol):
    if any(NOTE_CLASSES.search(" ".join(p.get("class") or [])) for p in [ol, *ol.parents]
           if isinstance(p, Tag)):  # fmt: skip
        return True
    items = ol.find_all("li", recursive=False)
    return bool(items) and all(NOTE_ID.match(item.get("id") or "") for item in items)


def split_endnotes(html):
    """(body HTML without its notes list, [note HTML, …] in order)."""
    if not html or "<ol" not in html:
        return html or "", []
    soup = BeautifulSoup(html, "html.parser")
    notes = []
    for ol in soup.find_all("ol"):
        if ol.parent is None or not _is_notes_list(ol):
            continue
        for item in ol.find_all("li", recursive=False):
            for link in item.find_all("a"):
                href, text = link.get("href") or "", link.get_text().strip()
                if BACK_LINK.match(href) or text in BACK_LINK_TEXTS:
                    link.decompose()
            content = "".join(str(child) for child in item.contents).strip()
            notes.append(content if content.startswith("<p") else f"<p>{content}</p>")
        container = ol.parent
        ol.decompose()
        # An emptied notes wrapper (with its "Notes" heading) goes too.
        if (
            isinstance(container, Tag)
            and container.name in ("div", "section", "aside")
            and (NOTE_CLASSES.search(" ".join(container.get("class") or [])))
        ):
            container.decompose()
    return str(soup), notes


def endnotes_html(notes):
    """The notes as the list :func:`split_endnotes` reads back."""
    if not notes:
        return ""
    return '<ol class="endnotes">' + "".join(f"<li>{note}</li>" for note in notes) + "</ol>"
