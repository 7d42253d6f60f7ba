"""Heading anchors the same in every edition for pages saved before the anchor rule (see
translation_workflow/anchors.py): an upgraded database ends with the anchors a fresh install
writes. Raw column updates: no revision, no signal, no "Out of date" (the English content the
translation sources recorded gets the same anchors)."""

import json
import logging

from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Cast
from wagtail.fields import StreamField

from core import page_cache
from translation_workflow.anchors import (
    anchors_by_block,
    copy_source_anchors,
    derive_source_anchors,
    fix_source_content,
)

logger = logging.getLogger(__name__)

#: Rows this run changed (for the page cache).
_changed = []


def _write(connection, model, column, pk, raw):
    quote = connection.ops.quote_name
    table, quoted, pk_column = (
        quote(model._meta.db_table),
        quote(column),
        quote(model._meta.pk.column),
    )
    _changed.append(pk)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {quoted} = %s WHERE {pk_column} = %s",  # noqa: S608
            [json.dumps(raw), pk],
        )


def stable_anchors(apps, schema_editor):
    _changed.clear()
    _fix(apps, schema_editor)
    if _changed:
        # Cached HTML still carries the old ids: make every stored page unreachable.
        try:
            page_cache.bump_version()
        except Exception:  # an unreachable cache must not stop the migration
            logger.warning("Could not reset the page cache after fixing heading anchors")


def _fix(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None:
        return
    for model in apps.get_models():
        names = {field.name for field in model._meta.get_fields()}
        if not {"translation_key", "locale"} <= names:
            continue
        for field in model._meta.local_fields:
            if not isinstance(field, StreamField):
                continue
            rows = list(
                model.objects.annotate(raw_text=Cast(field.name, models.TextField())).values_list(
                    "pk", "translation_key", "locale_id", "raw_text"
                )
            )
            sources = {}
            for pk, key, locale_id, text in rows:
                if locale_id == default.pk and text:
                    raw = json.loads(text)
                    if derive_source_anchors(raw):
                        _write(schema_editor.connection, model, field.column, pk, raw)
                    sources[key] = anchors_by_block(raw)
            for pk, key, locale_id, text in rows:
                if locale_id != default.pk and text and key in sources:
                    raw = json.loads(text)
                    if copy_source_anchors(raw, sources[key]):
                        _write(schema_editor.connection, model, field.column, pk, raw)
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    for source in TranslationSource.objects.filter(locale=default).only("content_json"):
        content = json.loads(source.content_json)
        if isinstance(content, dict) and fix_source_content(content):
            TranslationSource.objects.filter(pk=source.pk).update(content_json=json.dumps(content))


class Migration(migrations.Migration):
    dependencies = [
        ("translation_workflow", "0001_translators_group"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("policyanalysis", "0009_brief_endnotes"),
        ("events", "0002_body_blocks_follow_core"),
        ("podcasts", "0001_initial"),
        ("experts", "0002_truthful_short_bio_help_text"),
    ]

    operations = [migrations.RunPython(stable_anchors, migrations.RunPython.noop)]
