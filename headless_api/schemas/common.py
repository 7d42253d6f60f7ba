"""Shared parts of every payload: images and renditions, terms, authors, translations, SEO."""

from typing import Literal

from ninja import Schema
from pydantic import Field


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
    locale: str = Field(
        description="Language of the profile: the card's, or another when the expert has no "
        "profile in the card's language (show the name with this lang and its direction)."
    )


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
