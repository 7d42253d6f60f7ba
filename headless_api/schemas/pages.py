"""Other pages, by-path results and the taxonomy endpoint."""

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from .analysis import AnalysisDetail, ChapterDetail, Recommended
from .common import ImagePayload, Seo, Term, Translation
from .events import EventDetail
from .experts import ExpertCard, ExpertDetail


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


class EventResult(Schema):
    type: Literal["event"]
    page: EventDetail


class ChapterResult(Schema):
    type: Literal["chapter"]
    page: ChapterDetail


class OtherPageResult(Schema):
    type: Literal["page"]
    page: PageDetail


PageResult = Annotated[
    AnalysisResult | ExpertResult | EventResult | ChapterResult | OtherPageResult,
    Field(discriminator="type"),
]


class SeriesDetail(Schema):
    """A series or platform, in the requested language, with its contributors."""

    slug: str
    label: str
    description: str
    image: ImagePayload | None
    contributors: list[ExpertCard] = Field(
        description="Experts who write for it, in order (profiles readers may see)."
    )


# --- Taxonomy ------------------------------------------------------------------------


class TermWithCounts(Term):
    count: int = Field(description="Live analysis in the requested locale.")
    counts: dict[str, int] = Field(description="Live analysis per locale code.")


class Taxonomy(Schema):
    locale: str
    types: list[TermWithCounts]
    regions: list[TermWithCounts]
    issues: list[TermWithCounts]
