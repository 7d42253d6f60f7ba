"""Offline translation: pending translations out as PO files, translated PO files back in.

Each file is wagtail-localize's own PO export of one Translation (its metadata carries the
translation's UUID), so a file downloaded from the editor and one written by
``export_translations_po`` are interchangeable. Import is per file and all-or-nothing: a file
that cannot be parsed, has no translation id, or names a translation that does not exist is
rejected as a whole and changes nothing; the other files are still applied.
"""

import dataclasses
import uuid
from pathlib import Path

import polib
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from .status import TranslationStatus, queue_rows, translatable_page_models

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
        total, done = translation.get_progress()
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


def export_folder(folder, locale, progress=None):
    """Write one PO file per pending translation into ``folder``; returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    translations = pending_translations(locale)
    for number, translation in enumerate(translations, 1):
        path = folder / file_name(translation)
        translation.export_po().save(str(path))
        written.append(path)
        if progress:
            progress(number, len(translations), path)
    return written


@dataclasses.dataclass
class ImportReport:
    """What happened to one PO file."""

    path: Path
    applied: int = 0
    rejected_entries: list = dataclasses.field(default_factory=list)
    error: str = ""
    published: bool = False
    translation: Translation | None = None

    @property
    def rejected(self):
        return bool(self.error)


def _translated_strings(translation):
    return dict(
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id, locale=translation.target_locale
        ).values_list("pk", "data")
    )


def import_file(path, user=None, publish=False):
    """Apply one PO file; never raises for bad input (the report says what went wrong)."""
    report = ImportReport(path=Path(path))
    try:
        po = polib.pofile(str(path))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        report.error = f"not a valid PO file ({error}); fix or re-export it"
        return report
    translation_uuid = po.metadata.get(TRANSLATION_ID_HEADER)
    if not translation_uuid:
        report.error = (
            f"no {TRANSLATION_ID_HEADER} header: only files exported from this site can be imported"
        )
        return report
    translation = (
        Translation.objects.filter(uuid=translation_uuid)
        .select_related("source", "target_locale")
        .first()
        if _is_uuid(translation_uuid)
        else None
    )
    if translation is None:
        report.error = f"translation {translation_uuid} does not exist (deleted or another site)"
        return report
    report.translation = translation
    if not translation.enabled:
        report.error = "this translation was stopped in the admin; restart it before importing"
        return report

    with transaction.atomic():
        before = _translated_strings(translation)
        warnings = translation.import_po(po, user=user, tool_name="PO file")
        after = _translated_strings(translation)
    report.applied = sum(1 for pk, data in after.items() if before.get(pk) != data)
    report.rejected_entries = [_describe(warning) for warning in warnings]
    if publish:
        translation.save_target(user=user, publish=True)
        report.published = True
    return report


def import_folder(folder, user=None, publish=False):
    """Apply every ``*.po`` file in ``folder`` (sorted by name); returns one report per file."""
    return [import_file(path, user, publish) for path in sorted(Path(folder).glob("*.po"))]


def _is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _describe(warning):
    name = type(warning).__name__
    if name == "UnknownContext":
        return f"entry {warning.index + 1}: unknown field {warning.context!r}"
    if name == "UnknownString":
        return f"entry {warning.index + 1}: source text not in the page {warning.string[:60]!r}"
    return f"entry {warning.index + 1}: {warning.string[:60]!r} is not used in {warning.context!r}"


def target_locale(code):
    """The Locale for ``code`` or a LookupError that lists the configured ones."""
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        codes = ", ".join(Locale.objects.values_list("language_code", flat=True))
        raise LookupError(f"no locale {code!r}; configured: {codes}")
    return locale
