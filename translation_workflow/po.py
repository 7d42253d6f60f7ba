"""Offline translation: pending translations out as PO files, translated PO files back in.

Each file is wagtail-localize's own PO export of one Translation (its metadata carries the
translation's UUID), with a header and readable comments for CAT tools added (po_context),
so a file downloaded from the editor and one written by ``export_translations_po`` are
interchangeable. A file that cannot be parsed, has no translation id, or names a translation
that does not exist is refused as a whole and changes nothing; the other files are still
applied. Within a file, each string wagtail-localize refuses (and each slug a sibling page
already uses) is reported as rejected with its reason and leaves the previous translation in
place (po_checks); an import publishes only complete translations with nothing rejected.
"""

import dataclasses
import uuid
from pathlib import Path

import polib
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ObjectDoesNotExist,
    ValidationError,
)
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail_localize.models import SourceDeletedError, Translation

from .po_checks import (
    SLUG_CONTEXT,
    StringTranslationSnapshot,
    is_page_translation,
    normalised_slug,
    publish_blocker,
    slug_problem,
)
from .po_context import annotate, describe
from .status import (
    TranslationStatus,
    queue_rows,
    translatable_page_models,
    translation_progress,
)

PENDING = {TranslationStatus.IN_PROGRESS, TranslationStatus.READY, TranslationStatus.OUT_OF_DATE}
TRANSLATION_ID_HEADER = "X-WagtailLocalize-TranslationID"


def pending_translations(locale):
    """Translations into ``locale`` that still need a translator: pages in progress, ready or
    out of date (see status.py), and snippets (taxonomy terms) with untranslated strings."""
    page_ids = [
        row.translation_id
        for row in queue_rows(target_locale=locale)
        if row.status in PENDING and row.translation_id
    ]
    translations = list(
        Translation.objects.filter(pk__in=page_ids).select_related("source", "target_locale")
    )
    page_type_ids = [
        ct.pk
        for ct in ContentType.objects.get_for_models(Page, *translatable_page_models()).values()
    ]
    for translation in (
        Translation.objects.filter(target_locale=locale, enabled=True)
        .exclude(source__specific_content_type_id__in=page_type_ids)
        .select_related("source", "target_locale")
    ):
        total, done = translation_progress(translation)
        if done < total:
            translations.append(translation)
    return translations


def file_name(translation):
    """``<slug>-<translation id>.po``: the page slug (or the term's name) keeps files readable."""
    try:
        slug = getattr(translation.source.get_source_instance(), "slug", None)
    except ObjectDoesNotExist:
        slug = None
    stem = slugify(slug or translation.source.object_repr)[:60] or "translation"
    return f"{stem}-{translation.pk}.po"


def po_for_translators(translation):
    """wagtail-localize's PO export of ``translation`` with the header and the readable
    context CAT tools show (see po_context); it imports exactly as the plain export does."""
    return annotate(translation.export_po(), translation)


def export_folder(folder, locale, progress=None):
    """Write one PO file per pending translation into ``folder``; returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    translations = pending_translations(locale)
    for number, translation in enumerate(translations, 1):
        path = folder / file_name(translation)
        po_for_translators(translation).save(str(path))
        written.append(path)
        if progress:
            progress(number, len(translations), path)
    return written


@dataclasses.dataclass
class ImportReport:
    """What happened (or, in a dry run, would happen) to one PO file.

    ``error`` is set when the whole file was refused and nothing was applied. Otherwise
    ``changes`` lists the strings updated, ``rejections`` the entries refused with their
    reason (never counted as updated; the previous translation stays), ``skipped`` the
    entries that match nothing in the page, ``notes`` what the import adjusted (a slug
    normalised), and ``publish_blocker`` why a requested publish did not happen
    (``publish_failed`` when the page itself refused it, as opposed to an incomplete
    translation that was not attempted)."""

    path: Path
    changes: list = dataclasses.field(default_factory=list)
    rejections: list = dataclasses.field(default_factory=list)
    skipped: list = dataclasses.field(default_factory=list)
    notes: list = dataclasses.field(default_factory=list)
    error: str = ""
    published: bool = False
    publish_blocker: str = ""
    publish_failed: bool = False
    translation: Translation | None = None

    @property
    def refused(self):
        """Whether the whole file was refused."""
        return bool(self.error)

    @property
    def applied(self):
        """How many strings were (or would be) updated."""
        return len(self.changes)

    @property
    def name(self):
        """The source page's title (or the term's name) this file translates."""
        return self.translation.source.object_repr if self.translation else self.path.name


def _open(path, report):
    """The PO file and its Translation, or None with ``report.error`` set."""
    try:
        po = polib.pofile(str(path))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        report.error = f"not a valid PO file ({error}); fix or re-export it"
        return None
    translation_uuid = po.metadata.get(TRANSLATION_ID_HEADER)
    if not translation_uuid:
        report.error = (
            f"no {TRANSLATION_ID_HEADER} header: only files exported from this site can be imported"
        )
        return None
    translation = (
        Translation.objects.filter(uuid=translation_uuid)
        .select_related("source", "target_locale")
        .first()
        if _is_uuid(translation_uuid)
        else None
    )
    if translation is None:
        report.error = f"translation {translation_uuid} does not exist (deleted or another site)"
        return None
    report.translation = translation
    if not translation.enabled:
        report.error = "this translation was stopped in the admin; restart it before importing"
        return None
    return po


def import_file(path, user=None, publish=False, publish_with_rejections=False, dry_run=False):
    """Apply one PO file; never raises for bad input (the report says what went wrong).

    Strings wagtail-localize refuses, and slugs a sibling page already uses, are reported
    as rejections and leave the previous translation in place. With ``publish`` the
    translation is published only when complete (every string translated) and, unless
    ``publish_with_rejections``, when nothing was rejected. ``dry_run`` reports the same
    and changes nothing."""
    report = ImportReport(path=Path(path))
    po = _open(path, report)
    if po is None:
        return report
    translation = report.translation
    publish = publish or publish_with_rejections
    with transaction.atomic():
        _apply(po, translation, user, report)
        if publish:
            report.publish_blocker = publish_blocker(
                translation, len(report.rejections), publish_with_rejections
            )
        if dry_run:
            transaction.set_rollback(True)
    if publish and not report.publish_blocker and not dry_run:
        _publish(translation, user, report)
    return report


def _apply(po, translation, user, report):
    """Import ``po`` into ``translation``, filling ``report``; refused strings are undone."""
    instance = translation.source.as_instance()
    numbers = {(entry.msgctxt, entry.msgid): n for n, entry in enumerate(po, 1)}
    accepted = polib.POFile(wrapwidth=po.wrapwidth)
    accepted.metadata = dict(po.metadata)
    kept_numbers = []
    for number, entry in enumerate(po, 1):
        if entry.msgctxt == SLUG_CONTEXT and entry.msgstr and not entry.obsolete:
            problem = (
                slug_problem(translation, entry.msgstr) if is_page_translation(translation) else ""
            )
            if problem:
                report.rejections.append(
                    _entry_line(number, describe(instance, entry.msgctxt), entry.msgstr, problem)
                )
                continue
        too_long = _too_long(type(instance), entry)
        if too_long:
            report.rejections.append(
                _entry_line(number, describe(instance, entry.msgctxt), entry.msgstr, too_long)
            )
            continue
        accepted.append(entry)
        kept_numbers.append(number)

    snapshot = StringTranslationSnapshot(translation)
    warnings = translation.import_po(accepted, user=user, tool_name="PO file")
    report.skipped = [_describe(warning, kept_numbers[warning.index]) for warning in warnings]
    changed, rejected = snapshot.changes()
    for context, msgid, old, new in changed:
        number = numbers.get((context, msgid), "?")
        report.changes.append(f"entry {number}, {describe(instance, context)}: {old!r} → {new!r}")
        if context == SLUG_CONTEXT and normalised_slug(new) != new:
            report.notes.append(
                f"entry {number}: the slug {new!r} becomes {normalised_slug(new)!r}"
            )
    for rejection in rejected:
        number = numbers.get((rejection.context, rejection.msgid), "?")
        label = describe(instance, rejection.context)
        report.rejections.append(_entry_line(number, label, rejection.msgstr, rejection.reason))


def _too_long(model, entry):
    """Why ``entry`` cannot be stored in the model field it translates, or "".

    Checked before wagtail-localize sees it: it writes a page's title to the database before
    validating it, which PostgreSQL refuses as a database error (breaking the import) where
    SQLite stores the text and validation refuses it later."""
    try:
        field = model._meta.get_field(entry.msgctxt)
    except FieldDoesNotExist:
        return ""
    max_length = getattr(field, "max_length", None)
    if not max_length or len(entry.msgstr) <= max_length:
        return ""
    return f"longer than the {max_length} characters the field holds (it has {len(entry.msgstr)})"


def _entry_line(number, label, text, reason):
    return f"entry {number}, {label}: {text[:80]!r}: {reason}"


def _publish(translation, user, report):
    """Publish the translation; a refusal by the page's own validation becomes the blocker."""
    try:
        translation.save_target(user=user, publish=True)
    except ValidationError as error:
        report.publish_blocker = _validation_messages(error)
        report.publish_failed = True
    except SourceDeletedError:
        report.publish_blocker = "the English page or term was deleted"
        report.publish_failed = True
    else:
        report.published = True


def _validation_messages(error):
    """``field: message`` once per message (a page repeats title errors on draft_title)."""
    if not hasattr(error, "error_dict"):
        return "; ".join(dict.fromkeys(error.messages))
    fields = {}
    for field, messages in error.message_dict.items():
        for message in messages:
            fields.setdefault(message, field)
    return "; ".join(
        message if field == NON_FIELD_ERRORS else f"{field}: {message}"
        for message, field in fields.items()
    )


def import_folder(folder, user=None, **options):
    """Apply every ``*.po`` file in ``folder`` (sorted by name); returns one report per file.
    ``options`` are import_file's (publish, publish_with_rejections, dry_run)."""
    return [import_file(path, user, **options) for path in sorted(Path(folder).glob("*.po"))]


def _is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _describe(warning, number):
    name = type(warning).__name__
    if name == "UnknownContext":
        return f"entry {number}: unknown field {warning.context!r}"
    if name == "UnknownString":
        return f"entry {number}: source text not in the page {warning.string[:60]!r}"
    return f"entry {number}: {warning.string[:60]!r} is not used in {warning.context!r}"


def target_locale(code):
    """The Locale for ``code`` or a LookupError that lists the configured ones."""
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        codes = ", ".join(Locale.objects.values_list("language_code", flat=True))
        raise LookupError(f"no locale {code!r}; configured: {codes}")
    return locale
