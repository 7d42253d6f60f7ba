"""Body StreamField blocks shared by every page type.

Each block has its own template under ``templates/blocks/``, a preview value for the
block picker, and an API representation that holds no Wagtail-internal references.
Custom blocks are built from core blocks so wagtail-localize can extract their
segments; the table block, which is not, declares its own segments.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageChooserBlock
from wagtail_localize.segments import StringSegmentValue

#: "superscript" marks a note reference (<sup>3</sup>), linked to the item's endnotes.
PARAGRAPH_FEATURES = ["bold", "italic", "superscript", "link", "document-link", "ol", "ul"]

TEXT = _("Text")
MEDIA = _("Media")
DATA = _("Data")


class AnchorBlock(blocks.RegexBlock):
    """An HTML id: lower-case letters, digits and hyphens. Not a CharBlock, so it is never
    offered for translation and a section's anchor stays the same in every edition."""

    def __init__(self, **kwargs):
        super().__init__(
            regex=r"^[a-z0-9][a-z0-9-]*$",
            error_messages={"invalid": _("Use lower-case letters, digits and hyphens only.")},
            **kwargs,
        )


class HeadingValue(blocks.StructValue):
    """A heading's anchor: the one an editor set, else one derived from the text."""

    @property
    def anchor_id(self):
        return self.get("anchor") or slugify(self.get("text", ""), allow_unicode=True)


class HeadingBlock(blocks.StructBlock):
    """A section heading (level 2 or 3) with a stable anchor for deep links."""

    text = blocks.CharBlock(label=_("Text"), max_length=255)
    level = blocks.ChoiceBlock(
        choices=[("2", _("Section (h2)")), ("3", _("Subsection (h3)"))],
        default="2",
        label=_("Level"),
    )
    anchor = AnchorBlock(
        required=False,
        label=_("Anchor"),
        help_text=_("Optional id for links to this section; derived from the text if empty."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"
        value_class = HeadingValue
        group = TEXT
        form_classname = "struct-block heading-block"
        description = _("A section heading; level 2 for sections, 3 for subsections.")
        preview_value = {"text": "U.S. Interests in Iraq", "level": "2", "anchor": ""}

    def get_prep_value(self, value):
        """Store the derived anchor with the heading when the editor left it empty.

        Deriving it at render time gave each edition its own id (#us-interests-in-iraq in
        English, #مصالح-الولايات-المتحدة… in Arabic), so a link to a section broke in the
        other language. Stored on the English page, the anchor is copied into every
        translation (wagtail-localize does not offer it for translation), and both editions
        render the same id. Text without Latin letters or digits keeps deriving it at render.
        """
        prepared = super().get_prep_value(value)
        if not prepared.get("anchor"):
            prepared["anchor"] = slugify(prepared.get("text") or "")
        return prepared

    def get_api_representation(self, value, context=None):
        return {"text": value["text"], "level": int(value["level"]), "anchor": value.anchor_id}


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text: bold, italic, internal, external and document links, lists."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph.html"
        group = TEXT
        description = _("Body text with links and lists.")
        preview_value = (
            "<p>The dialogue is intended to put <b>all aspects</b> of the bilateral "
            "relationship on the table.</p>"
        )


class QuoteBlock(blocks.StructBlock):
    """A pull quote or block quotation with its attribution."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        group = TEXT
        description = _("A quotation with its source.")
        preview_value = {
            "quote": "A strategic dialogue is the place to start.",
            "attribution": "Joint statement, June 2020",
        }


class CalloutBlock(blocks.StructBlock):
    """A boxed set of key points that readers should not miss."""

    title = blocks.CharBlock(label=_("Title"), default=_("Key points"), max_length=255)
    points = blocks.ListBlock(blocks.CharBlock(label=_("Point")), label=_("Points"), min_num=1)
    text = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link"], required=False
    )

    class Meta:
        icon = "list-ul"
        label = _("Key points")
        template = "blocks/callout.html"
        group = TEXT
        description = _("A call-out box with the brief's key points.")
        preview_value = {
            "title": "Key points",
            "points": ["Security of U.S. forces", "Energy independence from Iran"],
            "text": "",
        }


def _preview_image():
    """The block picker's preview of an image block: the library's newest image, if any."""
    from wagtail.images import get_image_model

    return {
        "image": get_image_model().objects.order_by("-pk").first(),
        "alt_text": "A preview image",
        "decorative": False,
        "caption": "Caption of the image",
        "credit": "Photographer / Agency",
        "size": "full",
        "alignment": "start",
    }


def _preview_document():
    """The block picker's preview of a document block: the newest document, if any."""
    from wagtail.documents import get_document_model

    return {
        "document": get_document_model().objects.order_by("-pk").first(),
        "title": "Full report (PDF)",
        "description": "The complete study with its data tables.",
    }


IMAGE_SIZES = [
    ("full", _("Full: the width of the text")),
    ("wide", _("Wide: wider than the text, into the margin")),
    ("inline", _("Inline: beside the text, which wraps around it")),
]
IMAGE_ALIGNMENTS = [
    ("start", _("Start: left in English, right in Arabic")),
    ("end", _("End: right in English, left in Arabic")),
]
#: The ``sizes`` attribute of each layout: what width the browser picks a rendition for.
IMAGE_SIZES_ATTR = {
    "full": "(min-width: 50rem) 46rem, 100vw",
    "wide": "(min-width: 62rem) 58rem, 100vw",
    "inline": "(min-width: 50rem) 21rem, 100vw",
}


class ImageValue(blocks.StructValue):
    """What an image block's template and API need: alt text unless decorative, and the
    layout (size and alignment; images saved before layouts existed are full width)."""

    @property
    def alt(self):
        return "" if self.get("decorative") else (self.get("alt_text") or "")

    @property
    def size(self):
        size = self.get("size")
        return size if size in IMAGE_SIZES_ATTR else "full"

    @property
    def alignment(self):
        return "end" if self.get("alignment") == "end" else "start"

    @property
    def layout_classes(self):
        """CSS classes of the figure: ``block-image--wide block-image--end``…"""
        if self.size == "full":
            return "block-image--full"
        return f"block-image--{self.size} block-image--{self.alignment}"

    @property
    def sizes(self):
        return IMAGE_SIZES_ATTR[self.size]


class CaptionedImageBlock(blocks.StructBlock):
    """An image with alt text (or marked decorative), caption, credit and a layout: size (full,
    wide, inline) and alignment (start or end, mirrored in right-to-left editions)."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alt text"),
        required=False,
        max_length=255,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative"),
        required=False,
        help_text=_("Tick when the image adds nothing to the text; it then gets empty alt text."),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=500,
        help_text=_("Shown under the image on the page and sent by the API."),
    )
    credit = blocks.CharBlock(
        label=_("Credit"),
        required=False,
        max_length=255,
        help_text=_("Photographer or source, shown after the caption."),
    )
    size = blocks.ChoiceBlock(
        choices=IMAGE_SIZES,
        default="full",
        label=_("Size"),
        help_text=_("On phones every image is the width of the screen."),
    )
    alignment = blocks.ChoiceBlock(
        choices=IMAGE_ALIGNMENTS,
        default="start",
        label=_("Alignment"),
        help_text=_(
            "Which side a wide or inline image leans to; the Arabic edition mirrors it. "
            "Full-width images ignore it."
        ),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"
        value_class = ImageValue
        group = MEDIA
        description = _("An image with caption and credit.")
        preview_value = staticmethod(_preview_image)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not value.get("alt_text"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(_("Add alt text, or mark the image as decorative."))
                }
            )
        return value


#: Display names of common providers by host (any other host is shown as it is).
EMBED_PROVIDERS = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
    "soundcloud.com": "SoundCloud",
    "spotify.com": "Spotify",
    "podcasts.apple.com": "Apple Podcasts",
    "x.com": "X",
    "twitter.com": "X",
    "bsky.app": "Bluesky",
    "linkedin.com": "LinkedIn",
    "facebook.com": "Facebook",
    "instagram.com": "Instagram",
    "flickr.com": "Flickr",
    "slideshare.net": "SlideShare",
    "scribd.com": "Scribd",
    "datawrapper.de": "Datawrapper",
    "flourish.studio": "Flourish",
}


def embed_provider_name(url):
    """The provider's display name for an embed URL: a known name, else its host."""
    from urllib.parse import urlsplit

    host = (urlsplit(url or "").hostname or "").lower().removeprefix("www.")
    for known, name in EMBED_PROVIDERS.items():
        if host == known or host.endswith("." + known):
            return name
    return host


class EmbedValue(blocks.StructValue):
    """The provider's HTML when it can be had, else None: the template then shows a card with
    the title and the provider's name linking to the original (offline, or when the provider
    refuses)."""

    @cached_property
    def provider_name(self):
        return embed_provider_name(self.get("url"))

    @cached_property
    def html(self):
        from wagtail.embeds.embeds import get_embed

        try:
            return get_embed(self["url"]).html or None
        except (EmbedException, OSError, ValueError):
            return None


class MediaEmbedBlock(blocks.StructBlock):
    """A video, podcast or post from a provider, by URL."""

    url = blocks.URLBlock(
        label=_("URL"),
        help_text=_(
            "The address of the video, audio or post, e.g. a YouTube or SoundCloud link. "
            "The provider's player is shown when it answers."
        ),
    )
    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=255,
        help_text=_(
            "Shown on the card that replaces the player when the provider cannot be reached "
            "or refuses, and sent by the API."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        required=False,
        max_length=500,
        help_text=_("Shown under the player or the card."),
    )

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "blocks/embed.html"
        value_class = EmbedValue
        group = MEDIA
        description = _(
            "Embedded media; a card with its title and provider when the provider cannot be "
            "reached."
        )
        preview_value = {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "Panel discussion",
            "caption": "",
        }


class TableBlock(WagtailTableBlock):
    """A table whose caption and cells wagtail-localize offers for translation."""

    def __init__(self, **kwargs):
        kwargs.setdefault("table_options", {"contextMenu": True, "startRows": 3, "startCols": 3})
        super().__init__(**kwargs)

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table.html"
        group = DATA
        description = _("A table of figures or comparisons.")
        preview_value = {
            "data": [["Year", "Troops"], ["2019", "5,200"], ["2020", "3,000"]],
            "table_header_choice": "row",
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "U.S. troop levels in Iraq",
        }

    def get_translatable_segments(self, value):
        if not value:
            return []
        segments = []
        if value.get("table_caption"):
            segments.append(StringSegmentValue("caption", value["table_caption"]))
        for r, row in enumerate(value.get("data") or []):
            for c, cell in enumerate(row):
                if cell:
                    segments.append(StringSegmentValue(f"cell-{r}-{c}", str(cell)))
        return segments

    def restore_translated_segments(self, value, segments):
        value = {**value, "data": [list(row) for row in value.get("data") or []]}
        for segment in segments:
            if segment.path == "caption":
                value["table_caption"] = segment.render_text()
            elif segment.path.startswith("cell-"):
                _prefix, r, c = segment.path.split("-")
                value["data"][int(r)][int(c)] = segment.render_text()
        return value

    def get_api_representation(self, value, context=None):
        value = value or {}
        rows = [[cell or "" for cell in row] for row in value.get("data") or []]
        header = bool(value.get("first_row_is_table_header")) and bool(rows)
        return {
            "caption": value.get("table_caption") or "",
            "header": rows[0] if header else [],
            "rows": rows[1:] if header else rows,
            "first_col_is_header": bool(value.get("first_col_is_header")),
        }


class DocumentBlock(blocks.StructBlock):
    """A downloadable document (report PDF, data set) with a title and description."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=255,
        help_text=_("Defaults to the file's title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document.html"
        group = MEDIA
        description = _("A file readers can download.")
        preview_value = staticmethod(_preview_document)


class BodyBlock(blocks.StreamBlock):
    """The typed sections of a brief's body (also used by expert and landing pages)."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    key_points = CalloutBlock()
    image = CaptionedImageBlock()
    embed = MediaEmbedBlock()
    document = DocumentBlock()
    table = TableBlock()

    class Meta:
        block_counts = {}
