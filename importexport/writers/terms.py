"""Taxonomy records: publication types, regions and issues."""

from django.utils.text import slugify

from ..validation import VOCABULARY_MODELS, normalise_name


class TermWriter:
    """Taxonomy records: publication types, regions and issues."""

    def write_term(self, record, entry, existing):
        model = VOCABULARY_MODELS[record.vocabulary]
        terms = self._vocabulary(record.vocabulary)
        obj = None
        if existing is not None:
            obj = model.objects.filter(pk=existing.object_id).first()
        slug = record.slug or slugify(record.id)[:100] or slugify(record.name)[:100]
        if obj is None:
            obj = terms.get(slug) or terms.get(normalise_name(record.name))
        created = obj is None
        if created:
            obj = model(locale=self.default_locale, slug=slug)
        elif record.slug:
            obj.slug = record.slug
        obj.name = record.name
        obj.description = record.description
        obj.save()
        terms[obj.slug] = obj
        terms[normalise_name(obj.name)] = obj
        self.remember(existing, entry, obj, entry.checksum)
        return "created" if created else "updated"

    # --- experts -----------------------------------------------------------------------
