"""What a PO import must not let through silently, and whether a translation may go live.

Two things used to pass unnoticed:

- wagtail-localize stores a translated string it cannot use (a block tag such as ``<div>``,
  attributes, a link id the source does not have) with ``has_error`` set, and the page then
  falls back to the English text: the string replaced a good translation and was "updated".
  ``StringTranslationSnapshot`` finds the strings an import left in error, with the reason
  wagtail-localize gives, and puts back what was there before.
- wagtail-localize slugifies a translated slug and, when a sibling already has it, appends
  ``-1``: the page's public URL moves without a word. ``slug_problem`` refuses such a slug.

``publish_blocker`` says why a translation may not be published by an import.
"""

import dataclasses

from django.core.exceptions import ObjectDoesNotExist
from django.utils.text import slugify
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from .status import translation_progress

#: The TranslationContext path of a page's slug.
SLUG_CONTEXT = "slug"

_KEPT_FIELDS = (
    "data",
    "translation_type",
    "tool_name",
    "last_translated_by_id",
    "updated_at",
    "has_error",
    "field_error",
)


def is_page_translation(translation):
    """Whether ``translation`` is of a page (pages have a slug segment; snippets do not)."""
    model = translation.source.specific_content_type.model_class()
    return model is not None and issubclass(model, Page)


def normalised_slug(value):
    """The slug wagtail-localize stores for a translated ``value`` (it slugifies it)."""
    return slugify(value)


def _target_and_parent(translation):
    """(translated page or None, the page it sits under or will be created under, or None)."""
    try:
        source = translation.source.get_source_instance()
    except ObjectDoesNotExist:
        return None, None  # the English page is gone; publishing reports it
    locale = translation.target_locale
    target = source.get_translation_or_none(locale)
    if target is not None:
        return target, target.get_parent()
    parent = source.get_parent()
    return None, (parent.get_translation_or_none(locale) if parent else None)


def slug_problem(translation, value):
    """Why ``value`` cannot be the translated page's slug, or "" when it can.

    It cannot when nothing is left of it once slugified (wagtail-localize keeps only Latin
    letters, digits and hyphens), or when a sibling of the translated page already uses it:
    wagtail-localize would then rename it ``<slug>-1`` and the page's URL would move."""
    slug = normalised_slug(value)
    if not slug:
        return (
            f"{value!r} cannot be a slug: only Latin letters, digits and hyphens are kept; "
            "write the slug in Latin letters (a transliteration)"
        )
    target, parent = _target_and_parent(translation)
    if parent is None:
        return ""
    siblings = parent.get_children().filter(slug=slug)
    if target is not None:
        siblings = siblings.exclude(pk=target.pk)
    sibling = siblings.first()
    if sibling is None:
        return ""
    keeps = (
        f"the page keeps its address {target.get_url() or target.slug}"
        if target is not None
        else "choose another slug"
    )
    return (
        f"the slug {slug!r} is already used by {sibling.title!r} under the same parent "
        f"({parent.get_url() or parent.title}); {keeps}"
    )


@dataclasses.dataclass
class Rejection:
    """A string wagtail-localize refused: the entry it came from and the reason."""

    context: str
    msgid: str
    msgstr: str
    reason: str


class StringTranslationSnapshot:
    """The translated strings of one translation as they were before an import."""

    def __init__(self, translation):
        self.translation = translation
        self.rows = {row["pk"]: row for row in self._rows().values("pk", *_KEPT_FIELDS)}

    def _rows(self):
        return StringTranslation.objects.filter(
            context__object_id=self.translation.source.object_id,
            locale=self.translation.target_locale,
        )

    def changes(self):
        """[(context path, msgid, old text or None, new text)] written since the snapshot, and
        the Rejections among them. Rejected strings are put back as they were (deleted when
        they were new), so a rejected string never replaces a good translation."""
        changed, rejected = [], []
        for row in self._rows().select_related("context", "translation_of"):
            before = self.rows.get(row.pk)
            if before is not None and before["data"] == row.data:
                continue
            if row.has_error:
                reason = str(row.get_error() or "wagtail-localize refused this string")
                rejected.append(
                    Rejection(row.context.path, row.translation_of.data, row.data, reason)
                )
                self._restore(row, before)
            else:
                changed.append(
                    (row.context.path, row.translation_of.data, before and before["data"], row.data)
                )
        return changed, rejected

    def _restore(self, row, before):
        if before is None:
            StringTranslation.objects.filter(pk=row.pk).delete()
        else:
            # update(), not save(): save() would re-run the validation and the timestamps.
            fields = {name: before[name] for name in _KEPT_FIELDS}
            StringTranslation.objects.filter(pk=row.pk).update(**fields)


def missing_strings(translation):
    """(untranslated string segments, all string segments) of ``translation``; strings in
    error count as untranslated, as wagtail-localize's progress counts them, and so do
    verbatim copies of English text (status.translated_segment)."""
    total, done = translation_progress(translation)
    return total - done, total


def _effective_slug(translation):
    segment = (
        StringSegment.objects.filter(source=translation.source, context__path=SLUG_CONTEXT)
        .annotate_translation(translation.target_locale)
        .select_related("string")
        .first()
    )
    if segment is None:
        return None
    return segment.translation or segment.string.data


def publish_blocker(translation, rejected_count, allow_rejections):
    """Why an import must not publish ``translation`` now, or "" when it may.

    Only complete translations are published: every string segment translated and, unless
    ``allow_rejections``, no string rejected by this import. A slug a sibling took since the
    import always blocks, because publishing would rename the page."""
    if rejected_count and not allow_rejections:
        strings, them = ("string", "it") if rejected_count == 1 else ("strings", "them")
        return (
            f"{rejected_count} {strings} rejected (fix {them}, or pass --publish-with-rejections "
            "to publish the rest)"
        )
    missing, total = missing_strings(translation)
    if missing:
        return f"{missing} of {total} strings untranslated"
    if is_page_translation(translation):
        slug = _effective_slug(translation)
        problem = slug_problem(translation, slug) if slug is not None else ""
        if problem:
            return problem
    return ""
