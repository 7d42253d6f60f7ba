"""Keep translation sources in step with published English pages.

When an English page that has a translation is published with changed translatable or
synchronized content, its TranslationSource is refreshed from the database
(``update_from_db``): the new and changed strings appear in the translator's editor, strings that
did not change keep their translations, and the queue shows the Arabic page as out of date. The
Arabic page itself is not touched: it keeps its published content until a translator republishes
it (which also copies the synchronized fields: dates, authors, taxonomy).

The refresh runs as a task (``sync_sources``) on the site's queue, enqueued with the publish
(core.tasks.enqueue_with_transaction): an editor's publish does not wait for it.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.signals import pre_save
from django_tasks import task
from wagtail.models import Page
from wagtail.signals import page_published
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import TranslationSource

from core.tasks import enqueue_with_transaction

from .anchors import fix_source_content, with_derived_anchors


def declared_content(model, content):
    """The part of a serialized ``content`` dict that translations depend on: the fields the
    model declares translated or synchronized. Bookkeeping that changes on every publish
    (revision ids, timestamps, live flags) is left out, so a republish without content
    changes does not mark translations out of date."""
    names = {field.field_name for field in get_translatable_fields(model)}
    # Heading anchors the source derives (derive_heading_anchors) are not a change.
    return with_derived_anchors({name: content.get(name) for name in sorted(names)})


def sync_sources_on_publish(sender, instance, new_page=False, **kwargs):
    """page_published receiver: enqueue the refresh of the sources of ``instance`` that feed
    a translation (nothing when no enabled translation uses it, nor for a ``new_page``: one
    the importer created a moment ago, of a translation key nothing was translated from)."""
    if (
        not new_page
        and TranslationSource.objects.filter(
            object_id=instance.translation_key,
            locale_id=instance.locale_id,
            translations__enabled=True,
        ).exists()
    ):
        enqueue_with_transaction(sync_sources, instance.pk)


@task()
def sync_sources(page_id):
    """Refresh the sources of the page ``page_id`` that feed a translation, from its live
    content; returns how many sources had changed content."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    page = page.specific
    sources = TranslationSource.objects.filter(
        object_id=page.translation_key,
        locale_id=page.locale_id,
        translations__enabled=True,
    ).distinct()
    changed = 0
    content_json = page.to_json()
    current = declared_content(type(page), json.loads(content_json))
    for source in sources:
        if declared_content(type(page), json.loads(source.content_json)) != current:
            source.update_from_db()
            changed += 1
        else:
            # Nothing to translate: record the new live revision (the queue compares it to tell
            # a missed sync) without touching last_updated_at or the segments.
            TranslationSource.objects.filter(pk=source.pk).update(content_json=content_json)
    return changed


def keep_date_when_nothing_to_translate_changed(
    sender, instance, raw=False, update_fields=None, **kwargs
):
    """pre_save of TranslationSource: wagtail-localize stamps ``last_updated_at`` on every
    refresh (the admin's "Sync", ``update_from_db``, ``update_or_create_from_instance``), and
    the queue reads a source updated after the Arabic page was published as "Out of date".
    When the declared content did not change (only the recorded live revision or other
    bookkeeping did), the previous date is kept, so a Sync clears a false "Out of date"."""
    if raw or instance.pk is None or (update_fields and "last_updated_at" not in update_fields):
        return
    before = (
        TranslationSource.objects.filter(pk=instance.pk)
        .values_list("content_json", "last_updated_at")
        .first()
    )
    model = instance.specific_content_type.model_class()
    if before is None or model is None:
        return
    old, new = json.loads(before[0]), json.loads(instance.content_json)
    if declared_content(model, old) == declared_content(model, new):
        instance.last_updated_at = before[1]


def derive_heading_anchors(sender, instance, raw=False, **kwargs):
    """pre_save of TranslationSource: headings of the English content without a stored anchor
    (a page whose StreamField was written as raw data, as the importer and the demo loader do,
    or saved before the anchor rule) get the one derived from the English text, so every
    translation built from the source renders the English page's id (anchors.py)."""
    if raw:
        return
    content = json.loads(instance.content_json)
    if isinstance(content, dict) and fix_source_content(content):
        instance.content_json = json.dumps(content, cls=DjangoJSONEncoder)


def connect():
    """Connect the receivers (called once from the app's ready())."""
    page_published.connect(sync_sources_on_publish, dispatch_uid="translation_queue_sync_sources")
    pre_save.connect(
        derive_heading_anchors,
        sender=TranslationSource,
        dispatch_uid="translation_sources_derive_heading_anchors",
    )
    pre_save.connect(
        keep_date_when_nothing_to_translate_changed,
        sender=TranslationSource,
        dispatch_uid="translation_queue_keep_source_date",
    )
