"""Analysis cards (listings) and the analysis detail."""

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from .blocks import BodyBlock
from .common import AuthorRef, ImagePayload, Seo, Tag, Term, Translation


class Outlet(Schema):
    """Where an item published elsewhere appeared."""

    name: str
    homepage: str = Field(description="The outlet's own site, or an empty string.")


class Pdf(Schema):
    """A report's PDF download."""

    url: str = Field(description="Absolute download URL.")
    file_size: int | None = Field(description="Bytes, when known.")
    page_count: int | None


class Hearing(Schema):
    """The hearing a testimony was given at."""

    title: str
    committee: str
    chamber: str
    date: datetime.date | None
    video_url: str = Field(description="The hearing video, or an empty string.")


class ContentsEntry(Schema):
    """One heading of the table of contents (links to ``#anchor`` of a heading block)."""

    text: str
    anchor: str
    level: int


class Endnote(Schema):
    """A numbered note; the body's ``<sup>number</sup>`` refers to it (link it to
    ``#note-number`` and back to ``#noteref-number``, as the HTML site does)."""

    number: int
    html: str


class ChapterRef(Schema):
    """A link to one chapter of a report."""

    id: int
    title: str
    url: str = Field(description="Absolute public URL.")
    path: str


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
    series: list[Term] = Field(description="Series, platforms and formats the item belongs to.")
    series_number: str = Field(description="Number in its (first) series, e.g. 31, or empty.")
    page_count: int | None = Field(description="Pages of a report, when given.")
    outlet: Outlet | None = Field(description="The outlet that published the full text.")
    external_url: str = Field(
        description="The full text on the outlet's site (link as “Read on <outlet>”), or empty."
    )


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


class Enclosure(Schema):
    """A media file the site or a host serves, as a podcast feed's <enclosure>."""

    url: str = Field(description="Absolute URL; the site's own files answer HEAD and Range.")
    length: int = Field(description="Size in bytes (0 when an external host did not say).")
    type: str = Field(description="MIME type, e.g. audio/mpeg.")


class Captions(Schema):
    url: str = Field(description="Absolute URL of a WebVTT file.")
    language: str


class Speaker(Schema):
    """A guest, host, speaker or moderator: an expert (with id and url) or a named guest."""

    name: str
    role: Literal["guest", "host", "speaker", "moderator"]
    affiliation: str
    expert_id: int | None
    url: str | None = Field(description="The expert's profile in this language, or null.")


class PodcastShowRef(Schema):
    id: int
    title: str
    url: str
    feed_url: str = Field(description="The show's RSS feed in this language.")


class MediaFile(Schema):
    """One audio or video item of the media library, as a player or podcast app needs it."""

    media_type: Literal["audio", "video"] | None = Field(
        description="null when the item has no media yet."
    )
    enclosure: Enclosure | None = Field(description="The file; null for a YouTube/Vimeo page.")
    embed_url: str | None = Field(description="A YouTube or Vimeo page played by its embed.")
    duration: float = Field(description="Seconds (0 when unknown).")
    poster: ImagePayload | None
    captions: Captions | None


class MediaDetail(MediaFile):
    """The audio of a podcast episode or the video of a video item."""

    kind: Literal["episode", "video"]
    transcript: str = Field(description="Transcript (or a video's summary) as HTML.")
    speakers: list[Speaker]
    show: PodcastShowRef | None = Field(description="Episodes: the podcast they belong to.")
    season: int | None
    episode_number: int | None
    episode_type: Literal["full", "trailer", "bonus"] | None


class AnalysisDetail(AnalysisCard):
    """A live brief with everything its HTML page shows."""

    hero: HeroImage | None
    pdf: Pdf | None
    pdf_edition_url: str | None = Field(
        description="Absolute URL of the site's PDF edition of the item (generated from the "
        "page, in its language), or null when the site makes none."
    )
    doi: str = Field(description="The item's DOI (e.g. 10.1234/abcd.5678), or empty.")
    hearing: Hearing | None
    table_of_contents: list[ContentsEntry] = Field(
        description="The body's headings, for long items (empty for short ones)."
    )
    chapters: list[ChapterRef] = Field(
        description="A report's chapters readers may see, in order (empty when it has none)."
    )
    body: list[BodyBlock]
    endnotes: list[Endnote]
    about_authors: list[AboutAuthor]
    recommended: Recommended
    tags: list[Tag]
    translations: list[Translation]
    seo: Seo
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None
    media: MediaDetail | None = Field(
        description="Podcast episodes and videos: their media, speakers and transcript."
    )


class ChapterReport(Schema):
    """The report a chapter belongs to."""

    id: int
    title: str
    url: str
    path: str
    date: datetime.date | None
    byline: str = Field(description="Free-text byline, used when the report has no authors.")
    authors: list[AuthorRef]


class ChapterDetail(Schema):
    """One chapter of a report: its own body and endnotes (numbered from 1 in each chapter),
    its report, the report's chapters and the previous and next ones."""

    id: int
    locale: str
    url: str
    path: str
    title: str
    report: ChapterReport
    chapters: list[ChapterRef]
    previous: ChapterRef | None
    next: ChapterRef | None
    body: list[BodyBlock]
    endnotes: list[Endnote]
    translations: list[Translation]
    seo: Seo
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None
