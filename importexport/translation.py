"""Translated records become wagtail-localize translations of their source.

The translation is made the way the admin makes it: a ``TranslationSource`` for the source
object, a ``Translation`` into the target locale, one ``StringTranslation`` per source
string segment, then ``save_target``. The translated strings are found by building a
translated copy of the source (record values in place of the source's, body blocks given
the source's block ids), extracting its segments with wagtail-localize's own extractor
and pairing them with the source's segments by context path and order. So the page is
tracked by wagtail-localize (same translation key, visible in its editor and queue as
"Translated with bulk import"), not an unrelated copy.
"""

import json
import math
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, override
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import StringValue, validate_translation_links

from .publishing import publish_created

TOOL_NAME = "bulk import"


class TranslationMismatch(Exception):
    """The translated content cannot be paired with the source's strings."""


@dataclass
class TranslationOptions:
    """How far to take one translation: the share of strings to fill (1.0 = all) and
    whether to publish the target (True), save it as a draft (False) or leave the
    translation in progress without creating the target at all (None)."""

    fraction: float = 1.0
    publish: bool | None = True

    def fingerprint(self):
        return f"{self.fraction:.3f}:{self.publish}"


def source_instance(obj):
    """What a translation is made from: for pages the latest revision (drafts included).
    A live page without unpublished changes is its latest revision: it is read from its row
    (one query, its child rows read as they are used), a copy of its own, rather than
    deserialized from the revision (which fetches every related row to check it exists)."""
    if isinstance(obj, Page):
        obj = obj.specific
        if obj.live and not obj.has_unpublished_changes:
            return type(obj).objects.get(pk=obj.pk)
        revision = obj.get_latest_revision()
        if revision is None:
            return obj
        instance = revision.as_object()
        # A revision's content holds the live revision of the moment it was saved (none for
        # a page's first); the source must record the page's current one, as wagtail-localize's
        # own sync does, or the translation queue takes the page for changed since.
        instance.live_revision_id = obj.live_revision_id
        return instance
    return obj


def sync_source(instance):
    """The TranslationSource of ``instance``, updated when its content changed."""
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    return source


def _apply(copy, values, source_obj):
    """Put the translated values on an in-memory copy of the source."""
    for name, value in values.items():
        field = copy._meta.get_field(name)
        if isinstance(field, StreamField):
            source_raw = list(getattr(source_obj, name).raw_data)
            if len(source_raw) != len(value):
                raise TranslationMismatch(
                    f"{name} has {len(value)} blocks but the source has {len(source_raw)}"
                )
            aligned = []
            for number, (ours, theirs) in enumerate(zip(source_raw, value, strict=True), 1):
                if ours["type"] != theirs["type"]:
                    raise TranslationMismatch(
                        f"{name} block {number} is a {theirs['type']} but the source's is "
                        f"a {ours['type']}"
                    )
                aligned.append({**theirs, "id": ours["id"]})
            setattr(copy, name, aligned)
        else:
            setattr(copy, name, value)


def translated_strings(source, copy, provided_fields):
    """[(StringSegment, translated html)] for every source string the copy translates.

    Segments are paired by context path and, within a path (e.g. the paragraphs of one
    rich-text block), by order. Fields the record did not provide keep their source text.
    """
    ours = defaultdict(list)
    for segment in (
        StringSegment.objects.filter(source=source)
        .select_related("context", "string")
        .order_by("order")
    ):
        ours[segment.context.path].append(segment)
    theirs = defaultdict(list)
    for segment in extract_segments(copy):
        if isinstance(segment, StringSegmentValue):
            theirs[segment.path].append(segment)
    pairs = []
    for path, segments in ours.items():
        field = path.split(".", 1)[0]
        if field not in provided_fields:
            pairs.extend((segment, segment.string.data) for segment in segments)
            continue
        translated = theirs.get(path, [])
        if len(translated) != len(segments):
            raise TranslationMismatch(
                f"{path.split('.')[0]}: {len(translated)} text segment(s) where the source has "
                f"{len(segments)} (the translation must keep the source's paragraphs, list "
                "items and links)"
            )
        for segment, value in zip(segments, translated, strict=True):
            data = value.string.data
            try:
                StringValue.from_translated_html(data)
                validate_translation_links(segment.string.data, data)
            except ValueError as error:
                raise TranslationMismatch(f"{field}: {error}") from None
            pairs.append((segment, data))
    return pairs


def _write_strings(pairs, locale, user):
    """Create or update StringTranslations in bulk; return how many changed."""
    existing = {
        (st.translation_of_id, st.context_id): st
        for st in StringTranslation.objects.filter(
            locale=locale,
            translation_of_id__in={segment.string_id for segment, _data in pairs},
            context_id__in={segment.context_id for segment, _data in pairs},
        )
    }
    now = timezone.now()
    create, update = [], []
    for segment, data in pairs:
        current = existing.get((segment.string_id, segment.context_id))
        if current is None:
            create.append(
                StringTranslation(
                    translation_of_id=segment.string_id,
                    context_id=segment.context_id,
                    locale=locale,
                    data=data,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                    tool_name=TOOL_NAME,
                    last_translated_by=user,
                    updated_at=now,
                )
            )
        elif current.data != data or current.has_error:
            current.data = data
            current.has_error = False
            current.field_error = ""
            current.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
            current.tool_name = TOOL_NAME
            current.last_translated_by = user
            current.updated_at = now
            update.append(current)
    StringTranslation.objects.bulk_create(create)
    StringTranslation.objects.bulk_update(
        update,
        ["data", "has_error", "field_error", "translation_type", "tool_name",
         "last_translated_by", "updated_at"],
    )  # fmt: skip
    return len(create) + len(update)


def ensure_translated_ancestors(page, locale, user=None):
    """Translate (with their source text) the ancestors of ``page`` that have no edition
    in ``locale`` yet, top down, so the translation has a tracked parent."""
    untranslated = (
        page.get_ancestors()
        .filter(depth__gte=2)
        .exclude(translation_key__in=Page.objects.filter(locale=locale).values("translation_key"))
    )
    for ancestor in untranslated.specific():  # one query when all are translated already
        translate(ancestor, locale, {}, user=user)


@transaction.atomic
def translate(obj, locale, values, options=None, user=None):
    """Make ``values`` (field name -> translated value; StreamFields as raw block lists)
    the ``locale`` translation of ``obj`` through wagtail-localize.

    Returns (Translation, changed). Nothing is written to the target when the strings,
    the source and the target's state are all as they were (re-runs add no revisions).
    Raises TranslationMismatch when the values cannot be paired with the source.
    """
    options = options or TranslationOptions()
    is_page = isinstance(obj, Page)
    if is_page:
        ensure_translated_ancestors(obj, locale, user=user)
    instance = source_instance(obj)
    before = (
        TranslationSource.objects.filter(
            object_id=instance.translation_key, locale_id=instance.locale_id
        )
        .values_list("content_json", flat=True)
        .first()
    )
    source = sync_source(instance)
    source_changed = before is None or _content(before) != _content(source.content_json)
    translation, created = Translation.objects.get_or_create(source=source, target_locale=locale)
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
        created = True

    # A page's latest revision (or row), read above, is a copy of the source of its own:
    # the translated values replace its fields in place (each field's source blocks are
    # read before they are). The caller's object (or its specific page) is left untouched.
    fresh = instance is not obj and instance is not getattr(obj, "specific", None)
    copy = instance if fresh else source.as_instance()
    _apply(copy, values, instance)
    provided = set(values)
    for field_name, heading in DEFAULT_HEADINGS.items():
        if is_page and field_name not in provided and hasattr(copy, field_name):
            _translate_default_headings(copy, locale, field_name, heading)
            provided.add(field_name)
    pairs = translated_strings(source, copy, provided)
    if options.fraction < 1:
        pairs = pairs[: math.ceil(len(pairs) * options.fraction)]
    changed = _write_strings(pairs, locale, user) > 0
    if changed:
        Translation.objects.filter(pk=translation.pk).update(
            translations_last_updated_at=timezone.now()
        )

    if options.publish is None:
        return translation, changed or created or source_changed
    target = (
        type(instance)
        .objects.filter(translation_key=instance.translation_key, locale=locale)
        .first()
    )
    needs_save = changed or created or source_changed or target is None
    if (
        is_page
        and target is not None
        and options.publish
        and (not target.live or target.has_unpublished_changes)
    ):
        needs_save = True
    if needs_save:
        _save_target(translation, is_page, options.publish, user, new=target is None)
    return translation, needs_save


#: Page bookkeeping that changes without the content changing (a child page added,
#: a revision saved); ignored when deciding whether the target must be saved again.
_BOOKKEEPING = {
    "numchild", "latest_revision", "live_revision", "latest_revision_created_at",
    "last_published_at", "first_published_at", "has_unpublished_changes", "draft_title",
    "live", "url_path", "path", "depth", "locked", "locked_at", "locked_by",
}  # fmt: skip


def _content(content_json):
    data = json.loads(content_json)
    return {key: value for key, value in data.items() if key not in _BOOKKEEPING}


#: Card blocks whose heading, when it is the default one, is translated with the site's
#: catalogue: {field: default heading}.
DEFAULT_HEADINGS = {"recommended": "Recommended", "related": "Related analysis"}


def _translate_default_headings(copy, locale, field_name, default):
    """A card block's heading in the target language when it is the default one."""
    raw = list(getattr(copy, field_name).raw_data)
    with override(locale.language_code):
        for block in raw:
            value = block.get("value") or {}
            if value.get("heading") == default:
                block["value"] = {**value, "heading": gettext(default)}
    setattr(copy, field_name, raw)


def _save_target(translation, is_page, publish, user, new=False):
    """Save the target from the translated strings; pages are published here and now (not
    on commit, so callers inside a transaction see the live page). A ``new`` target, made
    by this save, is published without being saved once more (``publish_created``)."""
    if not is_page:
        translation.save_target(user=user, publish=True)
        return
    translation.save_target(user=user, publish=False)
    target = translation.get_target_instance()
    Translation.objects.filter(pk=translation.pk).update(destination_last_updated_at=timezone.now())
    if not publish:
        return
    revision = target.get_latest_revision()
    if new and not _scheduled(target):
        publish_created(target, revision, user)
    else:
        revision.publish(user=user)


def _scheduled(page):
    return page.go_live_at is not None and page.go_live_at > timezone.now()
