"""Showing objects in the reader's language (core.localization), tested directly.

localize / localize_many swap model instances for their translation in a locale, localize_rows
does the same for ``values()`` rows, live_translations / live_translation_rows list a page's
other editions. The rule is the same everywhere: a translation counts when readers may see it
(live, public, not expired, for pages); otherwise the source stays, marked as a fallback.
Translations are made through wagtail-localize (tests.support.translation), as the admin does.
"""

import pytest
from django.utils import translation
from wagtail.models import Page, Site

from core import localization
from core.localization import (
    language_code_for,
    live_translation_rows,
    live_translations,
    localize,
    localize_many,
    localize_rows,
)
from core.models import Region
from core.visibility import private_q, visible
from experts.models import ExpertPage
from tests.support import factories
from tests.support.editions import HIDDEN_EDITIONS, translate_term
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db

#: Queries of localize_many for pages of one model and snippets of another, any number of
#: each: the page translations, the snippet translations (the view restrictions are warm).
LOCALIZE_MANY_QUERIES = 2
#: Queries of localize_rows for page rows (translations) and snippet rows.
LOCALIZE_PAGE_ROWS_QUERIES = 1
LOCALIZE_SNIPPET_ROWS_QUERIES = 1
#: live_translations and live_translation_rows: the editions.
LIVE_TRANSLATIONS_QUERIES = 1

PAGE_FIELDS = ("id", "title", "translation_key", "locale_id")
TERM_FIELDS = ("id", "name", "translation_key", "locale_id")


def warm_caches():
    """What a running site has read already: the site root paths, the locale codes and the
    view restrictions (kept by content version, core.versioned)."""
    Site.get_site_root_paths()
    language_code_for(factories.english().pk)
    private_q()


@pytest.fixture(params=sorted(HIDDEN_EDITIONS))
def hidden(request, tree):
    """(English expert, its Arabic edition that readers may not see), for each reason."""
    expert = factories.expert("Hidden Edition")
    return expert, HIDDEN_EDITIONS[request.param](expert)


def page_row(page, is_fallback):
    fallback_language = page.locale.language_code if is_fallback else ""
    return {
        "id": page.pk,
        "title": page.title,
        "translation_key": page.translation_key,
        "locale_id": page.locale_id,
        "is_fallback": is_fallback,
        "fallback_language": fallback_language,
    }


def page_rows(*pages):
    """values() rows of ``pages``, in the order given."""
    by_pk = {
        row["id"]: row
        for row in Page.objects.filter(pk__in=[p.pk for p in pages]).values(*PAGE_FIELDS)
    }
    return [by_pk[page.pk] for page in pages]


def visible_experts():
    return visible(ExpertPage.objects.all())


def described(objects):
    """What a template shows of localized objects: their class, id and fallback marks."""
    return [(type(o).__name__, o.pk, o.is_fallback, o.fallback_language) for o in objects]


# --- localize / localize_many -------------------------------------------------------------


#: (how to make one in English, how to translate it, its translated field) per kind of object.
KINDS = {
    "page": (factories.expert, translate_and_publish, "title"),
    "snippet": (factories.region, translate_term, "name"),
}


def marks(obj, field):
    """What a template reads of a localized object."""
    return (obj.pk, getattr(obj, field), obj.is_fallback, obj.fallback_language)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_object_with_a_translation_is_replaced_by_it(tree, kind):
    make, translate, field = KINDS[kind]
    source = make("Iraq Study")
    arabic = translate(source)
    assert marks(localize(source, factories.arabic()), field) == (
        arabic.pk,
        "عربي: Iraq Study",
        False,
        "",
    )


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_object_without_translation_keeps_its_source_marked_as_english(tree, kind):
    make, _translate, field = KINDS[kind]
    source = make("Syria Study")
    assert marks(localize(source, factories.arabic()), field) == (
        source.pk,
        "Syria Study",
        True,
        "en",
    )


def test_a_translation_readers_may_not_see_is_never_swapped_in(hidden):
    expert, _arabic = hidden
    assert marks(localize(expert, factories.arabic()), "title") == (
        expert.pk,
        "Hidden Edition",
        True,
        "en",
    )


def test_an_arabic_page_read_in_english_becomes_its_english_source(tree):
    expert = factories.expert("Dana Stroul")
    arabic = translate_and_publish(expert)
    localized = localize(arabic, factories.english())
    assert (localized.pk, localized.is_fallback) == (expert.pk, False)


def test_an_arabic_page_without_a_live_english_source_is_marked_as_arabic(tree):
    expert = factories.expert("Unpublished Source")
    arabic = translate_and_publish(expert)
    expert.unpublish()
    localized = localize(arabic, factories.english())
    assert (localized.pk, localized.is_fallback, localized.fallback_language) == (
        arabic.pk,
        True,
        "ar",
    )


def test_an_object_already_in_the_locale_is_returned_as_it_is_without_a_query(
    tree, django_assert_num_queries
):
    expert = factories.expert("Already English")
    english = factories.english()
    with django_assert_num_queries(0):
        localized = localize(expert, english)
    assert (localized is expert, localized.is_fallback, localized.fallback_language) == (
        True,
        False,
        "",
    )


def test_without_a_locale_the_active_language_is_used(tree):
    expert = factories.expert("Active Language")
    arabic = translate_and_publish(expert)
    translation.activate("ar")
    assert localize(expert).pk == arabic.pk


def test_localize_of_nothing_is_nothing():
    assert localize(None) is None


def test_localize_many_keeps_the_order_and_leaves_out_none(tree):
    translated_expert = factories.expert("Translated Expert")
    arabic_expert = translate_and_publish(translated_expert)
    plain_expert = factories.expert("Plain Expert")
    translated_region = factories.region("Lebanon")
    arabic_region = translate_term(translated_region)
    plain_region = factories.region("Jordan")

    localized = localize_many(
        [plain_region, translated_expert, None, plain_expert, translated_region],
        factories.arabic(),
    )
    assert described(localized) == [
        ("Region", plain_region.pk, True, "en"),
        ("ExpertPage", arabic_expert.pk, False, ""),
        ("ExpertPage", plain_expert.pk, True, "en"),
        ("Region", arabic_region.pk, False, ""),
    ]


@pytest.mark.parametrize("count", [1, 6])
def test_localize_many_costs_one_query_per_model_whatever_the_number(
    tree, django_assert_num_queries, count
):
    experts = [factories.expert(f"Counted Expert {n}") for n in range(count)]
    regions = [factories.region(f"Counted Region {n}") for n in range(count)]
    for expert, region in zip(experts[::2], regions[::2], strict=True):
        translate_and_publish(expert)
        translate_term(region)
    arabic = factories.arabic()
    warm_caches()
    with django_assert_num_queries(LOCALIZE_MANY_QUERIES):
        localized = localize_many([*experts, *regions], arabic)
    assert [o.is_fallback for o in localized] == [n % 2 == 1 for n in range(count)] * 2


def test_fallback_language_codes_are_read_once_per_process(tree, django_assert_num_queries):
    first, second = factories.region("First"), factories.region("Second")
    arabic = factories.arabic()
    # Saving content may have read the codes already (PostgreSQL's search indexer picks each
    # object's text-search configuration by its language): start from none.
    localization.clear_locale_cache()
    # The snippet query, then the locale codes for the first fallback mark.
    with django_assert_num_queries(2):
        localize(first, arabic)
    with django_assert_num_queries(1):
        localize(second, arabic)


def test_the_language_code_of_an_unknown_locale_is_the_default_language(db):
    assert language_code_for(987654) == "en"


# --- localize_rows -----------------------------------------------------------------------


def test_rows_with_a_live_translation_are_replaced_and_the_others_marked(tree):
    translated = factories.expert("Row Translated")
    arabic = translate_and_publish(translated)
    plain = factories.expert("Row Plain")
    rows = localize_rows(
        visible_experts, page_rows(translated, plain), factories.arabic(), PAGE_FIELDS
    )
    assert rows == [page_row(arabic, is_fallback=False), page_row(plain, is_fallback=True)]


def test_rows_whose_translation_readers_may_not_see_keep_the_source(hidden):
    expert, _arabic = hidden
    rows = localize_rows(visible_experts, page_rows(expert), factories.arabic(), PAGE_FIELDS)
    assert rows == [page_row(expert, is_fallback=True)]


def test_rows_keep_their_order_and_repeated_rows_are_each_replaced(tree):
    first = factories.expert("Order First")
    arabic_first = translate_and_publish(first)
    second = factories.expert("Order Second")
    rows = localize_rows(
        visible_experts, page_rows(second, first, second, first), factories.arabic(), PAGE_FIELDS
    )
    assert [row["id"] for row in rows] == [second.pk, arabic_first.pk, second.pk, arabic_first.pk]


def test_term_rows_are_replaced_by_their_translations(tree):
    region = factories.region("Yemen")
    arabic = translate_term(region)
    rows = list(Region.objects.filter(pk=region.pk).values(*TERM_FIELDS))
    localized = localize_rows(Region.objects.all, rows, factories.arabic(), TERM_FIELDS)
    assert localized == [
        {
            "id": arabic.pk,
            "name": "عربي: Yemen",
            "translation_key": region.translation_key,
            "locale_id": factories.arabic().pk,
            "is_fallback": False,
            "fallback_language": "",
        }
    ]


def test_the_rows_given_are_left_unchanged(tree):
    expert = factories.expert("Untouched Row")
    translate_and_publish(expert)
    rows = page_rows(expert)
    given = [dict(row) for row in rows]
    localize_rows(visible_experts, rows, factories.arabic(), PAGE_FIELDS)
    assert rows == given


def test_rows_already_in_the_locale_cost_no_query_and_never_ask_for_candidates(
    tree, django_assert_num_queries
):
    expert = factories.expert("English Row")
    rows = page_rows(expert)
    asked = []

    def candidates():
        asked.append(True)
        return visible_experts()

    english = factories.english()
    with django_assert_num_queries(0):
        localized = localize_rows(candidates, rows, english, PAGE_FIELDS)
    assert (localized, asked) == ([page_row(expert, is_fallback=False)], [])


@pytest.mark.parametrize("count", [1, 6])
def test_page_rows_cost_the_same_queries_whatever_their_number(
    tree, django_assert_num_queries, count
):
    experts = [factories.expert(f"Row Expert {n}") for n in range(count)]
    for expert in experts[::2]:
        translate_and_publish(expert)
    rows = page_rows(*experts)
    arabic = factories.arabic()
    warm_caches()
    with django_assert_num_queries(LOCALIZE_PAGE_ROWS_QUERIES):
        localized = localize_rows(visible_experts, rows, arabic, PAGE_FIELDS)
    assert [row["is_fallback"] for row in localized] == [n % 2 == 1 for n in range(count)]


@pytest.mark.parametrize("count", [1, 6])
def test_term_rows_cost_one_query_whatever_their_number(tree, django_assert_num_queries, count):
    regions = [factories.region(f"Row Region {n}") for n in range(count)]
    for region in regions[::2]:
        translate_term(region)
    rows = list(
        Region.objects.filter(pk__in=[r.pk for r in regions]).order_by("pk").values(*TERM_FIELDS)
    )
    arabic = factories.arabic()
    warm_caches()
    with django_assert_num_queries(LOCALIZE_SNIPPET_ROWS_QUERIES):
        localized = localize_rows(Region.objects.all, rows, arabic, TERM_FIELDS)
    assert [row["is_fallback"] for row in localized] == [n % 2 == 1 for n in range(count)]


# --- live_translations / live_translation_rows ---------------------------------------------


def test_live_translations_of_an_english_page_are_its_live_arabic_edition(tree):
    expert = factories.expert("Two Editions")
    arabic = translate_and_publish(expert)
    editions = live_translations(expert)
    assert [(type(p), p.pk, p.language_code, p.language_name_local) for p in editions] == [
        (ExpertPage, arabic.pk, "ar", "العربيّة")
    ]


def test_live_translations_of_an_arabic_page_are_its_english_source(tree):
    expert = factories.expert("From Arabic")
    arabic = translate_and_publish(expert)
    editions = live_translations(arabic)
    assert [(p.pk, p.language_code, p.language_name_local) for p in editions] == [
        (expert.pk, "en", "English")
    ]


def test_live_translations_leave_out_editions_readers_may_not_see(hidden):
    expert, _arabic = hidden
    assert live_translations(expert) == []


def test_live_translations_cost_the_same_queries_as_their_rows(tree, django_assert_num_queries):
    expert = factories.expert("Counted Editions")
    translate_and_publish(expert)
    warm_caches()
    with django_assert_num_queries(LIVE_TRANSLATIONS_QUERIES):
        live_translations(expert)
    with django_assert_num_queries(LIVE_TRANSLATIONS_QUERIES):
        live_translation_rows(expert, "url_path")


def test_live_translation_rows_give_the_fields_asked_for_and_the_language(tree):
    expert = factories.expert("Row Editions")
    arabic = translate_and_publish(expert)
    assert live_translation_rows(expert, "url_path", "title") == [
        {"url_path": arabic.url_path, "title": "عربي: Row Editions", "language_code": "ar"}
    ]


def test_live_translation_rows_leave_out_editions_readers_may_not_see(hidden):
    expert, _arabic = hidden
    assert live_translation_rows(expert, "url_path") == []
