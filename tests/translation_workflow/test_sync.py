"""The sync of translation sources after an English publish runs on the task queue: until
the worker has run, the source keeps the old English text (the queue offers "Sync"); after
it, the source has the new text and the Arabic page is out of date, no sync needed."""

import pytest
from wagtail_localize.models import TranslationSource

from tests.support import factories
from tests.support.tasks import run_queue
from tests.support.translation import publish_english, translate_and_publish
from translation_workflow.status import TranslationStatus, status_for_page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_english_change_marks_the_translation_out_of_date_once_the_worker_ran(
    tree, database_queue
):
    brief = factories.brief("Water and power in Basra", summary="Shortages grow every summer.")
    translate_and_publish(brief)
    run_queue()
    assert status_for_page(brief).status == TranslationStatus.PUBLISHED
    source = TranslationSource.objects.get(object_id=brief.translation_key, locale=brief.locale)
    brief = publish_english(brief, summary="Shortages grow every summer, and in winter.")
    source.refresh_from_db()
    assert "and in winter" not in source.content_json
    assert status_for_page(brief).needs_sync is True
    run_queue()
    source.refresh_from_db()
    assert "and in winter" in source.content_json
    row = status_for_page(brief)
    assert (row.status, row.needs_sync) == (TranslationStatus.OUT_OF_DATE, False)
