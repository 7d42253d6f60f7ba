"""wagtail-localize's segment refresh, in a constant number of statements.

``TranslationSource.refresh_segments`` (run by every "Submit for translation", every "Sync"
and every refresh of a source: the import, the publish of a translated English page) gets or
creates each segment's string, context and segment row one at a time: about a dozen SQL
statements per paragraph, heading, list item and link, several hundred for one brief.
``refresh_segments`` below writes the same rows with a read per table and, where rows are
missing, one insert and one read back (which also finds rows another transaction inserted
first), whatever the number of segments. ``CoreConfig.ready``
puts it in place of wagtail-localize's method, so every caller gets it; the tests compare
its rows with those of the original method on the same content.
"""

import json
import uuid

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from modelcluster.models import ClusterableModel
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    Template,
    TemplateSegment,
    TranslatableObject,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments

#: wagtail-localize's own method, kept for the tests that compare the two.
original_refresh_segments = TranslationSource.refresh_segments


def refresh_segments(source):
    """Make the segment rows of ``source`` those of its current content (as
    ``TranslationSource.refresh_segments``): rows still extracted are kept (their
    translations with them), missing ones are created, the others deleted."""
    try:
        instance = stored_content(source)
        values = list(extract_segments(instance))
    except ObjectDoesNotExist:  # the content names an object deleted since
        instance = source.as_instance()
        values = list(extract_segments(instance))
    contexts = _contexts(source.object_id, {value.path for value in values}, instance)
    strings = _strings(source.locale_id, values)
    templates = _templates(values)
    objects = _related_objects(values)

    wanted = {model: [] for model in KEY_FIELDS}  # model -> [field values of each row]
    for value in values:
        model = _model_of(value)
        fields = {"context_id": contexts[value.path].pk, "order": value.order}
        if model is TemplateSegment:
            fields["template_id"] = templates[_template_uuid(value)].pk
        elif model is RelatedObjectSegment:
            fields["object_id"] = objects[value.translation_key].pk
        elif model is OverridableSegment:
            fields["data_json"] = json.dumps(value.data, cls=DjangoJSONEncoder)
        else:
            fields["string_id"] = strings[String._get_data_hash(value.string.data)].pk
            fields["attrs"] = json.dumps(value.attrs, cls=DjangoJSONEncoder)
        wanted[model].append(fields)
    for model, rows in wanted.items():
        _keep_only(model, source, rows)


def stored_content(source):
    """The object with the content ``source`` stores, to extract its segments from: what
    ``source.as_instance()`` builds for a page or another clusterable model, without
    reading back every object its foreign keys and its child rows' name to check it still
    exists (modelcluster's ``check_fks``: some thirty queries for a brief with three
    authors) nor the page's tree position and comments, which extraction does not read. A
    reference to a deleted object raises ObjectDoesNotExist when extraction follows it;
    ``refresh_segments`` then uses ``as_instance()``, which drops such references.

    The importer copies a new translation from it too (``importexport.translation``): a
    source it synced a moment ago from the page, in the same transaction, names only
    objects that exist."""
    model = source.specific_content_type.model_class()
    if model is None or not issubclass(model, ClusterableModel):
        return source.as_instance()
    return model.from_json(source.content_json, check_fks=False)


def _get_or_create(model, field, wanted, complete=None, **filters):
    """{value of ``field``: row} for every key of ``wanted`` ({value: unsaved row}),
    inserting the missing rows (each passed to ``complete`` first, when given); a row
    another transaction inserted first is read back."""

    def existing():
        rows = model.objects.filter(**filters, **{f"{field}__in": list(wanted)})
        return {getattr(row, field): row for row in rows}

    found = existing() if wanted else {}
    missing = [row for key, row in wanted.items() if key not in found]
    if missing:
        if complete is not None:
            for row in missing:
                complete(row)
        model.objects.bulk_create(missing, ignore_conflicts=True)
        found = existing()
    return found


def _contexts(object_id, paths, instance):
    """{path: TranslationContext} of ``object_id``, each with its field path."""
    wanted = {}
    for path in paths:
        path_id = TranslationContext._get_path_id(path)
        wanted[path_id] = TranslationContext(object_id=object_id, path=path, path_id=path_id)
    found = _get_or_create(
        TranslationContext,
        "path_id",
        wanted,
        complete=lambda context: _set_field_path(context, instance),
        object_id=object_id,
    )
    by_path = {context.path: context for context in found.values()}
    for context in by_path.values():
        if not context.field_path:  # a context made before wagtail-localize 1.0
            context.get_field_path(instance)
    return by_path


def _set_field_path(context, instance):
    """``TranslationContext.get_field_path`` of a context not saved yet (the method saves
    what it works out; the row is inserted with it afterwards)."""
    context.save = lambda **kwargs: None
    try:
        context.get_field_path(instance)
    finally:
        del context.save


#: The segment model of each kind of extracted value; any other value is a string.
SEGMENT_MODELS = {
    TemplateSegmentValue: TemplateSegment,
    RelatedObjectSegmentValue: RelatedObjectSegment,
    OverridableSegmentValue: OverridableSegment,
}


def _model_of(value):
    """The segment model ``TranslationSource.refresh_segments`` makes of ``value``."""
    for kind, model in SEGMENT_MODELS.items():
        if isinstance(value, kind):
            return model
    return StringSegment


def _strings(locale_id, values):
    wanted = {}
    for value in values:
        if _model_of(value) is StringSegment:
            data = value.string.data
            data_hash = String._get_data_hash(data)
            wanted[data_hash] = String(locale_id=locale_id, data_hash=data_hash, data=data)
    return _get_or_create(String, "data_hash", wanted, locale_id=locale_id)


def _template_uuid(value):
    """``Template.from_value``'s key for a template value."""
    namespace = uuid.uuid5(Template.BASE_UUID_NAMESPACE, value.format)
    return uuid.uuid5(namespace, value.template)


def _templates(values):
    wanted = {}
    for value in values:
        if _model_of(value) is TemplateSegment:
            key = _template_uuid(value)
            wanted[key] = Template(
                uuid=key,
                template=value.template,
                template_format=value.format,
                string_count=value.string_count,
            )
    return _get_or_create(Template, "uuid", wanted)


def _related_objects(values):
    wanted = {
        value.translation_key: TranslatableObject(
            translation_key=value.translation_key, content_type=value.content_type
        )
        for value in values
        if _model_of(value) is RelatedObjectSegment
    }
    return _get_or_create(TranslatableObject, "translation_key", wanted)


#: What tells two segment rows of one source apart, per segment model (what
#: ``from_value`` of each model gets or creates by).
KEY_FIELDS = {
    StringSegment: ["context_id", "order", "string_id", "attrs"],
    TemplateSegment: ["context_id", "order", "template_id"],
    RelatedObjectSegment: ["context_id", "order", "object_id"],
    OverridableSegment: ["context_id", "order", "data_json"],
}


def _keep_only(model, source, wanted):
    """Make ``source``'s ``model`` rows exactly ``wanted`` (field values of each row): keep
    the rows that match one, create the missing ones, delete the rest."""
    names = KEY_FIELDS[model]
    missing = {tuple(fields[name] for name in names): fields for fields in wanted}
    stale = [
        row.pk
        for row in model.objects.filter(source=source)
        if missing.pop(tuple(getattr(row, name) for name in names), None) is None
    ]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    if missing:
        model.objects.bulk_create([model(source=source, **fields) for fields in missing.values()])
