"""Body HTML (or Markdown) to typed body blocks, and back.

Import: the HTML is sanitized with nh3 first (script and style dropped with their content,
event attributes and javascript: URLs removed), then its top-level elements become
blocks of ``core.blocks.BodyBlock``: headings -> ``heading``, runs of paragraphs and
lists -> one ``paragraph`` (Wagtail rich text), blockquotes -> ``quote``, tables ->
``table``, images whose files were supplied -> ``image``. Links to pages of the same
archive become Wagtail internal links (``<a linktype="page" id="N">``) when the
``resolve_link`` callback knows the target.

Export: :func:`blocks_to_html` writes the same HTML the importer reads, with internal links
turned back into public paths, so exporting and importing again gives identical blocks.
"""

import html as html_lib
import re
import uuid

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from markdown_it import MarkdownIt
from wagtail_localize.strings import extract_strings

BLOCK_CONTAINERS = {"div", "section", "article", "main", "header", "footer", "aside", "body"}
HEADINGS = {"h1": "2", "h2": "2", "h3": "3", "h4": "3", "h5": "3", "h6": "3"}
INLINE_KEEP = {"b": "b", "strong": "b", "i": "i", "em": "i"}
ALLOWED_TAGS = {
    *BLOCK_CONTAINERS,
    *HEADINGS,
    *INLINE_KEEP,
    "p", "br", "ul", "ol", "li", "a", "blockquote", "cite", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "span", "code", "pre",
    "u", "sub", "sup", "small", "abbr", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
_WHITESPACE = re.compile(r"\s+")

_markdown = MarkdownIt("commonmark", {"html": True}).enable("table")


def markdown_to_html(text):
    """CommonMark (with tables) to HTML; the HTML is sanitized by the caller."""
    return _markdown.render(text or "")


def sanitize(html):
    """Drop everything unsafe or outside the structure the importer understands."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel=None,
        strip_comments=True,
    )


def _text(node):
    return _WHITESPACE.sub(" ", node.get_text(" ")).strip()


class Converter:
    """Turns one sanitized HTML fragment into raw StreamField blocks.

    ``resolve_link(href) -> page id | None`` makes archive links internal;
    ``resolve_image(src) -> image id | None`` supplies images (unknown ones are dropped and
    listed in ``dropped_images``).
    """

    def __init__(self, resolve_link=None, resolve_image=None):
        self.resolve_link = resolve_link or (lambda href: None)
        self.resolve_image = resolve_image or (lambda src: None)
        self.dropped_images = []
        self.blocks = []
        self._run = []  # rich-text pieces waiting to become one paragraph block

    # --- blocks ----------------------------------------------------------------------
    def convert(self, html):
        soup = BeautifulSoup(sanitize(html), "html.parser")
        self._walk(soup.contents)
        self._flush()
        return self.blocks

    def _add(self, block_type, value):
        self._flush()
        self.blocks.append({"type": block_type, "value": value, "id": str(uuid.uuid4())})

    def _flush(self):
        if self._run:
            rich_text = "".join(self._run)
            self._run = []
            self.blocks.append({"type": "paragraph", "value": rich_text, "id": str(uuid.uuid4())})

    def _walk(self, nodes):
        inline = []
        for node in list(nodes):
            if isinstance(node, NavigableString) or (
                isinstance(node, Tag)
                and node.name not in self._BLOCK_HANDLERS
                and node.name not in BLOCK_CONTAINERS
            ):
                inline.append(node)
                continue
            self._inline_paragraph(inline)
            inline = []
            if node.name in BLOCK_CONTAINERS:
                # A container ends a paragraph run: the exporter separates adjacent
                # paragraph blocks with <div>s, so block boundaries survive a round trip.
                self._walk(node.contents)
                self._flush()
            else:
                self._BLOCK_HANDLERS[node.name](self, node)
        self._inline_paragraph(inline)

    def _inline_paragraph(self, nodes):
        content = self.inline(nodes)
        if content:
            self._run.append(f"<p>{content}</p>")

    def _heading(self, node):
        text = _text(node)
        if text:
            self._add("heading", {"text": text[:255], "level": HEADINGS[node.name], "anchor": ""})

    def _paragraph(self, node):
        images = node.find_all("img")
        if images and not _text(node):
            for image in images:
                self._image(image)
            return
        self._inline_paragraph(node.contents)

    def _list(self, node):
        items = self._list_items(node)
        if items:
            self._run.append(items)

    def _list_items(self, node):
        items = []
        for child in node.find_all("li", recursive=False):
            nested = [c for c in child.contents if isinstance(c, Tag) and c.name in ("ul", "ol")]
            text = self.inline([c for c in child.contents if c not in nested])
            sub = "".join(self._list_items(n) for n in nested)
            if text or sub:
                items.append(f"<li>{text}{sub}</li>")
        return f"<{node.name}>{''.join(items)}</{node.name}>" if items else ""

    def _blockquote(self, node):
        cite = node.find(["cite", "footer"])
        attribution = ""
        if cite is not None:
            attribution = _text(cite).lstrip("—–- ").strip()
            cite.extract()
        paragraphs = [_text(p) for p in node.find_all("p")] or [_text(node)]
        quote = "\n\n".join(p for p in paragraphs if p)
        if quote:
            self._add("quote", {"quote": quote, "attribution": attribution[:255]})

    def _table(self, node):
        rows, header = [], False
        for index, tr in enumerate(node.find_all("tr")):
            cells = tr.find_all(["th", "td"], recursive=False)
            if index == 0:
                header = tr.find_parent("thead") is not None or (
                    bool(cells) and all(cell.name == "th" for cell in cells)
                )
            rows.append([_text(cell) for cell in cells])
        if not rows:
            return
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        caption = node.find("caption")
        self._add(
            "table",
            {
                "data": rows,
                "table_header_choice": "row" if header else "neither",
                "first_row_is_table_header": header,
                "first_col_is_header": False,
                "table_caption": _text(caption) if caption else "",
            },
        )

    def _figure(self, node):
        image = node.find("img")
        caption = node.find("figcaption")
        if image is not None:
            self._image(image, caption=_text(caption) if caption else "")
        elif _text(node):
            self._inline_paragraph(node.contents)

    def _image(self, node, caption=""):
        src = node.get("src", "")
        image_id = self.resolve_image(src) if src else None
        if image_id is None:
            self.dropped_images.append(src)
            return
        alt = (node.get("alt") or "").strip()
        self._add(
            "image",
            {
                "image": image_id,
                "alt_text": alt[:255],
                "decorative": not alt,
                "caption": caption[:500],
                "credit": "",
            },
        )

    def _preformatted(self, node):
        text = html_lib.escape(node.get_text().strip()).replace("\n", "<br/>")
        if text:
            self._run.append(f"<p>{text}</p>")

    _BLOCK_HANDLERS = {
        **dict.fromkeys(HEADINGS, _heading),
        "p": _paragraph,
        "ul": _list,
        "ol": _list,
        "blockquote": _blockquote,
        "table": _table,
        "figure": _figure,
        "img": _image,
        "pre": _preformatted,
        "hr": lambda self, node: self._flush(),
    }

    # --- inline rich text --------------------------------------------------------------
    def inline(self, nodes):
        """Wagtail rich-text inline HTML (b, i, links, br) for ``nodes``, whitespace collapsed."""
        html = "".join(self._inline_node(node) for node in nodes)
        html = _WHITESPACE.sub(" ", html).strip()
        html = re.sub(r"\s*<br/>\s*", "<br/>", html)
        return html.removeprefix("<br/>").removesuffix("<br/>")

    def _inline_node(self, node):
        if isinstance(node, NavigableString):
            return html_lib.escape(str(node), quote=False)
        if not isinstance(node, Tag):
            return ""
        if node.name == "br":
            return "<br/>"
        if node.name == "img":
            return ""
        inner = "".join(self._inline_node(child) for child in node.contents)
        if node.name in INLINE_KEEP:
            tag = INLINE_KEEP[node.name]
            return f"<{tag}>{inner}</{tag}>" if inner.strip() else inner
        if node.name == "a":
            href = (node.get("href") or "").strip()
            if not href or not inner.strip():
                return inner
            page_id = self.resolve_link(href)
            if page_id is not None:
                return f'<a linktype="page" id="{page_id}">{inner}</a>'
            return f'<a href="{html_lib.escape(href)}">{inner}</a>'
        return inner


def html_to_blocks(html, resolve_link=None, resolve_image=None):
    """Raw StreamField data (a list of {type, value, id}) for a body given as HTML."""
    return Converter(resolve_link, resolve_image).convert(html)


def html_to_rich_text(html, resolve_link=None):
    """A rich-text field value (paragraphs and lists only) for e.g. an expert's bio."""
    blocks = Converter(resolve_link).convert(html)
    parts = []
    for block in blocks:
        if block["type"] == "paragraph":
            parts.append(block["value"])
        elif block["type"] == "heading":
            parts.append(f"<p><b>{html_lib.escape(block['value']['text'])}</b></p>")
        elif block["type"] == "quote":
            parts.append(f"<p>{html_lib.escape(block['value']['quote'])}</p>")
    return "".join(parts)


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


# --- export ------------------------------------------------------------------------------
def rich_text_to_html(rich_text, page_path):
    """Wagtail's stored rich text with internal page links as public paths.

    ``page_path(page_id) -> str | None``; links to unknown pages keep their text only.
    """
    soup = BeautifulSoup(rich_text or "", "html.parser")
    for link in soup.find_all("a"):
        if link.get("linktype") == "page":
            path = page_path(int(link.get("id", 0) or 0))
            if path:
                link.attrs = {"href": path}
            else:
                link.unwrap()
        elif link.get("linktype"):
            link.unwrap()  # documents and other entity links have no public equivalent
    return str(soup)


def blocks_to_html(blocks, page_path, image_src):
    """Body HTML for raw StreamField data, in the form :func:`html_to_blocks` reads.

    ``image_src(image_id) -> str | None`` gives the exported file path of an image.
    Blocks without an HTML equivalent (embeds, documents, key points) are written as
    paragraphs or links so their content is not lost.
    """
    out = []
    esc = html_lib.escape
    for index, block in enumerate(blocks):
        kind, value = block["type"], block["value"]
        if kind == "heading":
            level = "h3" if str(value.get("level")) == "3" else "h2"
            out.append(f"<{level}>{esc(value.get('text', ''))}</{level}>")
        elif kind == "paragraph":
            text = rich_text_to_html(value, page_path)
            previous = blocks[index - 1]["type"] if index else None
            out.append(f"<div>{text}</div>" if previous == "paragraph" else text)
        elif kind == "quote":
            paragraphs = "".join(
                f"<p>{esc(p.strip())}</p>"
                for p in value.get("quote", "").split("\n\n")
                if p.strip()
            )
            cite = f"<cite>{esc(value['attribution'])}</cite>" if value.get("attribution") else ""
            out.append(f"<blockquote>{paragraphs}{cite}</blockquote>")
        elif kind == "table":
            out.append(_table_html(value))
        elif kind == "image":
            src = image_src(value.get("image"))
            if src:
                img = f'<img src="{esc(src)}" alt="{esc(value.get("alt_text") or "")}">'
                caption = value.get("caption")
                out.append(
                    f"<figure>{img}<figcaption>{esc(caption)}</figcaption></figure>"
                    if caption
                    else f"<figure>{img}</figure>"
                )
        elif kind == "key_points":
            out.append(f"<h3>{esc(value.get('title', ''))}</h3>")
            items = "".join(f"<li>{esc(point)}</li>" for point in value.get("points") or [])
            out.append(f"<ul>{items}</ul>")
            if value.get("text"):
                out.append(rich_text_to_html(value["text"], page_path))
        elif kind == "embed":
            url = value.get("url", "")
            out.append(f'<p><a href="{esc(url)}">{esc(value.get("title") or url)}</a></p>')
    return "\n".join(out)


def _table_html(value):
    esc = html_lib.escape
    rows = value.get("data") or []
    header = bool(value.get("first_row_is_table_header")) and bool(rows)
    parts = ["<table>"]
    if value.get("table_caption"):
        parts.append(f"<caption>{esc(value['table_caption'])}</caption>")
    for index, row in enumerate(rows):
        cell = "th" if header and index == 0 else "td"
        cells = "".join(f"<{cell}>{esc(str(c or ''))}</{cell}>" for c in row)
        if header and index == 0:
            parts.append(f"<thead><tr>{cells}</tr></thead><tbody>")
        else:
            parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>" if header else "</table>")
    return "".join(parts)
