"""The API contract: one named pydantic schema per response, error and block type.

The views build plain dicts (see ``payloads``) and serialize them with orjson for speed;
these schemas document them in the OpenAPI document, and the test suite checks that
every payload validates against them (snapshots, schemathesis).
"""

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

# --- Errors -------------------------------------------------------------------------


class ParameterProblem(Schema):
    """One invalid request parameter."""

    parameter: str = Field(description="The query or path parameter at fault, e.g. 'limit'.")
    message: str


class ParameterError(Schema):
    """400/422: one or more parameters are missing, malformed or unknown."""

    error: Literal["invalid_parameters"]
    message: str
    detail: list[ParameterProblem]


class NotFoundError(Schema):
    """404: no live, public page (or route) answers to the id or path."""

    error: Literal["not_found"]
    message: str


class PreviewTokenError(Schema):
    """401: the preview token is missing, malformed, expired, tampered with or revoked."""

    error: Literal["invalid_token"]
    message: str


# --- Shared pieces -------------------------------------------------------------------


class Rendition(Schema):
    """One generated size and format of an image."""

    url: str = Field(description="Absolute URL of the image file.")
    width: int
    height: int
    format: Literal["webp", "jpeg", "png", "gif"]


class FocalPoint(Schema):
    """The region editors marked as the subject (crops should keep it), in original pixels."""

    x: int
    y: int
    width: int
    height: int


class ImagePayload(Schema):
    """An image as renditions: each width in WebP and in a fallback format (JPEG/PNG)."""

    id: int
    title: str
    alt: str = Field(description="Alt text; empty for decorative images.")
    width: int = Field(description="Width of the original.")
    height: int = Field(description="Height of the original.")
    focal_point: FocalPoint | None
    renditions: list[Rendition]


class Term(Schema):
    """A taxonomy term (publication type, region or issue) in the requested language."""

    slug: str = Field(description="Locale-independent; use it in filters.")
    label: str


class Tag(Schema):
    """A free keyword."""

    slug: str
    name: str


class AuthorRef(Schema):
    """An author as shown on a card: the expert profile in the card's language when it exists."""

    id: int
    name: str
    url: str


class Translation(Schema):
    """A live edition of the same page in another language."""

    locale: str
    url: str
    title: str


class Seo(Schema):
    """What to put in <title>, the meta description and social cards."""

    title: str
    description: str
    image: ImagePayload | None


# --- Body blocks ---------------------------------------------------------------------


class HeadingValue(Schema):
    text: str
    level: Literal[2, 3]
    anchor: str = Field(
        description="HTML id for deep links: the editor's anchor (the same in every language), "
        "else derived from the text."
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


# --- Analysis ------------------------------------------------------------------------


class AnalysisCard(Schema):
    """A live brief as listed: what every card on the site shows."""

    id: int
    locale: str
    url: str = Field(description="Absolute public URL (FRONTEND_BASE_URL + path).")
    path: str = Field(description="Public path, e.g. /ar/policy-analysis/…/.")
    title: str
    subtitle: str
    type: Term | None
    date: datetime.date | None
    summary: str
    authors: list[AuthorRef]
    byline: str = Field(description="Free-text byline for analysis without expert authors.")
    regions: list[Term]
    issues: list[Term]
    image: ImagePayload | None


class AnalysisList(Schema):
    """A page of cards."""

    count: int
    next: str | None = Field(description="Absolute URL of the next page, or null.")
    previous: str | None
    items: list[AnalysisCard]


class AboutAuthor(Schema):
    """An author in 'About the authors': profile in the brief's language when it exists."""

    id: int
    name: str
    url: str
    position: str
    bio: str = Field(
        description="The brief's own bio for this author, else the expert's short bio."
    )
    photo: ImagePayload | None


class Recommended(Schema):
    heading: str
    items: list[AnalysisCard]


class HeroImage(Schema):
    image: ImagePayload
    caption: str
    credit: str


class AnalysisDetail(AnalysisCard):
    """A live brief with everything its HTML page shows."""

    hero: HeroImage | None
    body: list[BodyBlock]
    about_authors: list[AboutAuthor]
    recommended: Recommended
    tags: list[Tag]
    translations: list[Translation]
    seo: Seo
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


# --- Experts -------------------------------------------------------------------------


class ExpertCard(Schema):
    """An expert as listed."""

    id: int
    locale: str
    url: str
    path: str
    name: str
    position: str
    short_bio: str
    photo: ImagePayload | None


class ExpertList(Schema):
    count: int
    next: str | None
    previous: str | None
    items: list[ExpertCard]


class ExpertLink(Schema):
    kind: Literal["email", "website", "x", "linkedin", "bluesky", "other"]
    label: str
    url: str


class Expertise(Schema):
    regions: list[Term]
    issues: list[Term]


class ExpertDetail(ExpertCard):
    """An expert's profile with one page of their publications."""

    bio: str = Field(description="Rich text HTML.")
    languages: str
    expertise: Expertise
    links: list[ExpertLink]
    translations: list[Translation]
    seo: Seo
    publications: AnalysisList
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


# --- Other pages, by path, preview ------------------------------------------------------


class PageDetail(Schema):
    """Any other page (home, index pages): its common fields, intro and featured cards."""

    id: int
    locale: str
    url: str
    path: str
    title: str
    page_type: str = Field(description="Wagtail model, e.g. 'home.HomePage'.")
    intro: str = Field(description="Rich text HTML ('' when the page has none).")
    featured: Recommended | None
    translations: list[Translation]
    seo: Seo
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class AnalysisResult(Schema):
    type: Literal["analysis"]
    page: AnalysisDetail


class ExpertResult(Schema):
    type: Literal["expert"]
    page: ExpertDetail


class OtherPageResult(Schema):
    type: Literal["page"]
    page: PageDetail


PageResult = Annotated[AnalysisResult | ExpertResult | OtherPageResult, Field(discriminator="type")]


# --- Taxonomy ------------------------------------------------------------------------


class TermWithCounts(Term):
    count: int = Field(description="Live analysis in the requested locale.")
    counts: dict[str, int] = Field(description="Live analysis per locale code.")


class Taxonomy(Schema):
    locale: str
    types: list[TermWithCounts]
    regions: list[TermWithCounts]
    issues: list[TermWithCounts]
