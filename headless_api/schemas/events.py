"""Event cards (listings) and the event detail."""

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from .analysis import MediaFile, Recommended
from .blocks import BodyBlock
from .common import AuthorRef, Seo, Term, Translation


class EventCard(Schema):
    """A live event as listed. ``status`` is computed when the response is made (cached
    responses end when an event starts or ends)."""

    id: int
    locale: str
    url: str = Field(description="Absolute public URL (FRONTEND_BASE_URL + path).")
    path: str = Field(description="Public path, e.g. /ar/events/…/.")
    title: str
    type: Term | None
    start: datetime.datetime = Field(description="ISO 8601 in the event's time zone.")
    end: datetime.datetime | None = Field(description="ISO 8601; null for an open end.")
    time_zone: str = Field(description="IANA zone the event happens in, e.g. Asia/Baghdad.")
    status: Literal["upcoming", "happening", "past"]
    cancelled: bool
    in_person: bool
    online: bool
    venue: str
    summary: str
    regions: list[Term]
    issues: list[Term]


class EventList(Schema):
    """A page of event cards."""

    count: int
    next: str | None = Field(description="Absolute URL of the next page, or null.")
    previous: str | None
    items: list[EventCard]


class EventSpeaker(Schema):
    """A speaker or moderator: an expert (``expert`` set; the profile in the event's language
    where it exists) or a guest (``expert`` null)."""

    role: Literal["speaker", "moderator"]
    name: str
    affiliation: str = Field(description="A guest's affiliation, or the expert's position.")
    expert: AuthorRef | None


class Registration(Schema):
    """``url`` is given only while registration is open."""

    open: bool
    closed: bool = Field(description="The editors closed registration.")
    url: str | None


class OnlineAccess(Schema):
    """The join or livestream link: ``url`` is null until ``opens_at``, after the end and
    for a cancelled event."""

    opens_at: datetime.datetime
    url: str | None


class AfterEvent(Schema):
    recording_url: str = Field(description="Video or audio of the event ('' when none).")
    recording: MediaFile | None = Field(
        description="The recording from the site's media library (null when none)."
    )
    report: str = Field(description="Summary or transcript, rich text HTML ('' when none).")


class EventDetail(EventCard):
    """A live event with everything its HTML page shows."""

    address: str
    online_access: OnlineAccess | None
    registration: Registration
    speakers: list[EventSpeaker]
    body: list[BodyBlock]
    after: AfterEvent | None = Field(description="Shown once the event is over.")
    related: Recommended | None
    ics_url: str = Field(description="The event's iCalendar file.")
    translations: list[Translation]
    seo: Seo
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None
