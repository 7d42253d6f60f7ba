"""The structure a translation must share with its source (links per string, block kinds)."""

from wagtail_localize.strings import extract_strings


def rich_text_shape(rich_text):
    """(number of links) per translatable string: what a translation must keep."""
    _template, strings = extract_strings(rich_text or "")
    return tuple(len(attrs) for _string, attrs in strings)


def blocks_shape(blocks):
    """The structure a translation's body must share with its source, block by block."""
    shape = []
    for block in blocks:
        kind, value = block["type"], block["value"]
        if kind == "paragraph":
            shape.append((kind, rich_text_shape(value)))
        elif kind == "quote":
            shape.append((kind, bool(value.get("attribution"))))
        elif kind == "table":
            data = value.get("data") or []
            cells = tuple(tuple(bool(cell) for cell in row) for row in data)
            shape.append((kind, bool(value.get("table_caption")), cells))
        elif kind == "image":
            shape.append((kind, bool(value.get("alt_text")), bool(value.get("caption"))))
        else:
            shape.append((kind,))
    return tuple(shape)


def describe_shape_difference(source, translation, field="body"):
    """A sentence saying where a translation's structure departs from its source's."""
    if len(source) != len(translation):
        return (
            f"{field} has {len(translation)} blocks but the source has {len(source)} "
            f"(source: {', '.join(s[0] for s in source)}; "
            f"translation: {', '.join(s[0] for s in translation)})"
        )
    for number, (ours, theirs) in enumerate(zip(source, translation, strict=True), start=1):
        if ours[0] != theirs[0]:
            return f"{field} block {number} is a {theirs[0]} but the source's is a {ours[0]}"
        if ours != theirs:
            if ours[0] == "paragraph":
                return (
                    f"{field} block {number} (paragraph) has {len(theirs[1])} paragraphs/list "
                    f"items with {sum(theirs[1])} links; the source has {len(ours[1])} with "
                    f"{sum(ours[1])} links, in the same order"
                )
            return f"{field} block {number} ({ours[0]}) differs in structure from the source's"
    return ""
