"""Background work of the core layer, run by the task queue (django-tasks; docs/deployment.md):
scheduled publishing and the pre-generation of image renditions. Also the helper every app
uses to enqueue work that a transaction produced.

Search-index and reference-index updates are tasks of Wagtail and modelsearch themselves
(enqueued on every save); they run on the same queue.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_save
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import ReferenceIndex
from wagtail.signals import page_published

from core.renditions import get_renditions

#: The renditions the public pages show of an image in a body (the ``{% picture %}`` of the
#: image block) and the OpenGraph image; made in the background when an image is uploaded
#: and when a page that uses it is published, so the first reader does not wait for them.
PREGENERATED_RENDITION_SPECS = [
    *Filter.expand_spec("format-{webp,jpeg} width-{480,800,1200}"),
    "fill-1200x630",
]


def enqueue_with_transaction(task_, *args):
    """Enqueue ``task_`` for the work of the current transaction. The database queue stores
    the task in that transaction (it runs only if the work commits); the immediate backend
    runs it now, as before queues existed; any other queue (Redis) gets it once the
    transaction has committed, so its worker never reads data that is not committed yet."""
    backend = task_.get_backend()
    if isinstance(backend, DatabaseBackend | ImmediateBackend):
        return task_.enqueue(*args)
    transaction.on_commit(partial(task_.enqueue, *args), robust=True)
    return None


@task()
def publish_scheduled():
    """Wagtail's ``publish_scheduled``: pages whose go-live time has come go live, pages
    whose expiry has come are unpublished. Enqueued by ``manage.py periodic_tasks``."""
    call_command("publish_scheduled", verbosity=0)


@task()
def pregenerate_renditions(image_ids):
    """Make the PREGENERATED_RENDITION_SPECS renditions of the given images; an image that
    cannot be rendered is logged and skipped (core.renditions). Returns how many images were
    rendered."""
    done = 0
    for image in get_image_model().objects.filter(pk__in=image_ids).order_by("pk"):
        if get_renditions(image, *PREGENERATED_RENDITION_SPECS) is not None:
            done += 1
    return done


def images_used_by(page):
    """Ids of the images a page refers to (its fields, its StreamField blocks, its child
    objects), read from the page itself, not from the reference index (which a task of its
    own may not have updated yet)."""
    image_model = get_image_model()
    ids = set()
    for (
        content_type_id,
        object_id,
        _path,
        _content_path,
    ) in ReferenceIndex._extract_references_from_object(page):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and issubclass(model, image_model):
            ids.add(int(object_id))
    return sorted(ids)


def enqueue_renditions(image_ids):
    """Enqueue the PREGENERATED_RENDITION_SPECS of the images ``image_ids`` (nothing when
    there are none or the PREGENERATE_RENDITIONS setting is off)."""
    if image_ids and getattr(settings, "PREGENERATE_RENDITIONS", True):
        enqueue_with_transaction(pregenerate_renditions, sorted(image_ids))


#: True inside ``renditions_enqueued_by_caller()``.
_caller_enqueues = ContextVar("renditions_enqueued_by_caller", default=False)


@contextmanager
def renditions_enqueued_by_caller():
    """Within the block, publishing a page does not read which images it uses: the caller
    knows them and calls :func:`enqueue_renditions` itself (the importer, for whom that
    reading was a tenth of each page's cost). Uploaded images are still enqueued."""
    token = _caller_enqueues.set(True)
    try:
        yield
    finally:
        _caller_enqueues.reset(token)


def _image_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        enqueue_renditions([instance.pk])


def _page_published(sender, instance, **kwargs):
    if getattr(settings, "PREGENERATE_RENDITIONS", True) and not _caller_enqueues.get():
        enqueue_renditions(images_used_by(instance.specific))


def connect():
    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="core-pregenerate")
    page_published.connect(_page_published, dispatch_uid="core-pregenerate-published")
