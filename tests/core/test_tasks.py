"""Background work on the real database queue: it waits for the worker, and the worker does
it (search index updates, rendition pre-generation, scheduled publishing)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from core.tasks import PREGENERATED_RENDITION_SPECS
from deployment.periodic import enqueue_due
from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.tasks import run_queue

transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@transactional
def test_a_published_brief_is_found_by_search_once_the_worker_ran(tree, database_queue):
    factories.brief("Desalination in Basra", slug="desalination")
    assert list(BriefPage.objects.live().search("desalination")) == []
    assert run_queue() > 0
    assert [p.title for p in BriefPage.objects.live().search("desalination")] == [
        "Desalination in Basra"
    ]


@transactional
def test_an_uploaded_image_gets_its_renditions_from_the_worker(tree, database_queue, settings):
    settings.PREGENERATE_RENDITIONS = True
    image = factories.image("upload", width=1600, height=1000)
    assert image.renditions.count() == 0
    run_queue()
    assert sorted(image.renditions.values_list("filter_spec", flat=True)) == sorted(
        PREGENERATED_RENDITION_SPECS
    )
    assert image.renditions.get(filter_spec="fill-1200x630").width == 1200


@transactional
def test_publishing_a_page_pregenerates_the_renditions_of_its_images(
    tree, database_queue, settings
):
    photo = factories.image("portrait", width=900, height=900)
    settings.PREGENERATE_RENDITIONS = True
    factories.expert("Lina Haddad", photo=photo)
    assert photo.renditions.count() == 0
    run_queue()
    assert photo.renditions.count() == len(PREGENERATED_RENDITION_SPECS)
    assert get_image_model().objects.count() == 1


@transactional
def test_a_scheduled_brief_goes_live_when_the_periodic_tasks_run(tree, database_queue, settings):
    settings.PERIODIC_TASKS_INTERVAL = 60
    brief = factories.brief("Tomorrow's brief", slug="tomorrow", publish=False)
    brief.go_live_at = timezone.now() + timedelta(hours=1)
    revision = brief.save_revision()
    revision.publish()  # a go-live time in the future: scheduled, not live
    assert not Page.objects.get(pk=brief.pk).live
    run_queue()
    assert not Page.objects.get(pk=brief.pk).live
    traveller = time_machine.travel(timezone.now() + timedelta(hours=2), tick=True)
    traveller.start()
    try:
        enqueued = enqueue_due()
        assert [r.task.name for r in enqueued] == ["publish_scheduled", "deliver_due_webhooks"]
        assert enqueue_due() == []  # once per interval, whichever process asks
        run_queue()
    finally:
        traveller.stop()
    run_queue()
    assert Page.objects.get(pk=brief.pk).live
