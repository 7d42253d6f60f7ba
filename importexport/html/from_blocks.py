"""Typed body blocks back to the HTML the importer reads, with internal links turned back
into public paths, so exporting and importing again gives identical blocks."""

import html as html_lib

from bs4 import BeautifulSoup


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
