"""Rendering a StreamField body in a fixed number of queries.

Wagtail expands the internal links of each rich text value separately: every paragraph
with a page or document link costs its own queries, so a long brief would cost more than a
short one. ``prepare_stream`` expands the links of all rich text values of a body in one
batch (one lookup per link type for the whole body) and prefetches the renditions of all
its images, before the template renders the blocks.
"""

from django.db.models import prefetch_related_objects
from django.utils.html import escape
from wagtail import blocks
from wagtail.images.models import AbstractImage
from wagtail.rich_text import RichText, expand_db_html
from wagtail.rich_text.pages import PageLinkHandler

from core.localization import active_locale, visible_editions_by_id

# Never part of rich text stored by Wagtail's editor (a control character), so the joined
# sources split back exactly.
_SEPARATOR = "\x00"


class LocalizedPageLinkHandler(PageLinkHandler):
    """Internal page links in rich text, resolved in bulk: one query for the pages and the
    editions readers may open in their language (Wagtail's own handler asks for each link's
    translation separately).

    A link to a page readers cannot see (a draft, an unpublished, scheduled or expired page,
    a private one, with no visible translation) keeps its text but loses its address: it
    becomes ``<a>`` without ``href``, so the page's slug never reaches the HTML."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        ids = [str(attrs.get("id", "")) for attrs in attrs_list]
        # A longer id names no page (and would overflow the database's integer).
        editions = visible_editions_by_id(
            {int(i) for i in ids if i.isdigit() and len(i) < 19}, active_locale()
        )
        urls = {str(pk): edition.url for pk, edition in editions.items() if edition is not None}
        return [f'<a href="{escape(urls[i])}">' if urls.get(i) else "<a>" for i in ids]


def _walk(value, rich_texts, images):
    if isinstance(value, RichText):
        rich_texts.append(value)
    elif isinstance(value, AbstractImage):
        images.append(value)
    elif isinstance(value, blocks.StreamValue):
        for child in value:
            _walk(child.value, rich_texts, images)
    elif isinstance(value, blocks.StructValue):
        for child in value.values():
            _walk(child, rich_texts, images)
    elif isinstance(value, list | tuple | blocks.list_block.ListValue):
        for child in value:
            _walk(child, rich_texts, images)


def prepare_stream(stream_value):
    """Expand the rich text links and prefetch the image renditions of ``stream_value`` in
    bulk; rendering it afterwards makes no query for them. Returns the stream value."""
    if not stream_value:
        return stream_value
    rich_texts, images = [], []
    _walk(stream_value, rich_texts, images)
    sources = [rt.source for rt in rich_texts]
    if any(_SEPARATOR in source for source in sources):
        return stream_value
    linked = [rt for rt in rich_texts if "linktype=" in rt.source]
    if linked:
        expanded = expand_db_html(_SEPARATOR.join(rt.source for rt in linked))
        parts = expanded.split(_SEPARATOR)
        if len(parts) == len(linked):
            for rich_text, html in zip(linked, parts, strict=True):
                # Expanded HTML carries no linktype attributes: expanding it again at render
                # time changes nothing and queries nothing.
                rich_text.source = html
    if images:
        prefetch_related_objects(images, "renditions")
    return stream_value
