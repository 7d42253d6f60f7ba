"""Body HTML <-> typed body blocks (importexport.html), tested directly: each element kind the
importer reads, what sanitizing removes, Markdown input, the exporter's HTML, the round trip
between them, and the structure a translation must share with its source (shapes).

Pure functions: no database. Links and images are resolved by plain dictionaries standing in
for the archive's pages and files.
"""

import uuid

import pytest

from importexport.html.from_blocks import blocks_to_html, rich_text_to_html
from importexport.html.shapes import blocks_shape, describe_shape_difference, rich_text_shape
from importexport.html.to_blocks import (
    Converter,
    html_to_blocks,
    html_to_rich_text,
    markdown_to_html,
)

# The archive as the callbacks see it: public paths of its pages, files of its images.
PAGE_IDS = {"/policy-analysis/iraq-dialogue/": 12, "/experts/karl-kaltenthaler/": 5}
PAGE_PATHS = {page_id: path for path, page_id in PAGE_IDS.items()}
IMAGE_IDS = {"images/chart.png": 3}
IMAGE_SRCS = {image_id: src for src, image_id in IMAGE_IDS.items()}


def convert(html):
    """(type, value) of each block ``html`` becomes, with the archive's links and images."""
    blocks = html_to_blocks(html, resolve_link=PAGE_IDS.get, resolve_image=IMAGE_IDS.get)
    return [(block["type"], block["value"]) for block in blocks]


def export(blocks):
    return blocks_to_html(blocks, PAGE_PATHS.get, IMAGE_SRCS.get)


def heading(text, level):
    return ("heading", {"text": text, "level": level, "anchor": ""})


def image(alt="", caption=""):
    return (
        "image",
        {"image": 3, "alt_text": alt, "decorative": not alt, "caption": caption, "credit": ""},
    )


def table(rows, header, caption=""):
    return (
        "table",
        {
            "data": rows,
            "table_header_choice": "row" if header else "neither",
            "first_row_is_table_header": header,
            "first_col_is_header": False,
            "table_caption": caption,
        },
    )


def raw(*blocks):
    """Raw StreamField data for (type, value) pairs, as stored and as the exporter reads it."""
    return [{"type": kind, "value": value, "id": str(n)} for n, (kind, value) in enumerate(blocks)]


# --- headings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "level"),
    [("h1", "2"), ("h2", "2"), ("h3", "3"), ("h4", "3"), ("h5", "3"), ("h6", "3")],
)
def test_each_heading_level_becomes_a_heading_block_of_level_2_or_3(tag, level):
    assert convert(f"<{tag}>U.S. <b>Interests</b>  in\nIraq</{tag}>") == [
        heading("U.S. Interests in Iraq", level)
    ]


def test_an_empty_heading_makes_no_block():
    assert convert("<h2> </h2>") == []


# --- paragraphs and lists ------------------------------------------------------------------


def test_a_run_of_paragraphs_and_lists_becomes_one_paragraph_block():
    html = (
        "<p>One</p><p>Two</p>"
        "<ul><li>Security</li><li>Energy<ul><li>Gas</li></ul></li></ul>"
        "<ol><li>First</li></ol><p>Three</p>"
    )
    assert convert(html) == [
        (
            "paragraph",
            "<p>One</p><p>Two</p><ul><li>Security</li><li>Energy<ul><li>Gas</li></ul></li></ul>"
            "<ol><li>First</li></ol><p>Three</p>",
        )
    ]


def test_a_heading_between_paragraphs_splits_the_run():
    assert convert("<p>Before</p><h2>Section</h2><p>After</p>") == [
        ("paragraph", "<p>Before</p>"),
        heading("Section", "2"),
        ("paragraph", "<p>After</p>"),
    ]


def test_the_end_of_a_container_ends_the_paragraph_block():
    assert convert("<div><p>First</p></div><section><p>Second</p></section>") == [
        ("paragraph", "<p>First</p>"),
        ("paragraph", "<p>Second</p>"),
    ]


def test_the_start_of_a_container_ends_the_paragraph_block_before_it():
    assert convert("<p>First</p><div><p>Second</p></div>") == [
        ("paragraph", "<p>First</p>"),
        ("paragraph", "<p>Second</p>"),
    ]


def test_a_horizontal_rule_ends_the_paragraph_block():
    assert convert("<p>First</p><hr><p>Second</p>") == [
        ("paragraph", "<p>First</p>"),
        ("paragraph", "<p>Second</p>"),
    ]


def test_loose_text_between_blocks_becomes_paragraphs():
    assert convert("Loose <b>text</b><h2>Section</h2>tail") == [
        ("paragraph", "<p>Loose <b>text</b></p>"),
        heading("Section", "2"),
        ("paragraph", "<p>tail</p>"),
    ]


def test_line_breaks_are_kept_and_a_trailing_one_is_dropped():
    assert convert("<p>Line one<br>line   two<br></p>") == [
        ("paragraph", "<p>Line one<br/>line two</p>")
    ]


def test_bold_and_italic_are_kept_as_b_and_i_and_other_inline_tags_are_unwrapped():
    html = (
        "<p><b>b</b> <strong>strong</strong> <i>i</i> <em>em</em> "
        "<u>u</u> <span>span</span> <code>code</code> <sup>sup</sup></p>"
    )
    assert convert(html) == [
        ("paragraph", "<p><b>b</b> <b>strong</b> <i>i</i> <i>em</i> u span code sup</p>")
    ]


def test_empty_paragraphs_and_list_items_make_nothing():
    assert convert("<p> </p><ul><li> </li></ul><p><b> </b></p>") == []


def test_a_preformatted_block_becomes_a_paragraph_with_line_breaks_and_escaped_text():
    assert convert("<pre>line 1\nif a < b &amp;&amp; <b>c</b>:\nline 3\n</pre>") == [
        ("paragraph", "<p>line 1<br/>if a &lt; b &amp;&amp; c:<br/>line 3</p>")
    ]


# --- quotes -----------------------------------------------------------------------------


def test_a_blockquote_with_paragraphs_and_a_cite_becomes_a_quote_with_attribution():
    html = (
        "<blockquote><p>A strategic dialogue is the place to start.</p><p>Second.</p>"
        "<cite>— Joint statement, June 2020</cite></blockquote>"
    )
    assert convert(html) == [
        (
            "quote",
            {
                "quote": "A strategic dialogue is the place to start.\n\nSecond.",
                "attribution": "Joint statement, June 2020",
            },
        )
    ]


def test_a_blockquote_of_plain_text_with_a_footer_takes_the_footer_as_attribution():
    assert convert("<blockquote>Plain words.<footer>– An official</footer></blockquote>") == [
        ("quote", {"quote": "Plain words.", "attribution": "An official"})
    ]


def test_a_blockquote_without_source_has_an_empty_attribution():
    assert convert("<blockquote><p>Unattributed.</p></blockquote>") == [
        ("quote", {"quote": "Unattributed.", "attribution": ""})
    ]


# --- tables -----------------------------------------------------------------------------


def test_a_table_with_a_thead_has_a_header_row_a_caption_and_padded_rows():
    html = (
        "<table><caption>U.S. troop levels</caption>"
        "<thead><tr><th>Year</th><th>Troops</th></tr></thead>"
        "<tbody><tr><td>2019</td><td>5,200</td></tr><tr><td>2020</td></tr></tbody></table>"
    )
    assert convert(html) == [
        table(
            [["Year", "Troops"], ["2019", "5,200"], ["2020", ""]],
            header=True,
            caption="U.S. troop levels",
        )
    ]


def test_a_first_row_of_th_cells_is_a_header_row():
    html = "<table><tr><th>Year</th><th>Troops</th></tr><tr><td>2019</td><td>5</td></tr></table>"
    assert convert(html) == [table([["Year", "Troops"], ["2019", "5"]], header=True)]


def test_a_table_of_td_cells_has_no_header_row():
    html = "<table><tr><td>Year</td><td>Troops</td></tr><tr><td>2019</td><td>5</td></tr></table>"
    assert convert(html) == [table([["Year", "Troops"], ["2019", "5"]], header=False)]


def test_a_table_without_rows_makes_no_block():
    assert convert("<table><caption>Empty</caption></table>") == []


# --- images -----------------------------------------------------------------------------


def test_a_figure_whose_file_is_known_becomes_an_image_with_alt_text_and_caption():
    html = (
        '<figure><img src="images/chart.png" alt=" Troop levels ">'
        "<figcaption>Source: DoD</figcaption></figure>"
    )
    assert convert(html) == [image(alt="Troop levels", caption="Source: DoD")]


def test_an_image_without_alt_text_is_decorative():
    assert convert('<img src="images/chart.png" alt="">') == [image()]


def test_a_paragraph_holding_only_an_image_becomes_an_image_block():
    assert convert('<p><img src="images/chart.png" alt="Chart"></p>') == [image(alt="Chart")]


def test_an_image_inside_text_becomes_an_image_block_after_that_paragraph():
    html = '<p>Before <img src="images/chart.png" alt="Chart"> after</p><p>Next</p>'
    assert convert(html) == [
        ("paragraph", "<p>Before after</p>"),
        image(alt="Chart"),
        ("paragraph", "<p>Next</p>"),
    ]


def test_an_image_inside_a_list_item_becomes_an_image_block_after_the_list():
    html = '<ul><li>Item <img src="images/chart.png" alt="Chart"></li><li>Other</li></ul>'
    assert convert(html) == [
        ("paragraph", "<ul><li>Item</li><li>Other</li></ul>"),
        image(alt="Chart"),
    ]


def test_a_linked_image_inside_text_becomes_an_image_block_and_its_empty_link_goes():
    html = '<p>See <a href="https://example.org/"><img src="images/chart.png" alt="C"></a> here</p>'
    assert convert(html) == [("paragraph", "<p>See here</p>"), image(alt="C")]


def test_an_unknown_image_inside_text_is_dropped_and_listed():
    converter = Converter(resolve_image=IMAGE_IDS.get)
    blocks = converter.convert('<p>Text <img src="images/missing.png" alt="Gone"></p>')
    assert ([(b["type"], b["value"]) for b in blocks], converter.dropped_images) == (
        [("paragraph", "<p>Text</p>")],
        ["images/missing.png"],
    )


def test_an_image_whose_file_is_unknown_is_dropped_and_listed():
    converter = Converter(resolve_image=IMAGE_IDS.get)
    blocks = converter.convert('<figure><img src="images/missing.png" alt="Gone"></figure>')
    assert (blocks, converter.dropped_images) == ([], ["images/missing.png"])


def test_without_an_image_resolver_every_image_is_dropped():
    assert html_to_blocks('<figure><img src="images/chart.png" alt="Chart"></figure>') == []


def test_a_figure_without_an_image_keeps_its_text_as_a_paragraph():
    assert convert("<figure><figcaption>Only a caption</figcaption></figure>") == [
        ("paragraph", "<p>Only a caption</p>")
    ]


# --- sanitizing and links ---------------------------------------------------------------


def test_script_and_style_are_dropped_with_their_content():
    html = (
        "<p>Before<script>alert(1)</script><style>p{color:red}</style> after</p>"
        "<script>x()</script>"
    )
    assert convert(html) == [("paragraph", "<p>Before after</p>")]


def test_javascript_urls_and_event_attributes_are_removed_and_the_text_kept():
    html = (
        '<p onclick="steal()"><a href="javascript:alert(1)">click</a> '
        '<a href="https://example.org/r?a=1&amp;b=2" onmouseover="x()">source</a> '
        '<a href="mailto:press@example.org">mail</a></p>'
    )
    assert convert(html) == [
        (
            "paragraph",
            '<p>click <a href="https://example.org/r?a=1&amp;b=2">source</a> '
            '<a href="mailto:press@example.org">mail</a></p>',
        )
    ]


def test_links_to_archive_pages_become_internal_page_links():
    html = (
        '<p>See <a href="/policy-analysis/iraq-dialogue/">the earlier brief</a> by '
        '<a href="/experts/karl-kaltenthaler/">Karl Kaltenthaler</a>.</p>'
    )
    assert convert(html) == [
        (
            "paragraph",
            '<p>See <a linktype="page" id="12">the earlier brief</a> by '
            '<a linktype="page" id="5">Karl Kaltenthaler</a>.</p>',
        )
    ]


def test_links_the_resolver_does_not_know_stay_external():
    assert convert('<p><a href="/policy-analysis/elsewhere/">Elsewhere</a></p>') == [
        ("paragraph", '<p><a href="/policy-analysis/elsewhere/">Elsewhere</a></p>')
    ]


def test_links_without_href_or_without_text_are_unwrapped():
    assert convert('<p><a href="https://example.org/"> </a><a>no target</a></p>') == [
        ("paragraph", "<p>no target</p>")
    ]


def test_comments_and_unknown_tags_leave_only_their_text():
    html = "<!-- note --><p>Kept <iframe src='https://x'></iframe><font>text</font></p>"
    assert convert(html) == [("paragraph", "<p>Kept text</p>")]


def test_every_block_gets_its_own_uuid():
    blocks = html_to_blocks("<h2>A</h2><p>B</p><blockquote>C</blockquote>")
    ids = [uuid.UUID(block["id"]) for block in blocks]
    assert len(set(ids)) == 3


# --- Markdown ---------------------------------------------------------------------------


def test_markdown_becomes_the_same_blocks_as_its_html():
    markdown = (
        "# U.S. Interests\n\n"
        "Some *emphasis*, **strength** and "
        "[the earlier brief](/policy-analysis/iraq-dialogue/).\n\n"
        "- Security\n- Energy\n\n"
        "> A strategic dialogue.\n\n"
        "| Year | Troops |\n|---|---|\n| 2019 | 5,200 |\n\n"
        "```\nif a < b:\n```\n"
    )
    assert convert(markdown_to_html(markdown)) == [
        heading("U.S. Interests", "2"),
        (
            "paragraph",
            '<p>Some <i>emphasis</i>, <b>strength</b> and <a linktype="page" id="12">the earlier '
            "brief</a>.</p><ul><li>Security</li><li>Energy</li></ul>",
        ),
        ("quote", {"quote": "A strategic dialogue.", "attribution": ""}),
        table([["Year", "Troops"], ["2019", "5,200"]], header=True),
        ("paragraph", "<p>if a &lt; b:</p>"),
    ]


def test_raw_html_inside_markdown_is_sanitized_too():
    assert convert(markdown_to_html("<script>alert(1)</script>\n\nPlain *text*.")) == [
        ("paragraph", "<p>Plain <i>text</i>.</p>")
    ]


def test_markdown_of_nothing_is_empty():
    assert markdown_to_html(None) == ""


# --- rich-text fields (expert bios) -------------------------------------------------------


def test_rich_text_fields_keep_paragraphs_and_turn_headings_bold_and_quotes_plain():
    html = (
        "<h2>Career &amp; work</h2><p>Fellow <a href='/experts/karl-kaltenthaler/'>with Karl</a>."
        "</p><blockquote>Quoted.</blockquote><table><tr><td>dropped</td></tr></table>"
    )
    assert html_to_rich_text(html, resolve_link=PAGE_IDS.get) == (
        '<p><b>Career &amp; work</b></p><p>Fellow <a linktype="page" id="5">with Karl</a>.</p>'
        "<p>Quoted.</p>"
    )


# --- blocks back to HTML ----------------------------------------------------------------


def test_rich_text_page_links_become_public_paths_and_other_entity_links_text():
    rich_text = (
        '<p><a linktype="page" id="12">known</a>, <a linktype="page" id="99">gone</a>, '
        '<a linktype="document" id="4">a file</a>, <a href="https://example.org/">out</a></p>'
    )
    assert rich_text_to_html(rich_text, PAGE_PATHS.get) == (
        '<p><a href="/policy-analysis/iraq-dialogue/">known</a>, gone, a file, '
        '<a href="https://example.org/">out</a></p>'
    )


def test_headings_are_written_at_their_level():
    blocks = raw(
        ("heading", {"text": "Section & more", "level": "2", "anchor": "s"}),
        ("heading", {"text": "Sub", "level": "3", "anchor": ""}),
    )
    assert export(blocks) == "<h2>Section &amp; more</h2>\n<h3>Sub</h3>"


def test_key_points_are_written_as_a_heading_a_list_and_their_text():
    blocks = raw(
        (
            "key_points",
            {
                "title": "Key points",
                "points": ["Security", "Energy"],
                "text": '<p>See <a linktype="page" id="12">the brief</a>.</p>',
            },
        )
    )
    assert export(blocks) == (
        "<h3>Key points</h3>\n<ul><li>Security</li><li>Energy</li></ul>\n"
        '<p>See <a href="/policy-analysis/iraq-dialogue/">the brief</a>.</p>'
    )


def test_an_embed_is_written_as_a_link():
    blocks = raw(("embed", {"url": "https://youtu.be/x?a=1&b=2", "title": "", "caption": ""}))
    assert export(blocks) == (
        '<p><a href="https://youtu.be/x?a=1&amp;b=2">https://youtu.be/x?a=1&amp;b=2</a></p>'
    )


def test_an_image_whose_file_is_not_exported_is_left_out():
    lost = {"image": 77, "alt_text": "Lost", "decorative": False, "caption": "", "credit": ""}
    blocks = raw(("image", lost))
    assert export(blocks) == ""


# --- the round trip ---------------------------------------------------------------------

#: A body in the exporter's own form, one element of each kind the format carries.
REPRESENTATIVE_BODY = "\n".join(
    [
        "<h2>U.S. Interests in Iraq</h2>",
        "<p>The dialogue puts <b>all aspects</b> of the <i>relationship</i> on the table; see "
        '<a href="/policy-analysis/iraq-dialogue/">the earlier brief</a> by '
        '<a href="/experts/karl-kaltenthaler/">Karl Kaltenthaler</a> and '
        '<a href="https://example.org/report?id=1&amp;page=2">the report</a>.<br/>A new line.</p>'
        "<ul><li>Security</li><li>Energy<ul><li>Gas</li></ul></li></ul><ol><li>First</li></ol>",
        "<h3>Troops</h3>",
        "<blockquote><p>A strategic dialogue is the place to start.</p><p>Second paragraph.</p>"
        "<cite>Joint statement, June 2020</cite></blockquote>",
        "<table><caption>U.S. troop levels</caption><thead><tr><th>Year</th><th>Troops</th></tr>"
        "</thead><tbody><tr><td>2019</td><td>5,200</td></tr><tr><td>2020</td><td></td></tr>"
        "</tbody></table>",
        '<figure><img src="images/chart.png" alt="Troop levels"><figcaption>Source: DoD'
        "</figcaption></figure>",
        '<figure><img src="images/chart.png" alt=""></figure>',
        "<table><tr><td>a</td><td>b</td></tr></table>",
    ]
)


def test_a_body_in_the_exporters_form_survives_import_and_export_unchanged():
    blocks = html_to_blocks(REPRESENTATIVE_BODY, PAGE_IDS.get, IMAGE_IDS.get)
    assert export(blocks) == REPRESENTATIVE_BODY


def test_adjacent_paragraph_blocks_stay_apart_through_export_and_import():
    blocks = raw(
        heading("Section", "2"),
        ("paragraph", '<p>First, by <a linktype="page" id="5">Karl</a>.</p>'),
        ("paragraph", "<ul><li>Second</li></ul>"),
        ("paragraph", "<p>Third</p>"),
        ("quote", {"quote": "Said.", "attribution": ""}),
    )
    html = export(blocks)
    assert convert(html) == [(block["type"], block["value"]) for block in blocks]


def test_a_body_in_another_form_is_exported_in_the_normalised_form():
    html = (
        "<h1>Title</h1><p>Text with <strong>strong</strong>, <em>em</em> and "
        "<a href='/experts/karl-kaltenthaler/' onclick='x()'>a link</a>.</p>"
        "<script>gone()</script><blockquote>Said.<footer>— Someone</footer></blockquote>"
        "<table><tr><th>A</th></tr><tr><td>1</td></tr></table>"
    )
    blocks = html_to_blocks(html, PAGE_IDS.get, IMAGE_IDS.get)
    assert export(blocks) == "\n".join(
        [
            "<h2>Title</h2>",
            '<p>Text with <b>strong</b>, <i>em</i> and <a href="/experts/karl-kaltenthaler/">'
            "a link</a>.</p>",
            "<blockquote><p>Said.</p><cite>Someone</cite></blockquote>",
            "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
        ]
    )


# --- shapes -----------------------------------------------------------------------------


def test_rich_text_shape_counts_links_per_translatable_string():
    rich_text = (
        '<p>Two <a href="https://example.org/">links</a> <a linktype="page" id="3">here</a></p>'
        '<ul><li>none</li><li><a href="https://example.org/">one</a></li></ul>'
    )
    assert rich_text_shape(rich_text) == (2, 0, 1)


def test_rich_text_shape_of_nothing_is_empty():
    assert rich_text_shape(None) == ()


def test_blocks_shape_keeps_what_a_translation_must_share_block_by_block():
    blocks = raw(
        heading("Title", "2"),
        ("paragraph", '<p>One <a href="https://example.org/">link</a></p><p>none</p>'),
        ("quote", {"quote": "Q", "attribution": "Someone"}),
        ("quote", {"quote": "Q", "attribution": ""}),
        table([["Year", ""], ["2019", "5"]], header=True, caption="Troops"),
        image(alt="Chart"),
        ("embed", {"url": "https://youtu.be/x", "title": "", "caption": ""}),
    )
    assert blocks_shape(blocks) == (
        ("heading",),
        ("paragraph", (1, 0)),
        ("quote", True),
        ("quote", False),
        ("table", True, ((True, False), (True, True))),
        ("image", True, False),
        ("embed",),
    )


def test_identical_shapes_have_no_difference():
    shape = (("heading",), ("paragraph", (1, 0)))
    assert describe_shape_difference(shape, shape) == ""


def test_a_different_number_of_blocks_is_described_with_both_lists():
    source = (("heading",), ("paragraph", (1,)), ("quote", True))
    translation = (("heading",), ("paragraph", (1,)))
    assert describe_shape_difference(source, translation) == (
        "body has 2 blocks but the source has 3 "
        "(source: heading, paragraph, quote; translation: heading, paragraph)"
    )


def test_a_block_of_another_kind_is_named_by_its_number():
    source = (("heading",), ("quote", True))
    translation = (("heading",), ("paragraph", (0,)))
    assert describe_shape_difference(source, translation) == (
        "body block 2 is a paragraph but the source's is a quote"
    )


def test_a_paragraph_with_other_links_is_described_with_both_counts():
    source = (("paragraph", (2, 0, 1)),)
    translation = (("paragraph", (1, 1)),)
    assert describe_shape_difference(source, translation, field="bio") == (
        "bio block 1 (paragraph) has 2 paragraphs/list items with 2 links; the source has 3 "
        "with 3 links, in the same order"
    )


def test_another_block_kind_that_differs_is_named():
    source = (("quote", True),)
    translation = (("quote", False),)
    assert describe_shape_difference(source, translation) == (
        "body block 1 (quote) differs in structure from the source's"
    )
