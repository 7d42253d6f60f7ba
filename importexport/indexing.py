"""Search and reference indexing done once per object, by the task queue, after an import.

Creating and publishing a page saves it several times (tree insert, revision, publish),
and every save enqueues its search indexing and rebuilds its reference index entries.
During an import those signal handlers are replaced by a collector; when the import is
over, each object that was saved is indexed once, in tasks of up to 500 objects that the
worker runs like the indexing of any other save (``importexport.tasks.index_imported``).
On a queue the import's own time does not include the indexing; the immediate backend
(TASKS_BACKEND=immediate, the tests) runs each task when the import enqueues it.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.tasks import enqueue_with_transaction

from .tasks import index_imported, searchable_models

BATCH = 500


@contextmanager
def deferred_indexing():
    """Collect saved objects instead of indexing them on every save; enqueue their
    indexing on exit."""
    saved = {}

    def collect(sender, instance, raw=False, **kwargs):
        if not raw and instance.pk is not None:
            saved[(sender, instance.pk)] = None

    models = searchable_models()
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
    """Enqueue the indexing of each (model, pk) once, in batches of ``BATCH`` objects."""
    by_model = {}
    for model, pk in keys:
        by_model.setdefault(model, []).append(pk)
    searchable = set(searchable_models())
    for model, pks in by_model.items():
        if any(isinstance(field, ParentalKey) for field in model._meta.get_fields()):
            continue  # a child row: its parent was saved too and is indexed with it
        if not (model in searchable or ReferenceIndex.is_indexed(model)):
            continue
        for start in range(0, len(pks), BATCH):
            enqueue_with_transaction(index_imported, model._meta.label, pks[start : start + BATCH])
