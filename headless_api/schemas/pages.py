"""Other pages, by-path results and the taxonomy endpoint."""

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from .analysis import AnalysisCard, AnalysisDetail, ChapterDetail, Recommended
from .common import AuthorRef, ImagePayload, Seo, Term, Translation
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


class LatestOfType(Schema):
    """The newest items of one publication type on a topic hub."""

    type: Term
    count: int = Field(description="How many live items of this type the topic has.")
    items: list[AnalysisCard]


class TopicDetail(PageDetail):
    """A topic hub (the editable landing page of a region or issue)."""

    term: Term
    term_kind: Literal["region", "issue"]
    experts: list[AuthorRef] = Field(description="Visible experts whose expertise names it.")
    latest: list[LatestOfType] = Field(description="Types in the editors' order.")


class ProgramDetail(PageDetail):
    """A program page: director, fellows, featured work and its items."""

    description: str = Field(description="Rich text HTML.")
    director: AuthorRef | None
    fellows: list[AuthorRef]
    items: list[AnalysisCard] = Field(description="The newest 20 items of its series and keywords.")
    items_total: int


class AnalysisResult(Schema):
    type: Literal["analysis"]
    page: AnalysisDetail


class ExpertResult(Schema):
    type: Literal["expert"]
    page: ExpertDetail


class EventResult(Schema):
    type: Literal["event"]
    page: EventDetail


class TopicResult(Schema):
    type: Literal["topic"]
    page: TopicDetail


class ProgramResult(Schema):
    type: Literal["program"]
    page: ProgramDetail


class ChapterResult(Schema):
    type: Literal["chapter"]
    page: ChapterDetail


class OtherPageResult(Schema):
    type: Literal["page"]
    page: PageDetail


PageResult = Annotated[
    AnalysisResult
    | ExpertResult
    | EventResult
    | TopicResult
    | ProgramResult
    | ChapterResult
    | OtherPageResult,
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
