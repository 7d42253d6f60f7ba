"""core.search on the database the suite runs on: the index that update_index rebuilds,
autocomplete, and queries left with no word to search."""

import pytest
from django.core.management import call_command
from wagtail.search.models import IndexEntry

from policyanalysis.models import BriefPage
from tests.support import factories

pytestmark = pytest.mark.django_db(transaction=False)


def _titles(results):
    return [page.title for page in results]


def test_update_index_rebuilds_an_index_that_finds_variants(tree):
    brief = factories.brief("Militias and the state", summary="Armed groups.")
    IndexEntry.objects.all().delete()
    assert _titles(BriefPage.objects.live().search("militia")) == []

    call_command("update_index", verbosity=0)

    assert _titles(BriefPage.objects.live().search("militia")) == [brief.title]


def test_saving_a_brief_indexes_its_new_text(tree):
    brief = factories.brief("Water security", summary="Dams.")
    brief.summary = "Militias guard the dams."
    brief.save_revision().publish()
    assert _titles(BriefPage.objects.live().search("militia")) == [brief.title]


def test_autocomplete_matches_the_beginning_of_a_word_in_any_case(tree):
    brief = factories.brief("Militias and the state")
    factories.brief("Military spending")
    assert _titles(BriefPage.objects.live().autocomplete("MILITI")) == [brief.title]


def test_a_query_with_no_word_left_matches_nothing(tree):
    factories.brief("Militias and the state")
    # Tatweel alone: a letter-like character that normalization removes.
    assert _titles(BriefPage.objects.live().search("ـــ")) == []
