"""Other pages, by-path results and the taxonomy endpoint."""

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from .analysis import AnalysisDetail, Recommended
from .common import Seo, Term, Translation
from .events import EventDetail
from .experts import ExpertDetail


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


class OtherPageResult(Schema):
    type: Literal["page"]
    page: PageDetail


PageResult = Annotated[
    AnalysisResult | ExpertResult | EventResult | OtherPageResult, Field(discriminator="type")
]


# --- Taxonomy ------------------------------------------------------------------------


class TermWithCounts(Term):
    count: int = Field(
        description="Live analysis (events, for event types) in the requested locale."
    )
    counts: dict[str, int] = Field(
        description="Live analysis (events, for event types) per locale code."
    )


class Taxonomy(Schema):
    locale: str
    types: list[TermWithCounts]
    regions: list[TermWithCounts]
    issues: list[TermWithCounts]
    event_types: list[TermWithCounts] = Field(
        description="Event types (Policy Forum, Webinar…), counted over upcoming and past events."
    )
