"""Expert cards and the expert detail."""

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from .analysis import AnalysisList
from .common import ImagePayload, Seo, Term, Translation


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
    label: str = Field(
        description="The link's own label, else the name of its kind in the requested language."
    )
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
