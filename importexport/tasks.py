"""Background work of the importer: the search and reference indexing of what it saved."""

from django.apps import apps
from django.db import transaction
from django_tasks import task
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from wagtail.models import ReferenceIndex


def searchable_models():
    """The models modelsearch indexes when they are saved."""
    return [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]


@task()
def index_imported(model_label, pks):
    """Update the search index and the reference index of the ``model_label`` objects
    ``pks`` (an import saved them with the per-save indexing turned off). One transaction:
    one commit for all their index rows."""
    model = apps.get_model(model_label)
    with transaction.atomic():
        if model in searchable_models():
            indexed = list(model.get_indexed_objects().filter(pk__in=pks))
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, indexed)
        if ReferenceIndex.is_indexed(model):
            for obj in model.objects.filter(pk__in=pks):
                ReferenceIndex.create_or_update_for_object(obj)
