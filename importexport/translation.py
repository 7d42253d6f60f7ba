"""Translated records become wagtail-localize translations of their source.

The translation is made the way the admin makes it: a ``TranslationSource`` for the source
object, a ``Translation`` into the target locale, one ``StringTranslation`` per source
string segment, then ``save_target``. The translated strings are found by building a
translated copy of the source (record values in place of the source's, body blocks given
the source's block ids), extracting its segments with wagtail-localize's own extractor
and pairing them with the source's segments by context path and order. So the page is
tracked by wagtail-localize (same translation key, visible in its editor and queue as
"Translated with bulk import"), not an unrelated copy. A new published page edition is
written once, to the end state ``save_target`` and publishing leave (``_publish_new_page``;
tests/importexport/test_translation_targets.py compares the two).
"""

import functools
import json
import math
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, override
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.models.copying import _copy
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.ingest import ingest_segments
from wagtail_localize.strings import StringValue, validate_translation_links

from core.translation_segments import stored_content

from .publishing import Children, LogEntry, create_published, publish_created

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
    (one query, its child rows read as they are used) rather than deserialized from the
    revision (which fetches every related row to check it exists)."""
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


def ensure_translated_ancestors(page, locale, user=None, children_of=Children):
    """Translate (with their source text) the ancestors of ``page`` that have no edition
    in ``locale`` yet, top down, so the translation has a tracked parent."""
    untranslated = (
        page.get_ancestors()
        .filter(depth__gte=2)
        .exclude(translation_key__in=Page.objects.filter(locale=locale).values("translation_key"))
    )
    for ancestor in untranslated.specific():  # one query when all are translated already
        translate(ancestor, locale, {}, user=user, children_of=children_of)


@transaction.atomic
def translate(obj, locale, values, options=None, user=None, children_of=Children):
    """Make ``values`` (field name -> translated value; StreamFields as raw block lists)
    the ``locale`` translation of ``obj`` through wagtail-localize.

    Returns (Translation, changed). Nothing is written to the target when the strings,
    the source and the target's state are all as they were (re-runs add no revisions).
    Raises TranslationMismatch when the values cannot be paired with the source.
    ``children_of(parent)`` is what is known of a parent's children (``Children``; the
    importer keeps one per parent and transaction), for a new page's slug and tree path.
    """
    options = options or TranslationOptions()
    is_page = isinstance(obj, Page)
    if is_page:
        ensure_translated_ancestors(obj, locale, user=user, children_of=children_of)
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

    # The translated values replace the fields of an object built from the source's content
    # (as extraction reads it: ``stored_content``), not of the page or its revision.
    copy = stored_content(source)
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
        new = target is None
        if not (new and options.publish and _publish_new_page(translation, obj, user, children_of)):
            target = _save_target(translation, is_page, options.publish, user, new=new)
            if new and is_page:
                # Inserted by wagtail-localize (treebeard's add_child), as the last child of
                # a parent whose children the caller may be keeping count of.
                children_of(target.get_parent()).added(target)
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
    by this save, is published without being saved once more (``publish_created``).
    Returns the target page (None for other objects)."""
    if not is_page:
        translation.save_target(user=user, publish=True)
        return None
    translation.save_target(user=user, publish=False)
    target = translation.get_target_instance()
    Translation.objects.filter(pk=translation.pk).update(destination_last_updated_at=timezone.now())
    if not publish:
        return target
    revision = target.get_latest_revision()
    if new and not _scheduled(target):
        publish_created(target, revision, user)
    else:
        revision.publish(user=user)
    return target


def _publish_new_page(translation, page, user, children_of):
    """Create the target page of ``translation``, whose source was just synced from ``page``,
    published, and return True; or return False, having done nothing, for a source that is
    no page or that this path leaves to wagtail-localize (see below).

    The end state of ``translation.save_target(publish=False)`` and publishing its revision
    for a page with no edition in the target locale yet, made as wagtail-localize makes it
    (the source's content copied for the target locale as ``Page.copy_for_translation``
    copies it, its synchronised fields, then the translated strings ingested), but written
    once: ``copy_for_translation`` inserts the copy and saves a revision, wagtail-localize
    saves the page and a second revision, publishing saves it once more. Here the page is
    built in memory and inserted live with one revision (``create_published``), logged as
    created, copied for translation and published, with the translation log entry and the
    source's view restrictions as wagtail-localize leaves them.

    Left to wagtail-localize: pages directly under the root (a copy there takes a slug
    suffix), pages scheduled to go live later, and models with a many-to-many field that
    is not parental (copied after the insert by Wagtail).
    """
    if not isinstance(page, Page):
        return False
    source = translation.source
    # The content the translation is made from, as wagtail-localize's ``as_instance`` reads
    # it, without reading back every object it names to check it still exists: this source
    # was synced from the page a moment ago, in this transaction.
    original = stored_content(source)
    parent = page.get_parent()
    if parent.is_root() or _scheduled(original) or _plain_many_to_many(type(original)):
        return False
    locale = translation.target_locale
    target = _copy_for_translation(original, locale, user)
    copy_synchronised_fields(original, target)
    segments = source._get_segments_for_translation(locale, fallback=True)
    ingest_segments(original, target, source.locale, locale, segments)
    translated_parent = parent.specific_deferred.get_translation(locale)
    children = children_of(translated_parent)
    target.slug = children.available_slug(slugify(target.slug))
    # Wagtail logs the copy's creation and copying under the source's title (the strings are
    # ingested after), the publication under the translated one.
    title = original.get_admin_display_title()
    copied = LogEntry(
        "wagtail.copy_for_translation",
        user,
        lambda target: _copy_for_translation_log(target, title, source, parent, translated_parent),
        content_changed=False,
        label=title,
    )
    create_published(
        children, target, user, creation=[LogEntry(user=user, label=title), copied],
        inserted=lambda target: source.sync_view_restrictions(original, target),
    )  # fmt: skip
    TranslationLog.objects.create(source=source, locale=locale, revision=target.live_revision)
    Translation.objects.filter(pk=translation.pk).update(destination_last_updated_at=timezone.now())
    return True


def _copy_for_translation(original, locale, user):
    """The unsaved copy ``Page.copy_for_translation`` makes of ``original`` (Wagtail's
    ``CopyPageAction`` with its attributes for a translation), child objects included."""
    exclude = original.default_exclude_fields_in_copy + original.exclude_fields_in_copy
    attrs = {
        "live": False, "has_unpublished_changes": True, "live_revision": None,
        "first_published_at": None, "last_published_at": None, "alias_of": None,
        "locale": locale,
    }  # fmt: skip
    if user:
        attrs["owner"] = user
    page, child_objects = _copy(original, exclude_fields=exclude, update_attrs=attrs)
    for child in child_objects.values():
        if isinstance(child, TranslatableMixin):
            child.locale = locale
    return page


def _copy_for_translation_log(page, title, source, parent, translated_parent):
    """The data of the "wagtail.copy_for_translation" entry Wagtail logs for ``page``."""
    return {
        "page": {
            "id": page.id,
            "title": title,
            "locale": {"id": page.locale_id, "language_code": page.locale.language_code},
        },
        "source": {"id": parent.id, "title": parent.specific_deferred.get_admin_display_title()},
        "destination": {
            "id": translated_parent.id,
            "title": translated_parent.specific_deferred.get_admin_display_title(),
        },
        "keep_live": False,
        "source_locale": {"id": source.locale_id, "language_code": source.locale.language_code},
    }


@functools.cache
def _plain_many_to_many(model):
    """Whether ``model`` has a many-to-many field that Wagtail's copy sets after inserting
    the copy (``_copy_m2m_relations``): one neither parental nor through a model with a
    parental key to ``model`` (as tags are)."""
    for field in model._meta.get_fields():
        if not field.many_to_many or field.auto_created:
            continue
        if isinstance(field, ParentalManyToManyField):
            continue
        through = field.remote_field.through
        if not any(
            isinstance(link, ParentalKey) and issubclass(model, link.related_model)
            for link in through._meta.get_fields()
        ):
            return True
    return False


def _scheduled(page):
    return page.go_live_at is not None and page.go_live_at > timezone.now()
