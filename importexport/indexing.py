"""Search and reference indexing done once per object at the end of an import.

Creating and publishing a page saves it several times (tree insert, revision, publish),
and every save re-indexes it for search and rebuilds its reference index entries. During
an import those signal handlers are replaced by a collector; each object that was saved
is indexed once when the import is over, which is what makes the import fast and keeps
its query count per record constant.
"""

from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


def _searchable_models():
    return [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]


@contextmanager
def deferred_indexing():
    """Collect saved objects instead of indexing them on every save; index them on exit."""
    saved = {}

    def collect(sender, instance, raw=False, **kwargs):
        if not raw and instance.pk is not None:
            saved[(sender, instance.pk)] = None

    models = _searchable_models()
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.connect(collect, weak=False, dispatch_uid="interchange-deferred-indexing")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="interchange-deferred-indexing")
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    index_objects(saved)


def index_objects(keys):
    """Update the search index and reference index of each (model, pk) once."""
    by_model = {}
    for model, pk in keys:
        by_model.setdefault(model, []).append(pk)
    searchable = set(_searchable_models())
    for model, pks in by_model.items():
        if any(isinstance(field, ParentalKey) for field in model._meta.get_fields()):
            continue  # a child row: its parent was saved too and is indexed with it
        search = model in searchable
        references = ReferenceIndex.is_indexed(model)
        if not (search or references):
            continue
        for start in range(0, len(pks), 500):
            batch = pks[start : start + 500]
            with transaction.atomic():  # one commit per batch, not one per index row
                _index_batch(model, batch, search, references)


def _index_batch(model, batch, search, references):
    if search:
        indexed = list(model.get_indexed_objects().filter(pk__in=batch))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, indexed)
    if references:
        for obj in model.objects.filter(pk__in=batch):
            ReferenceIndex.create_or_update_for_object(obj)
