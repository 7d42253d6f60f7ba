"""The bulk segment refresh (core/translation_segments.py) writes the rows wagtail-localize's
own ``refresh_segments`` writes, keeps the rows of unchanged content, and runs the same
number of SQL statements for a short brief as for a long one."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_localize import models as localize_models
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    Template,
    TemplateSegment,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import RelatedObjectSegmentValue
from wagtail_localize.segments.extract import extract_segments

from core import translation_segments
from core.translation_segments import original_refresh_segments
from tests.support import factories
from tests.support.api_content import seed_content

pytestmark = pytest.mark.django_db


def segment_rows(source):
    """Every segment row of ``source`` as comparable values (no primary keys)."""
    rows = []
    for model, kind, values in [
        (StringSegment, "string", lambda s: (s.string.data, s.string.locale_id, s.attrs)),
        (TemplateSegment, "template", lambda s: (s.template.template, s.template.string_count)),
        (RelatedObjectSegment, "related", lambda s: (str(s.object_id), s.object.content_type_id)),
        (OverridableSegment, "overridable", lambda s: (s.data_json,)),
    ]:
        for segment in model.objects.filter(source=source).select_related("context"):
            context = segment.context
            rows.append((kind, context.path, context.field_path, segment.order, *values(segment)))
    return sorted(rows)


def wipe(source):
    """Delete the segment rows of ``source`` and everything they were made from."""
    for model in (StringSegment, TemplateSegment, RelatedObjectSegment, OverridableSegment):
        model.objects.filter(source=source).delete()
    TranslationContext.objects.filter(object_id=source.object_id).delete()
    String.objects.all().delete()
    Template.objects.all().delete()


def rows_of_the_original(source):
    """The rows wagtail-localize's own method writes for ``source`` from nothing."""
    wipe(source)
    original_refresh_segments(source)
    return segment_rows(source)


def test_a_new_source_gets_the_rows_wagtail_localize_writes(tree):
    seed = seed_content()["seed"]
    source, created = TranslationSource.update_or_create_from_instance(seed)
    assert created is True
    ours = segment_rows(source)
    assert {row[0] for row in ours} == {"string", "template", "overridable"}
    assert len(ours) == 37
    assert ours == rows_of_the_original(source)


def test_a_related_object_segment_is_written_as_wagtail_localize_writes_it(tree, monkeypatch):
    """No block of this site chooses a translatable snippet (the only content wagtail-localize
    makes a related-object segment of); given one, the bulk refresh writes it the same way."""
    region = factories.region()

    def with_a_region(instance):
        region_value = RelatedObjectSegmentValue.from_instance("summary", region)
        region_value.order = 1000
        return [*extract_segments(instance), region_value]

    monkeypatch.setattr(translation_segments, "extract_segments", with_a_region)
    monkeypatch.setattr(localize_models, "extract_segments", with_a_region)
    source, _ = TranslationSource.update_or_create_from_instance(factories.brief("Water"))
    ours = segment_rows(source)
    assert [row[:4] for row in ours if row[0] == "related"] == [
        ("related", "summary", "summary", 1000)
    ]
    assert ours == rows_of_the_original(source)


def test_content_naming_a_deleted_object_is_read_as_wagtail_localize_reads_it(tree, monkeypatch):
    """The refresh builds the stored object without checking each reference; when extraction
    follows one to an object deleted since (here the page's owner), it builds it again as
    wagtail-localize does, without that reference, and writes the same rows."""
    owners = []

    def following_the_owner(instance):
        owners.append(instance.owner)  # raises when the owner named was deleted
        return list(extract_segments(instance))

    monkeypatch.setattr(translation_segments, "extract_segments", following_the_owner)
    monkeypatch.setattr(localize_models, "extract_segments", following_the_owner)
    source, _ = TranslationSource.update_or_create_from_instance(factories.brief("Water"))
    source.content_json = json.dumps({**json.loads(source.content_json), "owner": 987654})
    source.save(update_fields=["content_json"])
    wipe(source)
    owners.clear()
    source.refresh_segments()
    assert owners == [None]
    ours = segment_rows(source)
    assert ("string", "title", "title", 1, "Water") in [row[:5] for row in ours]
    assert ours == rows_of_the_original(source)


def test_a_changed_source_keeps_the_rows_of_what_did_not_change(tree):
    seed = seed_content()["seed"].specific
    source, _ = TranslationSource.update_or_create_from_instance(seed)
    title = StringSegment.objects.get(source=source, context__path="title")
    summary = StringSegment.objects.get(source=source, context__path="summary")
    seed.summary = "A new summary."
    body = list(seed.body.raw_data)
    seed.body = [block for block in body if block["type"] != "quote"] + [
        {"type": "paragraph", "value": "<p>An added paragraph.</p>"}
    ]
    seed.save_revision().publish()

    source.update_from_db()

    ours = segment_rows(source)
    assert StringSegment.objects.get(source=source, context__path="title").pk == title.pk
    assert StringSegment.objects.get(source=source, context__path="summary").pk != summary.pk
    assert ("string", "summary", "summary", summary.order, "A new summary.") in [
        row[:5] for row in ours
    ]
    assert not [row for row in ours if row[2].startswith("body.quote")]
    assert ours == rows_of_the_original(source)


def brief_of(paragraphs):
    body = [
        ("paragraph", f'<p>Paragraph {n} with <a href="https://example.org/{n}">a link</a>.</p>')
        for n in range(paragraphs)
    ]
    return factories.brief(f"A brief of {paragraphs} paragraphs", body=body)


def statements_of_a_refresh(page):
    source, _ = TranslationSource.update_or_create_from_instance(page)
    wipe(source)
    with CaptureQueriesContext(connection) as new:
        source.refresh_segments()
    with CaptureQueriesContext(connection) as unchanged:
        source.refresh_segments()
    return len(new), len(unchanged)


def test_a_refresh_runs_as_many_statements_for_three_paragraphs_as_for_thirty(tree):
    short, long = brief_of(3), brief_of(30)
    assert statements_of_a_refresh(short) == statements_of_a_refresh(long) == (16, 7)


def test_translating_a_page_keeps_the_translations_of_unchanged_strings(tree):
    brief = factories.brief(
        "Water in Basra", date=datetime.date(2020, 5, 14), summary="Shortages grow."
    )
    source, _ = TranslationSource.update_or_create_from_instance(brief)
    segment = StringSegment.objects.get(source=source, context__path="title")
    translation = segment.string.translations.create(
        locale=factories.arabic(), context=segment.context, data="المياه في البصرة"
    )
    brief.summary = "Shortages grow every summer."
    brief.save_revision().publish()
    source.update_from_db()
    segment = StringSegment.objects.get(source=source, context__path="title")
    assert list(segment.string.translations.filter(context=segment.context)) == [translation]
