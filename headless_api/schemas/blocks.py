"""Body blocks, one schema per block type, discriminated by ``type``."""

from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from .common import ImagePayload


class HeadingValue(Schema):
    text: str
    level: Literal[2, 3]
    anchor: str = Field(
        description="HTML id for deep links, the same in every language: the editor's anchor, "
        "else derived from the source-language heading when it was saved."
    )


class HeadingBlock(Schema):
    """A section heading."""

    id: str
    type: Literal["heading"]
    value: HeadingValue


class ParagraphValue(Schema):
    html: str = Field(description="Rich text; internal links are absolute public URLs.")


class ParagraphBlock(Schema):
    """Body text with links and lists."""

    id: str
    type: Literal["paragraph"]
    value: ParagraphValue


class QuoteValue(Schema):
    quote: str
    attribution: str


class QuoteBlock(Schema):
    """A quotation with its source."""

    id: str
    type: Literal["quote"]
    value: QuoteValue


class KeyPointsValue(Schema):
    title: str
    points: list[str]
    html: str = Field(description="Optional rich text under the points ('' when none).")


class KeyPointsBlock(Schema):
    """A call-out box with key points."""

    id: str
    type: Literal["key_points"]
    value: KeyPointsValue


class ImageBlockValue(Schema):
    image: ImagePayload
    alt: str
    caption: str
    credit: str
    decorative: bool


class ImageBlock(Schema):
    """An image with caption and credit (omitted when the image was deleted)."""

    id: str
    type: Literal["image"]
    value: ImageBlockValue


class EmbedValue(Schema):
    url: str
    title: str
    caption: str
    html: str | None = Field(
        description="The provider's HTML when the site has it; otherwise null (link to url)."
    )


class EmbedBlock(Schema):
    """A video, podcast or post from a provider."""

    id: str
    type: Literal["embed"]
    value: EmbedValue


class DocumentValue(Schema):
    title: str
    description: str
    url: str = Field(description="Absolute download URL.")
    file_size: int | None = Field(description="Bytes, when known.")
    extension: str


class DocumentBlock(Schema):
    """A downloadable file (omitted when the document was deleted)."""

    id: str
    type: Literal["document"]
    value: DocumentValue


class TableValue(Schema):
    caption: str
    header: list[str]
    rows: list[list[str]]
    first_col_is_header: bool


class TableBlock(Schema):
    """A table of figures."""

    id: str
    type: Literal["table"]
    value: TableValue


BodyBlock = Annotated[
    HeadingBlock
    | ParagraphBlock
    | QuoteBlock
    | KeyPointsBlock
    | ImageBlock
    | EmbedBlock
    | DocumentBlock
    | TableBlock,
    Field(discriminator="type"),
]
