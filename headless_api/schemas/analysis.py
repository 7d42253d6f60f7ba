"""Analysis cards (listings) and the analysis detail."""

import datetime

from ninja import Schema
from pydantic import Field

from .blocks import BodyBlock
from .common import AuthorRef, ImagePayload, Seo, Tag, Term, Translation


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
    locale: str = Field(
        description="Language of the profile (name, position, bio): the brief's, or another "
        "when the expert has no profile in it (mark it with this lang and its direction)."
    )
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
