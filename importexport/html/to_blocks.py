"""Body HTML (or Markdown) to typed body blocks.

The HTML is sanitized with nh3 first (script and style dropped with their content, event
attributes and javascript: URLs removed), then its top-level elements become blocks of
``core.blocks.BodyBlock``: headings -> ``heading``, runs of paragraphs and lists -> one
``paragraph`` (Wagtail rich text), blockquotes -> ``quote``, tables -> ``table``, images whose
files were supplied -> ``image`` (one inside a paragraph or list follows it). Links to pages of
the same archive become Wagtail internal links (``<a linktype="page" id="N">``) when the
``resolve_link`` callback knows the target.
"""

import html as html_lib
import re
import uuid

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from markdown_it import MarkdownIt

from .footnotes import reference_number

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
        self._inline_images = []  # <img> met inside text, placed after that text

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
                # A container starts and ends a paragraph run: the exporter separates
                # adjacent paragraph blocks with <div>s (``<p>a</p><div><p>b</p></div>``),
                # so block boundaries survive a round trip.
                self._flush()
                self._walk(node.contents)
                self._flush()
            else:
                self._BLOCK_HANDLERS[node.name](self, node)
        self._inline_paragraph(inline)

    def _inline_paragraph(self, nodes):
        content = self.inline(nodes)
        if content:
            self._run.append(f"<p>{content}</p>")
        self._place_inline_images()

    def _place_inline_images(self):
        # Rich text holds no images: one met inside text (a paragraph, a list item, a link)
        # becomes an image block right after that text instead of being lost.
        images, self._inline_images = self._inline_images, []
        for image in images:
            self._image(image)

    def _heading(self, node):
        text = _text(node)
        if text:
            self._add("heading", {"text": text[:255], "level": HEADINGS[node.name], "anchor": ""})

    def _paragraph(self, node):
        self._inline_paragraph(node.contents)

    def _list(self, node):
        items = self._list_items(node)
        if items:
            self._run.append(items)
        self._place_inline_images()

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
            self._inline_images.append(node)
            return ""
        inner = "".join(self._inline_node(child) for child in node.contents)
        if node.name in INLINE_KEEP:
            tag = INLINE_KEEP[node.name]
            return f"<{tag}>{inner}</{tag}>" if inner.strip() else inner
        if node.name == "sup":
            number = reference_number(node.get_text())
            return f"<sup>{number}</sup>" if number is not None else inner
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
