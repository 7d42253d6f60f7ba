"""The interchange format: reading JSON Lines files and validating records.

A file is read as bytes, one line at a time (never whole), so a 10,000-record archive
costs the memory of its longest line. Problems that make the whole file untrustworthy
(not UTF-8, not JSON, truncated mid-line, missing) raise :class:`UnreadableFile`; a line
that is JSON but not a valid record becomes a :class:`RecordError` with its line number.
"""

import datetime
import hashlib
import re
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

import orjson
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from policyanalysis.models import DOI_PATTERN

DEFAULT_LOCALE = "en"
KINDS = (
    "term", "expert", "media", "podcast_show", "analysis", "episode", "video", "event", "chapter",
    "topic", "program",
)  # fmt: skip
#: Kinds whose records are briefs (episodes and videos are briefs with media).
BRIEF_KINDS = ("analysis", "episode", "video")
VOCABULARIES = ("type", "region", "issue", "event_type", "series")

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SourceId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=255)]


class UnreadableFile(Exception):
    """The file cannot be trusted as a whole: nothing is imported (exit status 2)."""


class RecordError(Exception):
    """One line is not a valid record (or cannot be imported); other lines may still be."""

    def __init__(self, reason, line_no=None, record_id=""):
        super().__init__(reason)
        self.reason = reason
        self.line_no = line_no
        self.record_id = record_id


class Link(BaseModel):
    """A labelled link on an expert's profile."""

    model_config = ConfigDict(extra="forbid")
    label: str = ""
    url: NonEmpty


class AuthorName(BaseModel):
    """An author given by name: matched to an expert with exactly this name, else created."""

    model_config = ConfigDict(extra="forbid")
    name: NonEmpty


class OutletRef(BaseModel):
    """The outlet that published an item's full text: matched by name, else created."""

    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    homepage: Annotated[str, StringConstraints(max_length=200)] = ""


class BaseRecord(BaseModel):
    """Fields every record has. Unknown fields are kept (and reported) but not imported."""

    model_config = ConfigDict(extra="allow")

    id: SourceId = Field(description="The source system's stable identifier, unique per kind.")
    locale: str = Field(DEFAULT_LOCALE, description="Language code of the record's content.")
    translation_of: SourceId | None = Field(
        None, description="Id of the default-locale record this record translates."
    )

    @model_validator(mode="after")
    def _check_locale(self):
        codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        if self.locale not in codes:
            raise ValueError(f"locale {self.locale!r} is not one of {', '.join(codes)}")
        if self.translation_of and self.locale == DEFAULT_LOCALE:
            raise ValueError(
                f"a translation needs a locale other than the default ({DEFAULT_LOCALE!r})"
            )
        if not self.translation_of and self.locale != DEFAULT_LOCALE:
            raise ValueError(
                f"a record in locale {self.locale!r} must say which {DEFAULT_LOCALE!r} "
                "record it translates (translation_of)"
            )
        return self

    @property
    def is_translation(self):
        return bool(self.translation_of)

    @property
    def key(self):
        """The record's identity for idempotent re-imports."""
        return (self.kind, self.id, self.locale)

    def unknown_fields(self):
        return sorted((self.model_extra or {}).keys())


class TermRecord(BaseRecord):
    """A publication type, region, issue, event type or series (a vocabulary snippet)."""

    kind: Literal["term"]
    vocabulary: Literal["type", "region", "issue", "event_type", "series"]
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    slug: Slug | None = None
    description: str = ""


class _HasRichText:
    """Either HTML or Markdown for one rich-text field, not both."""

    @staticmethod
    def _one_of(record, html_field, markdown_field):
        if getattr(record, html_field) is not None and getattr(record, markdown_field) is not None:
            raise ValueError(f"give {html_field} or {markdown_field}, not both")


class ExpertRecord(BaseRecord, _HasRichText):
    """An expert's profile page."""

    kind: Literal["expert"]
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    slug: Slug | None = None
    position: Annotated[str, StringConstraints(max_length=255)] = ""
    short_bio: Annotated[str, StringConstraints(max_length=600)] = ""
    bio_html: str | None = None
    bio_markdown: str | None = None
    photo: str | None = Field(None, description="Image file path, relative to the JSONL file.")
    expertise: list[NonEmpty] = Field(default_factory=list, description="Region or issue names.")
    languages: list[NonEmpty] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self):
        self._one_of(self, "bio_html", "bio_markdown")
        return self


class AnalysisRecord(BaseRecord, _HasRichText):
    """A brief (any publication type) with its authors, taxonomy, body and recommendations."""

    kind: Literal["analysis"]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    slug: Slug | None = None
    type: NonEmpty | None = Field(None, description="Publication type name.")
    subtitle: Annotated[str, StringConstraints(max_length=255)] = ""
    date: datetime.date | None = None
    doi: Annotated[str, StringConstraints(strip_whitespace=True, max_length=255)] = Field(
        "", description="DOI such as 10.1234/abcd.5678 (no resolver prefix), or empty."
    )
    summary: Annotated[str, StringConstraints(max_length=600)] = ""
    authors: list[SourceId | AuthorName] = Field(
        default_factory=list, description="Expert record ids, or {name} objects."
    )
    byline: Annotated[str, StringConstraints(max_length=255)] = ""
    regions: list[NonEmpty] = Field(default_factory=list)
    issues: list[NonEmpty] = Field(default_factory=list)
    tags: list[NonEmpty] = Field(default_factory=list)
    body_html: str | None = None
    body_markdown: str | None = None
    recommended: list[SourceId] = Field(default_factory=list, max_length=6)
    image: str | None = Field(None, description="Hero image path, relative to the JSONL file.")
    image_alt: Annotated[str, StringConstraints(max_length=255)] = ""
    image_caption: Annotated[str, StringConstraints(max_length=500)] = ""
    image_credit: Annotated[str, StringConstraints(max_length=255)] = ""
    series: list[NonEmpty] = Field(
        default_factory=list, description="Series names or slugs (created when unknown)."
    )
    series_number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] = ""
    page_count: int | None = Field(None, ge=1, le=100000, description="Pages of a report.")
    pdf: str | None = Field(None, description="The report's PDF path, relative to the JSONL file.")
    outlet: OutletRef | None = Field(None, description="Where the full text was published.")
    external_url: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = ""
    committee: Annotated[str, StringConstraints(max_length=255)] = ""
    chamber: Annotated[str, StringConstraints(max_length=100)] = ""
    hearing_title: Annotated[str, StringConstraints(max_length=255)] = ""
    hearing_date: datetime.date | None = None
    hearing_video_url: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = ""

    @model_validator(mode="after")
    def _check(self):
        self._one_of(self, "body_html", "body_markdown")
        if self.doi and not re.fullmatch(DOI_PATTERN, self.doi):
            raise ValueError("doi must look like 10.1234/abcd.5678 (without https://doi.org/)")
        for name in ("external_url", "hearing_video_url"):
            value = getattr(self, name)
            if value and not value.startswith(("https://", "http://")):
                raise ValueError(f"{name} must be an http(s) address")
        if self.external_url and self.outlet is None:
            raise ValueError("external_url needs the outlet that published it")
        if not self.translation_of:
            missing = [name for name in ("type", "date") if getattr(self, name) is None]
            if missing:
                raise ValueError(
                    f"{' and '.join(missing)} required (a brief is published with both)"
                )
        return self

    def author_ids(self):
        return [author for author in self.authors if isinstance(author, str)]

    def author_names(self):
        return [author.name for author in self.authors if isinstance(author, AuthorName)]


class MediaRecord(BaseRecord):
    """An audio or video item of the media library: a file next to the JSONL file, or an
    external URL (a podcast host's MP3, a YouTube or Vimeo page). Not translated: an Arabic
    edition points at other media."""

    kind: Literal["media"]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    media_type: Literal["audio", "video"]
    file: str | None = Field(None, description="Audio or video path, relative to the JSONL file.")
    url: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] = Field(
        "", description="Instead of a file: the external address of one."
    )
    mime_type: Annotated[str, StringConstraints(max_length=100)] = Field(
        "", description="For a URL (read from the file otherwise)."
    )
    file_size: int | None = Field(
        None, ge=0, description="Bytes; for a URL (podcast apps need it)."
    )
    duration: float | None = Field(None, ge=0, description="Seconds; for a URL.")
    width: int | None = Field(None, ge=0)
    height: int | None = Field(None, ge=0)
    poster: str | None = Field(None, description="Poster or artwork image path.")
    captions: str | None = Field(None, description="WebVTT captions path.")
    captions_language: str = DEFAULT_LOCALE

    @model_validator(mode="after")
    def _check(self):
        if self.translation_of:
            raise ValueError("media records are not translated (give the edition its own media)")
        if bool(self.file) == bool(self.url):
            raise ValueError("give file (a path) or url, not both or neither")
        if self.url:
            try:
                URLValidator(schemes=["http", "https"])(self.url)
            except DjangoValidationError:
                raise ValueError("url is not an http(s) URL") from None
        codes = [code for code, _name in settings.LANGUAGES]
        if self.captions_language not in codes:
            raise ValueError(f"captions_language must be one of {', '.join(codes)}")
        return self


class PodcastShowRecord(BaseRecord):
    """A podcast show (series) with what podcast directories need."""

    kind: Literal["podcast_show"]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    slug: Slug | None = None
    description: Annotated[str, StringConstraints(max_length=4000)] = ""
    artwork: str | None = Field(None, description="Square artwork image path.")
    author: Annotated[str, StringConstraints(max_length=255)] = ""
    owner_name: Annotated[str, StringConstraints(max_length=255)] = ""
    owner_email: Annotated[str, StringConstraints(max_length=254)] = ""
    category: Literal[
        "Government",
        "News/Politics",
        "News/News Commentary",
        "Society & Culture",
        "History",
        "Education",
    ] = "Government"
    explicit: bool = False
    show_type: Literal["episodic", "serial"] = "episodic"
    feed_locked: bool = True
    copyright: Annotated[str, StringConstraints(max_length=255)] = ""

    @model_validator(mode="after")
    def _check(self):
        if not self.translation_of:
            missing = [
                name
                for name in ("description", "author", "owner_name", "owner_email")
                if not getattr(self, name).strip()
            ]
            if missing:
                raise ValueError(f"{', '.join(missing)} required (podcast directories need them)")
            try:
                EmailValidator()(self.owner_email)
            except DjangoValidationError:
                raise ValueError("owner_email is not an email address") from None
        return self


class Person(BaseModel):
    """A guest, host or speaker of an episode or video: an expert record's id, or a name."""

    model_config = ConfigDict(extra="forbid")
    expert: SourceId | None = Field(None, description="Expert record id.")
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=255)] = ""
    affiliation: Annotated[str, StringConstraints(max_length=255)] = ""
    role: Literal["guest", "host", "speaker", "moderator"] | None = Field(
        None, description="Default: guest on an episode, speaker on a video."
    )

    @model_validator(mode="after")
    def _check(self):
        if bool(self.expert) == bool(self.name):
            raise ValueError("give expert (a record id) or name (a guest), not both or neither")
        return self


class _MediaBriefRecord(AnalysisRecord):
    """What episodes and videos add to an analysis record."""

    transcript_html: str | None = None
    transcript_markdown: str | None = None

    @model_validator(mode="after")
    def _check_transcript(self):
        self._one_of(self, "transcript_html", "transcript_markdown")
        return self

    def people(self):
        raise NotImplementedError

    def author_ids(self):
        """Expert record ids of the authors and of the people heard."""
        ids = [author for author in self.authors if isinstance(author, str)]
        return ids + [person.expert for person in self.people() if person.expert]


class EpisodeRecord(_MediaBriefRecord):
    """A podcast episode: an analysis item with its show, audio, guests and transcript."""

    kind: Literal["episode"]
    show: SourceId | None = Field(None, description="The podcast_show record's id.")
    audio: SourceId | None = Field(None, description="The media record's id.")
    season: int | None = Field(None, ge=1, le=32767)
    episode_number: int | None = Field(None, ge=0)
    episode_type: Literal["full", "trailer", "bonus"] = "full"
    explicit: bool = False
    guests: list[Person] = Field(default_factory=list, description="In order.")

    @model_validator(mode="after")
    def _check_show(self):
        if not self.translation_of and not self.show:
            raise ValueError("show required (the podcast_show record the episode belongs to)")
        return self

    def people(self):
        return self.guests


class VideoRecord(_MediaBriefRecord):
    """A video item: an analysis item with its video, speakers and transcript or summary."""

    kind: Literal["video"]
    video: SourceId | None = Field(None, description="The media record's id.")
    speakers: list[Person] = Field(default_factory=list, description="In order.")

    def people(self):
        return self.speakers


class Speaker(BaseModel):
    """A speaker or moderator: an expert record's id, or a guest by name."""

    model_config = ConfigDict(extra="forbid")
    expert: SourceId | None = Field(None, description="Expert record id.")
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=255)] = Field(
        "", description="A guest's name (when not an expert)."
    )
    affiliation: Annotated[str, StringConstraints(max_length=255)] = ""
    role: Literal["speaker", "moderator"] = "speaker"

    @model_validator(mode="after")
    def _check(self):
        if bool(self.expert) == bool(self.name):
            raise ValueError("give expert (a record id) or name (a guest), not both or neither")
        return self


class EventRecord(BaseRecord, _HasRichText):
    """An event (policy forum, webinar, book launch…) with its speakers and time zone."""

    kind: Literal["event"]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    slug: Slug | None = None
    type: NonEmpty | None = Field(None, description="Event type name.")
    start: datetime.datetime | None = Field(
        None, description="ISO 8601 with a UTC offset, e.g. 2026-05-14T12:00:00-04:00."
    )
    end: datetime.datetime | None = None
    time_zone: NonEmpty = Field("America/New_York", description="IANA time zone of the event.")
    summary: Annotated[str, StringConstraints(max_length=600)] = ""
    venue: Annotated[str, StringConstraints(max_length=255)] = ""
    address: str = ""
    online_url: Annotated[str, StringConstraints(max_length=200)] = ""
    join_link_lead_minutes: Annotated[int, Field(ge=0, le=100_000)] | None = None
    registration_url: Annotated[str, StringConstraints(max_length=200)] = ""
    registration_closed: bool = False
    cancelled: bool = False
    speakers: list[Speaker] = Field(default_factory=list, description="In programme order.")
    regions: list[NonEmpty] = Field(default_factory=list)
    issues: list[NonEmpty] = Field(default_factory=list)
    body_html: str | None = None
    body_markdown: str | None = None
    recording_url: Annotated[str, StringConstraints(max_length=200)] = ""
    recording: SourceId | None = Field(
        None, description="After the event: a media record's id (its video or audio)."
    )
    report_html: str | None = Field(None, description="After the event: summary or transcript.")
    report_markdown: str | None = None
    related: list[SourceId] = Field(default_factory=list, max_length=6)

    @model_validator(mode="after")
    def _check(self):
        self._one_of(self, "body_html", "body_markdown")
        self._one_of(self, "report_html", "report_markdown")
        for name in ("start", "end"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"{name} needs a UTC offset (e.g. +03:00 or Z)")
        if not self.translation_of:
            missing = [name for name in ("type", "start") if getattr(self, name) is None]
            if missing:
                raise ValueError(
                    f"{' and '.join(missing)} required (an event is published with both)"
                )
        if self.start and self.end and self.end < self.start:
            raise ValueError("end is before start")
        for name in ("online_url", "registration_url", "recording_url"):
            value = getattr(self, name)
            if value:
                try:
                    URLValidator(schemes=["http", "https"])(value)
                except DjangoValidationError:
                    raise ValueError(f"{name} is not an http(s) URL") from None
        try:
            zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"time_zone {self.time_zone!r} is not an IANA time zone") from None
        return self

    def author_ids(self):
        """Expert record ids of the speakers (checked like analysis authors)."""
        return [speaker.expert for speaker in self.speakers if speaker.expert]


class ChapterRecord(BaseRecord, _HasRichText):
    """A chapter of a report: a child page of the analysis record ``report``."""

    kind: Literal["chapter"]
    report: SourceId | None = Field(
        None, description="The id of the analysis record (the report) the chapter belongs to."
    )
    order: int | None = Field(
        None,
        ge=1,
        le=1000,
        description="Place among the report's chapters, from 1 (default: after the others).",
    )
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    slug: Slug | None = None
    body_html: str | None = Field(None, description="Body and notes list, as for analysis records.")
    body_markdown: str | None = None

    @model_validator(mode="after")
    def _check(self):
        self._one_of(self, "body_html", "body_markdown")
        if not self.translation_of and not self.report:
            raise ValueError("report required (the analysis record the chapter belongs to)")
        return self


class TopicRecord(BaseRecord, _HasRichText):
    """The hub of one region or issue (served at the term's landing address)."""

    kind: Literal["topic"]
    region: NonEmpty | None = Field(None, description="Region name or slug (or give issue).")
    issue: NonEmpty | None = Field(None, description="Issue name or slug (or give region).")
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    intro_html: str | None = Field(None, description="Introduction (rich text).")
    intro_markdown: str | None = None
    featured: list[SourceId] = Field(
        default_factory=list, max_length=6, description="Analysis, episode or video ids, in order."
    )

    @model_validator(mode="after")
    def _check(self):
        self._one_of(self, "intro_html", "intro_markdown")
        if not self.translation_of and bool(self.region) == bool(self.issue):
            raise ValueError("give region or issue (the hub's topic), not both or neither")
        return self


class ProgramRecord(BaseRecord, _HasRichText):
    """A named program under /programs/: director, fellows, featured work, series, keywords."""

    kind: Literal["program"]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    slug: Slug | None = None
    description_html: str | None = Field(None, description="What the program studies.")
    description_markdown: str | None = None
    director: SourceId | None = Field(None, description="Expert record id.")
    fellows: list[SourceId] = Field(
        default_factory=list, description="Expert record ids, in order."
    )
    featured: list[SourceId] = Field(
        default_factory=list, max_length=6, description="Analysis, episode or video ids, in order."
    )
    series: list[NonEmpty] = Field(
        default_factory=list, description="Series names or slugs whose items the program lists."
    )
    keywords: list[NonEmpty] = Field(
        default_factory=list, description="Tags whose items the program lists."
    )

    @model_validator(mode="after")
    def _check(self):
        self._one_of(self, "description_html", "description_markdown")
        return self

    def author_ids(self):
        """Expert record ids of the director and fellows (checked like analysis authors)."""
        return ([self.director] if self.director else []) + list(self.fellows)


Record = Annotated[
    TermRecord
    | ExpertRecord
    | MediaRecord
    | PodcastShowRecord
    | AnalysisRecord
    | EpisodeRecord
    | VideoRecord
    | EventRecord
    | ChapterRecord
    | TopicRecord
    | ProgramRecord,
    Field(discriminator="kind"),
]
_record_adapter = TypeAdapter(Record)


def record_json_schema():
    """The JSON Schema of one line (docs/import-format.schema.json is generated from it)."""
    schema = _record_adapter.json_schema()
    for definition in schema.get("$defs", {}).values():
        _accept_null_for_optional_fields(definition)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Interchange record (one line of a JSON Lines file)"
    return schema


def _accept_null_for_optional_fields(definition):
    """Let every optional property of an object schema be ``null`` too (read as absent)."""
    required = set(definition.get("required", ()))
    for name, prop in definition.get("properties", {}).items():
        if name in required or name == "kind":
            continue
        alternatives = prop.get("anyOf", [prop])
        if any(alt.get("type") == "null" for alt in alternatives):
            continue
        annotations = {
            key: prop.pop(key) for key in ("default", "description", "title") if key in prop
        }
        definition["properties"][name] = {
            "anyOf": [*alternatives, {"type": "null"}],
            **annotations,
        }


def _format_error(error: ValidationError):
    parts = []
    for item in error.errors():
        loc = [str(p) for p in item["loc"]]
        if loc and loc[0] in KINDS:
            loc = loc[1:]  # the discriminator tag, not a field
        message = item["msg"].removeprefix("Value error, ")
        parts.append(f"{'.'.join(loc)}: {message}" if loc else message)
    return "; ".join(parts)


def without_nulls(data):
    """The record with every JSON ``null`` read as "field absent", in nested objects too.

    Archives exported from Drupal or WordPress write ``null`` for every empty optional
    field; the format treats it exactly like leaving the field out, so such a record
    validates, imports and checksums the same as one without the nulls. A required field
    given as null is reported as missing.
    """
    if isinstance(data, dict):
        return {key: without_nulls(value) for key, value in data.items() if value is not None}
    if isinstance(data, list):
        return [without_nulls(value) for value in data if value is not None]
    return data


def parse_record(data, line_no=None):
    """Validate one decoded JSON value as a record, or raise RecordError."""
    data = without_nulls(data)
    record_id = str(data.get("id", "")) if isinstance(data, dict) else ""
    if not isinstance(data, dict):
        raise RecordError("a record must be a JSON object", line_no, record_id)
    try:
        return _record_adapter.validate_python(data)
    except ValidationError as error:
        raise RecordError(_format_error(error), line_no, record_id) from None


def checksum(data, base_dir=None, files=(), state=""):
    """A digest of the record as given (key order ignored), of the files it names and of
    the state it is imported in (published or draft)."""
    digest = hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS))
    digest.update(state.encode())
    for name in files:
        if name and base_dir is not None:
            path = Path(base_dir) / name
            if path.is_file():
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def iter_lines(path) -> Iterator[tuple[int, int, dict]]:
    """Yield (line number, byte offset, decoded JSON value) for every non-blank line.

    Raises UnreadableFile for a missing file, a line that is not UTF-8 or not JSON, and a
    last line cut off mid-record.
    """
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as error:
        raise UnreadableFile(
            f"cannot open {path}: {error.strerror or error}. Check the path and permissions."
        ) from None
    with handle:
        offset = 0
        for line_no, raw in enumerate(handle, start=1):
            start, offset = offset, offset + len(raw)
            if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise UnreadableFile(
                    f"line {line_no} is not UTF-8 (byte {error.start + 1}). "
                    "Save the file as UTF-8 and run the import again; nothing was imported."
                ) from None
            if not text.strip():
                continue
            try:
                yield line_no, start, orjson.loads(text)
            except orjson.JSONDecodeError as error:
                if not raw.endswith(b"\n"):
                    raise UnreadableFile(
                        f"line {line_no} is truncated: the file ends in the middle of a record. "
                        "Export it again (or remove the incomplete last line); "
                        "nothing was imported."
                    ) from None
                raise UnreadableFile(
                    f"line {line_no} is not JSON ({error}). The file must be JSON Lines: "
                    "one JSON object per line. Nothing was imported."
                ) from None


class LineReader:
    """Reads lines at known offsets from one open handle (cheaper than reopening per line)."""

    def __init__(self, path):
        self.handle = Path(path).open("rb")  # noqa: SIM115 (closed by close())

    def read(self, offset):
        self.handle.seek(offset)
        raw = self.handle.readline()
        if offset == 0 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        return orjson.loads(raw)

    def close(self):
        self.handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
