"""core.vocabulary: a page's terms in one query, each vocabulary kept by content version in
the reader's language, and what readers see when a term changes."""

import pytest
from taggit.models import Tag

from core.models import Issue, Region
from core.vocabulary import linked_ids, localized_terms, terms_in
from policyanalysis.models import LINKED_TERMS, Series
from tests.support import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def brief(tree):
    page = factories.brief(
        "Linked",
        regions=[factories.region("Iraq"), factories.region("Syria")],
        issues=[factories.issue("Terrorism")],
        series=[factories.series("Militia Spotlight")],
    )
    page.tags.add("militias", "elections")
    page.save_revision().publish()
    return page


def test_a_page_s_relations_and_tags_are_read_in_one_query(brief, django_assert_num_queries):
    iraq, syria = Region.objects.get(slug="iraq"), Region.objects.get(slug="syria")
    with django_assert_num_queries(1):
        linked = linked_ids(brief, LINKED_TERMS)
    tags = {name: (pk, slug) for pk, name, slug in linked["tags"]}
    assert linked["regions"] == sorted([iraq.pk, syria.pk])
    assert linked["issues"] == [Issue.objects.get(slug="terrorism").pk]
    assert linked["series"] == [Series.objects.get(slug="militia-spotlight").pk]
    assert tags == {
        "militias": (Tag.objects.get(name="militias").pk, "militias"),
        "elections": (Tag.objects.get(name="elections").pk, "elections"),
    }


def test_a_draft_s_relations_are_read_from_memory_not_from_the_database(brief):
    lebanon = factories.region("Lebanon")
    draft = brief.get_latest_revision_as_object()
    draft.regions = [lebanon]
    draft.tags.add("hezbollah")
    linked = linked_ids(draft, ["regions", "tags"])
    assert linked["regions"] == [lebanon.pk]
    assert sorted(name for _pk, name, _slug in linked["tags"]) == [
        "elections",
        "hezbollah",
        "militias",
    ]


def test_an_unsaved_page_links_to_nothing_without_a_query(tree, django_assert_num_queries):
    from policyanalysis.models import BriefPage

    with django_assert_num_queries(0):
        assert linked_ids(BriefPage(title="New"), ["regions", "issues"]) == {
            "regions": [],
            "issues": [],
        }


def test_terms_are_swapped_for_their_translation_and_untranslated_ones_say_so(tree):
    iraq = factories.region("Iraq")
    arabic_iraq = iraq.copy_for_translation(factories.arabic())
    arabic_iraq.name = "العراق"
    arabic_iraq.save()
    terrorism = factories.issue("Terrorism")
    arabic = factories.arabic()

    shown = terms_in(Region, arabic.pk)[iraq.pk]
    untranslated = terms_in(Issue, arabic.pk)[terrorism.pk]

    assert (shown.pk, shown.name, shown.is_fallback, shown.fallback_language) == (
        arabic_iraq.pk,
        "العراق",
        False,
        "",
    )
    assert (untranslated.name, untranslated.is_fallback, untranslated.fallback_language) == (
        "Terrorism",
        True,
        "en",
    )
    # The English readers' copy of the same term is not marked.
    assert terms_in(Issue, factories.english().pk)[terrorism.pk].is_fallback is False


def test_terms_keep_the_order_of_the_linked_terms_not_of_their_translations(tree):
    arabic = factories.arabic()
    egypt, lebanon = factories.region("Egypt"), factories.region("Lebanon")
    for region, name in ((egypt, "مصر"), (lebanon, "لبنان")):  # لبنان sorts before مصر
        translated = region.copy_for_translation(arabic)
        translated.name = name
        translated.save()
    shown = localized_terms(Region, [lebanon.pk, egypt.pk], arabic)
    assert [term.name for term in shown] == ["مصر", "لبنان"]


def test_a_term_missing_from_the_kept_vocabulary_is_shown_in_the_reader_s_language(tree):
    arabic = factories.arabic()
    localized_terms(Region, [], arabic)  # kept without the new terms
    # bulk_create sends no signal: as if another process had added them since.
    [oman] = Region.objects.bulk_create(
        [Region(name="Oman", slug="oman", locale=factories.english())]
    )
    translated = oman.copy_for_translation(arabic)
    translated.name = "عُمان"
    Region.objects.bulk_create([translated])
    assert [term.name for term in localized_terms(Region, [oman.pk], arabic)] == ["عُمان"]


def test_a_kept_vocabulary_costs_no_query(tree, django_assert_num_queries):
    iraq = factories.region("Iraq")
    english = factories.english()
    localized_terms(Region, [iraq.pk], english)
    with django_assert_num_queries(0):
        assert [term.name for term in localized_terms(Region, [iraq.pk], english)] == ["Iraq"]


def test_a_term_missing_from_the_kept_vocabulary_is_read_from_the_database(tree):
    english = factories.english()
    localized_terms(Region, [], english)  # the vocabulary is kept without the new term
    # bulk_create sends no signal: as if another process had added it since.
    [yemen] = Region.objects.bulk_create([Region(name="Yemen", slug="yemen", locale=english)])
    assert [term.name for term in localized_terms(Region, [yemen.pk], english)] == ["Yemen"]


def test_a_renamed_region_is_shown_under_its_new_name_at_once(client, brief):
    assert ">Iraq</a>" in client.get(brief.url).content.decode()
    iraq = Region.objects.get(slug="iraq")
    iraq.name = "Republic of Iraq"
    iraq.save()
    html = client.get(brief.url).content.decode()
    assert (">Republic of Iraq</a>" in html, ">Iraq</a>" in html) == (True, False)


def test_the_brief_page_shows_its_tags_regions_issues_and_series(client, brief):
    html = client.get(brief.url).content.decode()
    assert 'href="/policy-analysis/?tag=militias"' in html
    assert 'href="/policy-analysis/?tag=elections"' in html
    assert 'href="/policy-analysis/syria/"' in html
    assert 'href="/policy-analysis/terrorism/"' in html
    assert 'href="/policy-analysis/series/militia-spotlight/"' in html
