"""First pass over an interchange file: validate every line before anything is written.

The file is streamed; per valid line only what later checks need is kept (ids,
references, a checksum, the body's structure), never the bodies themselves. References
that point outside the file (authors, recommendations, translation sources) are checked
against earlier imports in batches, so the number of queries grows with the file, not
with the database.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

from core.models import Issue, PublicationType, Region
from core.uploads import ImageRefused, check_image_path
from events.models import EventType
from policyanalysis.models import Series

from .html.footnotes import split_endnotes
from .html.shapes import blocks_shape, describe_shape_difference, rich_text_shape
from .html.to_blocks import html_to_blocks, html_to_rich_text, markdown_to_html
from .models import ImportedRecord
from .records import (
    BRIEF_KINDS,
    DEFAULT_LOCALE,
    LineReader,
    RecordError,
    checksum,
    iter_lines,
    parse_record,
    without_nulls,
)
from .translation import source_instance

VOCABULARY_MODELS = {
    "type": PublicationType,
    "region": Region,
    "issue": Issue,
    "event_type": EventType,
    "series": Series,
}
BATCH = 500
#: How a rejection names a kind's expert references and picked briefs.
REFERENCE_LABELS = {
    "event": ("speaker", "related"),
    "topic": ("expert", "featured"),
    "program": ("director or fellow", "featured"),
}
#: Kinds whose body_html becomes body blocks (a translation must keep the structure).
BODY_KINDS = (*BRIEF_KINDS, "event", "chapter")


@dataclass(slots=True)
class Entry:
    """What validation keeps of one valid line."""

    line_no: int
    offset: int
    kind: str
    id: str
    locale: str
    translation_of: str | None
    checksum: str
    authors: tuple = ()
    recommended: tuple = ()
    names: tuple = ()  # (vocabulary, name) pairs the record uses
    refs: tuple = ()  # (kind, id, field) of shows and media the record points at
    shape: tuple | None = None
    #: The shape is worked out when a translation is checked against it (``Validator``).
    shape_later: bool = False
    published_checksum: str = ""  # draft runs: the checksum of the same record published

    @property
    def key(self):
        return (self.kind, self.id, self.locale)

    def unchanged(self, stored):
        return stored in (self.checksum, self.published_checksum)

    @property
    def source_key(self):
        return (self.kind, self.translation_of, DEFAULT_LOCALE)


@dataclass
class Rejection:
    line_no: int | None
    record_id: str
    reason: str
    kind: str = ""
    locale: str = DEFAULT_LOCALE


@dataclass
class Plan:
    """The valid entries in file order, the rejected lines and warnings."""

    entries: list = field(default_factory=list)
    rejections: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    new_terms: set = field(default_factory=set)


def body_html(record, html_field, markdown_field):
    """A record's rich text as HTML, whichever form it was given in."""
    markdown = getattr(record, markdown_field)
    if markdown is not None:
        return markdown_to_html(markdown)
    return getattr(record, html_field) or ""


def file_path(base_dir, name):
    """The file ``name`` relative to the import file, refusing paths that leave its folder."""
    base = Path(base_dir).resolve()
    path = (base / name).resolve()
    if base != path and base not in path.parents:
        raise RecordError(f"file {name!r} is outside the import file's folder")
    if not path.is_file():
        raise RecordError(f"file {name!r} not found next to the import file")
    return path


def image_path(base_dir, name):
    """``file_path`` of an image, refusing a file the site does not accept as an image
    (SVG, HTML or anything else under an image name, damaged, too many pixels)."""
    path = file_path(base_dir, name)
    try:
        check_image_path(path)
    except ImageRefused as error:
        raise RecordError(f"image {name!r} refused: {error}") from None
    return path


def pdf_path(base_dir, name):
    """``file_path`` of a report's PDF, refusing a file that is not a PDF."""
    path = file_path(base_dir, name)
    with path.open("rb") as handle:
        if handle.read(5) != b"%PDF-":
            raise RecordError(f"pdf {name!r} is not a PDF file (it does not start with %PDF-)")
    return path


def normalise_name(name):
    return slugify(name) or name.strip().lower()


def _shape_needed_now(record):
    """Whether the validator works out ``record``'s shape as it reads the line: for a
    translation (checked against its source's), and for a body with images, whose files
    the shape's conversion checks (a file the site refuses rejects the line). Any other
    record's shape is worked out only if a translation of it is checked: converting every
    body of an archive of 10,000 briefs, most of them never translated, took a tenth of
    the import."""
    if record.is_translation:
        return True
    if record.kind in BODY_KINDS:
        return "<img" in body_html(record, "body_html", "body_markdown").lower()
    return False


def record_shape(record, base_dir):
    """The structure a translation must share with its source (body or bio); None when
    there is nothing to compare (a translation that leaves the body out keeps the
    source's)."""
    given = record.model_fields_set
    if record.is_translation and not given & {"body_html", "body_markdown", "bio_html",
                                              "bio_markdown"}:  # fmt: skip
        return None
    if record.kind in BODY_KINDS:

        def image_exists(src):
            try:
                file_path(base_dir, src)
            except RecordError:
                return None  # a missing file: the image is dropped with a warning
            image_path(base_dir, src)  # a file the site refuses rejects the line
            return 1

        # The notes list becomes endnotes, not body blocks (as the writers split it).
        html, _notes = split_endnotes(body_html(record, "body_html", "body_markdown"))
        return blocks_shape(html_to_blocks(html, resolve_image=image_exists))
    if record.kind == "expert":
        bio = html_to_rich_text(body_html(record, "bio_html", "bio_markdown"))
        return (("paragraph", rich_text_shape(bio)),)
    return None


class Validator:
    """Validates a file line by line, then checks references across lines and the database."""

    def __init__(self, path, strict=False, publish=True):
        self.path = Path(path)
        self.publish = publish
        self.base_dir = self.path.parent
        self.strict = strict
        self.plan = Plan()
        self.unknown_fields = Counter()

    def run(self, progress=None):
        seen = {}
        for line_no, offset, data in iter_lines(self.path):
            data = without_nulls(data)
            if progress:
                progress.advance()
            try:
                record = parse_record(data, line_no)
                if record.key in seen:
                    raise RecordError(
                        f"duplicate of line {seen[record.key]} (same kind, id and locale)"
                    )
                entry = self._entry(record, data, line_no, offset)
            except RecordError as error:
                self._reject(line_no, error.record_id or _id_of(data), error.reason, data)
                continue
            seen[record.key] = line_no
            self.plan.entries.append(entry)
        for name, count in sorted(self.unknown_fields.items()):
            self.plan.warnings.append(
                f"ignored unknown field {name!r} on {count} line(s) (not part of the format)"
            )
        self._check_references()
        return self.plan

    def _reject(self, line_no, record_id, reason, data=None):
        kind = data.get("kind", "") if isinstance(data, dict) else ""
        locale = data.get("locale", DEFAULT_LOCALE) if isinstance(data, dict) else ""
        self.plan.rejections.append(
            Rejection(line_no, str(record_id), reason, str(kind), str(locale))
        )

    def _entry(self, record, data, line_no, offset):
        files = []
        for attribute in ("photo", "image", "poster", "artwork"):
            name = getattr(record, attribute, None)
            if name:
                image_path(self.base_dir, name)
                files.append(name)
        if record.kind == "media":
            for name in (record.file, record.captions):
                if name:
                    file_path(self.base_dir, name)
                    files.append(name)
        if getattr(record, "pdf", None):
            pdf_path(self.base_dir, record.pdf)
            files.append(record.pdf)
        for name in record.unknown_fields():
            self.unknown_fields[name] += 1
        entry = Entry(
            line_no=line_no,
            offset=offset,
            kind=record.kind,
            id=record.id,
            locale=record.locale,
            translation_of=record.translation_of,
            # A page imported as a draft is not "unchanged" for a run that publishes; a
            # draft run leaves alone a page published with the same content.
            checksum=checksum(
                data, self.base_dir, files, "" if self.publish or record.kind == "term" else "draft"
            ),
        )
        if _shape_needed_now(record):
            entry.shape = record_shape(record, self.base_dir)
        else:
            entry.shape_later = True
        if not self.publish and record.kind != "term":
            entry.published_checksum = checksum(data, self.base_dir, files)
        if record.kind in BRIEF_KINDS and not record.is_translation:
            entry.authors = tuple(record.author_ids())
            entry.recommended = tuple(record.recommended)
            entry.names = (
                (("type", record.type),)
                + tuple(("region", name) for name in record.regions)
                + tuple(("issue", name) for name in record.issues)
                + tuple(("series", name) for name in record.series)
            )
            if record.kind == "episode":
                entry.refs = (("podcast_show", record.show, "show"),)
                if record.audio:
                    entry.refs += (("media", record.audio, "audio"),)
            elif record.kind == "video" and record.video:
                entry.refs = (("media", record.video, "video"),)
        elif record.kind == "event" and not record.is_translation:
            entry.authors = tuple(record.author_ids())
            entry.recommended = tuple(record.related)
            entry.names = (
                (("event_type", record.type),)
                + tuple(("region", name) for name in record.regions)
                + tuple(("issue", name) for name in record.issues)
            )
            if record.recording:
                entry.refs = (("media", record.recording, "recording"),)
        elif record.kind == "chapter" and not record.is_translation:
            entry.refs = (("analysis", record.report, "report"),)
        elif record.kind == "topic" and not record.is_translation:
            entry.recommended = tuple(record.featured)
            entry.names = (("region", record.region),) if record.region else ()
            entry.names += (("issue", record.issue),) if record.issue else ()
        elif record.kind == "program" and not record.is_translation:
            entry.authors = tuple(record.author_ids())
            entry.recommended = tuple(record.featured)
            entry.names = tuple(("series", name) for name in record.series)
        elif record.kind == "expert" and not record.is_translation:
            entry.names = tuple(("expertise", name) for name in record.expertise)
            if not (record.short_bio or record.bio_html or record.bio_markdown):
                raise RecordError("short_bio required (or a bio to take it from)")
        elif record.kind == "term" and not record.is_translation:
            entry.names = ((record.vocabulary, record.name), (record.vocabulary, record.slug or ""))
        return entry

    # --- references --------------------------------------------------------------------
    def _check_references(self):
        """Reject entries whose references are unknown, repeating until nothing changes
        (a rejected expert invalidates the analysis that names it as author)."""
        imported = self._imported_keys()
        known_terms = self._known_terms() if self.strict else None
        changed = True
        while changed:
            valid = {entry.key for entry in self.plan.entries}
            kept = []
            for entry in self.plan.entries:
                reason = self._reference_problem(entry, valid, imported, known_terms)
                if reason:
                    self.plan.rejections.append(
                        Rejection(entry.line_no, entry.id, reason, entry.kind, entry.locale)
                    )
                else:
                    kept.append(entry)
            changed = len(kept) != len(self.plan.entries)
            self.plan.entries = kept
        self.plan.rejections.sort(key=lambda r: r.line_no or 0)

    def _reference_problem(self, entry, valid, imported, known_terms):
        def known(kind, source_id):
            key = (kind, source_id, DEFAULT_LOCALE)
            return key in valid or key in imported

        person, picked = REFERENCE_LABELS.get(entry.kind, ("author", "recommended"))
        for author in entry.authors:
            if not known("expert", author):
                return (
                    f"{person} {author!r} is not an expert record in this file or an earlier import"
                )
        for target in entry.recommended:
            if not any(known(kind, target) for kind in BRIEF_KINDS):
                return (
                    f"{picked} {target!r} is not an analysis record in this file or an "
                    "earlier import"
                )
        for kind, target, name in entry.refs:
            if not known(kind, target):
                article = "an" if kind[0] in "aeiou" else "a"
                return (
                    f"{name} {target!r} is not {article} {kind} record in this file or an "
                    "earlier import"
                )
        if entry.translation_of:
            if not known(entry.kind, entry.translation_of):
                return (
                    f"translation_of {entry.translation_of!r}: no {entry.kind} record with this "
                    "id in this file or an earlier import"
                )
            problem = self._shape_problem(entry)
            if problem:
                return f"the translation does not match its source: {problem}"
        if known_terms is not None:
            for vocabulary, name in entry.names:
                if entry.kind == "term" or not name:
                    continue
                if not self._term_known(known_terms, vocabulary, name):
                    what = (
                        "expertise (region or issue)" if vocabulary == "expertise" else vocabulary
                    )
                    return f"unknown {what} {name!r} (--strict: add a term record or drop --strict)"
        return ""

    def _term_known(self, known_terms, vocabulary, name):
        vocabularies = ("region", "issue") if vocabulary == "expertise" else (vocabulary,)
        return any(normalise_name(name) in known_terms[v] for v in vocabularies)

    def _known_terms(self):
        known = {}
        for vocabulary, model in VOCABULARY_MODELS.items():
            names = set()
            for name, slug in model.objects.filter(
                locale__language_code=DEFAULT_LOCALE
            ).values_list("name", "slug"):
                names.update({normalise_name(name), slug})
            known[vocabulary] = names
        for entry in self.plan.entries:
            if entry.kind == "term" and not entry.translation_of:
                for vocabulary, name in entry.names:
                    if name:
                        known[vocabulary].add(normalise_name(name))
        return known

    def _imported_keys(self):
        """Keys of earlier imports that lines refer to and the file does not contain."""
        in_file = {entry.key for entry in self.plan.entries}
        wanted = set()
        for entry in self.plan.entries:
            wanted.update(("expert", a, DEFAULT_LOCALE) for a in entry.authors)
            wanted.update(
                (kind, r, DEFAULT_LOCALE) for r in entry.recommended for kind in BRIEF_KINDS
            )
            wanted.update((kind, target, DEFAULT_LOCALE) for kind, target, _name in entry.refs)
            if entry.translation_of:
                wanted.add(entry.source_key)
        wanted -= in_file
        found = set()
        by_kind = {}
        for kind, source_id, _locale in wanted:
            by_kind.setdefault(kind, []).append(source_id)
        for kind, ids in by_kind.items():
            for start in range(0, len(ids), BATCH):
                found.update(
                    (kind, source_id, DEFAULT_LOCALE)
                    for source_id in ImportedRecord.objects.filter(
                        kind=kind, locale=DEFAULT_LOCALE, source_id__in=ids[start : start + BATCH]
                    ).values_list("source_id", flat=True)
                )
        return found

    def _shape_problem(self, entry):
        if entry.shape is None:
            return ""
        source_shape = self._source_shapes().get(entry.source_key)
        if source_shape is None:
            source_shape = shape_in_database(entry.kind, entry.translation_of)
        if source_shape is None:
            return ""
        field_name = "bio" if entry.kind == "expert" else "body"
        return describe_shape_difference(source_shape, entry.shape, field_name)

    def _source_shapes(self):
        """{key: shape} of the file's records that are not translations."""
        if not hasattr(self, "_shapes"):
            self._shapes = _LazyShapes(self.path, self.base_dir, self.plan.entries)
        return self._shapes


class _LazyShapes:
    """{key: shape} of a file's source records, each shape worked out (from its line) on
    first use when the validator left it for later (``Entry.shape_later``)."""

    def __init__(self, path, base_dir, entries):
        self.path = path
        self.base_dir = base_dir
        self.entries = {entry.key: entry for entry in entries if not entry.translation_of}

    def get(self, key):
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry.shape_later:
            with LineReader(self.path) as reader:
                record = parse_record(reader.read(entry.offset), entry.line_no)
            entry.shape = record_shape(record, self.base_dir)
            entry.shape_later = False
        return entry.shape


def shape_in_database(kind, source_id):
    """The body/bio structure of an earlier import's page (for translations of it)."""
    record = ImportedRecord.objects.filter(
        kind=kind, source_id=source_id, locale=DEFAULT_LOCALE
    ).first()
    if record is None:
        return None
    obj = source_instance(record.imported_object())
    if kind in BODY_KINDS:
        return blocks_shape(list(obj.body.raw_data))
    if kind == "expert":
        return (("paragraph", rich_text_shape(obj.bio)),)
    return None


def _id_of(data):
    return str(data.get("id", "")) if isinstance(data, dict) else ""
