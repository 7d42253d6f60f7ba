"""Heading anchors the same in every edition, for pages saved before the anchor rule.

core's HeadingBlock stores the anchor derived from the English heading when the English page is
saved, and translations copy it; a page saved before that rule has empty anchors, so each
edition derived its own at render time (``#us-interests-in-iraq`` in English, an Arabic id in
Arabic) until the English page was saved again and the translation republished. These functions
fix existing raw StreamField data as a fresh install would have written it: an English heading
without an anchor gets ``slugify(text)`` (when that is not empty), and every heading of a
translation gets the anchor of the English heading with the same block id. Migration 0002 runs
them over every page, and over the English content recorded in translation sources (from which
wagtail-localize builds the translations again).
"""

import json

from django.utils.text import slugify


def _blocks(raw):
    """Every block dict in the raw stream ``raw``, nested ones included."""
    stack = [raw]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "type" in item and "value" in item:
                yield item
            stack.extend(value for value in item.values() if isinstance(value, (list, dict)))


def _headings(raw):
    for block in _blocks(raw):
        value = block["value"]
        if block["type"] == "heading" and isinstance(value, dict) and "text" in value:
            yield block, value


def derive_source_anchors(raw):
    """Store the anchor derived from the text on each heading of the English stream ``raw``
    that has none (in place, as HeadingBlock.get_prep_value does); returns whether it changed."""
    changed = False
    for _block, value in _headings(raw):
        if not value.get("anchor"):
            anchor = slugify(value.get("text") or "")
            if anchor:
                value["anchor"] = anchor
                changed = True
    return changed


def anchors_by_block(raw):
    """{block id: anchor} of the headings of ``raw`` that have one."""
    return {
        block["id"]: value["anchor"]
        for block, value in _headings(raw)
        if block.get("id") and value.get("anchor")
    }


def copy_source_anchors(raw, anchors):
    """Give each heading of the translated stream ``raw`` the anchor of the source heading with
    the same block id (``anchors``, from anchors_by_block); returns whether it changed."""
    changed = False
    for block, value in _headings(raw):
        anchor = anchors.get(block.get("id"))
        if anchor and value.get("anchor") != anchor:
            value["anchor"] = anchor
            changed = True
    return changed


def fix_source_content(content):
    """Derive the missing anchors in every stream of a TranslationSource's content dict (a
    StreamField is recorded as its JSON text); returns whether it changed."""
    changed = False
    for name, text in content.items():
        if not isinstance(text, str) or not text.startswith("["):
            continue
        try:
            raw = json.loads(text)
        except ValueError:
            continue
        if isinstance(raw, list) and derive_source_anchors(raw):
            content[name] = json.dumps(raw)
            changed = True
    return changed


def with_derived_anchors(content):
    """A copy of a content dict for comparison: each StreamField (JSON text) parsed, with the
    anchors derive_source_anchors would store, so neither the text's formatting nor an anchor
    the source derived counts as a change."""
    compared = dict(content)
    for name, text in content.items():
        if isinstance(text, str) and text.startswith("["):
            try:
                raw = json.loads(text)
            except ValueError:
                continue
            if isinstance(raw, list):
                derive_source_anchors(raw)
                compared[name] = raw
    return compared
