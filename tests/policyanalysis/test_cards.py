"""The card builder (policyanalysis.cards) that the HTML listings, Recommended and the API
share: cards from values() rows carry the same URLs as Wagtail's Page.url, localize types
and authors like the pages do, cost the same queries for any number of briefs, and an API
request reads the view restrictions once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from policyanalysis.cards import brief_card, build_cards
from policyanalysis.models import BriefPage
from policyanalysis.recommendations import recommended_for
from tests.support import factories
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db


def test_card_and_author_urls_equal_page_urls_in_both_languages(tree):
    author = factories.expert("Karl Kaltenthaler")
    brief = factories.brief("Water and Power", authors=[author], slug="water-and-power")
    arabic_brief = translate_and_publish(brief)
    arabic_author = translate_and_publish(author)
    Site.clear_site_root_paths_cache()

    english_cards = build_cards(BriefPage.objects.filter(pk=brief.pk), factories.english())
    arabic_cards = build_cards(BriefPage.objects.filter(pk=arabic_brief.pk), factories.arabic())

    assert english_cards[0].url == brief.url == "/policy-analysis/water-and-power/"
    assert english_cards[0].card_authors[0].url == author.url
    assert arabic_cards[0].url == arabic_brief.url
    assert arabic_cards[0].url.startswith("/ar/")
    # The Arabic card lists the Arabic profile (author rows point at the English one).
    assert arabic_cards[0].card_authors[0].pk == arabic_author.pk
    assert arabic_cards[0].card_authors[0].url == arabic_author.url
    assert not arabic_cards[0].card_authors[0].is_fallback


def test_cards_are_absolute_when_the_project_serves_several_sites(tree):
    brief = factories.brief("Two sites")
    other_home = Page.get_first_root_node().add_child(instance=Page(title="Other", slug="other"))
    Site.objects.create(hostname="other.example.org", port=80, root_page=other_home)
    Site.clear_site_root_paths_cache()
    (card,) = build_cards(BriefPage.objects.filter(pk=brief.pk))
    fresh = BriefPage.objects.get(pk=brief.pk)
    assert card.url == fresh.url
    assert card.url.startswith("http://localhost")


def test_an_untranslated_author_falls_back_to_english_and_says_so(tree):
    author = factories.expert("Simon Henderson")
    arabic_brief = translate_and_publish(factories.brief("Gulf security", authors=[author]))
    (card,) = build_cards(BriefPage.objects.filter(pk=arabic_brief.pk), factories.arabic())
    (person,) = card.card_authors
    assert (person.title, person.is_fallback, person.fallback_language) == (
        "Simon Henderson",
        True,
        "en",
    )
    assert card.card_type.name == "Brief Analysis"


def test_a_brief_s_own_card_agrees_with_the_listing_s_without_a_query(
    tree, django_assert_num_queries
):
    authors = [factories.expert(f"Writer {n}") for n in range(3)]
    hidden = factories.expert("Hidden Writer", publish=False)
    brief = factories.brief(
        "Agree",
        authors=[*authors, hidden],
        regions=[factories.region("Iraq")],
        issues=[factories.issue("Terrorism")],
        series=[factories.series("Militia Spotlight")],
    )
    page = BriefPage.objects.get(pk=brief.pk)
    author_rows, linked = page.get_authors(), page.get_linked_terms()

    def shape(card):
        return (
            card.pk,
            card.title,
            card.url,
            card.date,
            card.card_type.slug,
            [series.name for series in card.card_series],
            card.regions_ids,
            card.issues_ids,
            [author.title for author in card.card_authors],
        )

    english = factories.english()
    (listed,) = build_cards(BriefPage.objects.filter(pk=brief.pk), english)
    with django_assert_num_queries(0):  # (the vocabularies are kept: the listing read them)
        own = brief_card(page, author_rows, linked, english)
    assert shape(own) == shape(listed)
    assert shape(own)[4:] == (
        "brief-analysis",
        ["Militia Spotlight"],
        linked["regions"],
        linked["issues"],
        ["Writer 0", "Writer 1", "Writer 2"],
    )


def test_arabic_api_listing_queries_do_not_grow_with_the_limit(client, tree):
    authors = [factories.expert(f"Author {n}") for n in range(2)]
    for n in range(3):
        translate_and_publish(factories.brief(f"Arabic {n}", authors=authors))

    def count(limit):
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/api/v1/analysis/?locale=ar&limit={limit}")
        assert response.status_code == 200
        return len(captured), len(response.json()["items"])

    count(3)  # a running site has read its locales already (a process-wide cache)
    assert count(1)[0] == count(3)[0]
    assert count(3)[1] == 3


def test_an_api_detail_reads_the_view_restrictions_once(client, tree):
    from django.core.cache import cache

    authors = [factories.expert(f"Restricted {n}") for n in range(2)]
    picks = [factories.brief(f"Pick {n}") for n in range(2)]
    brief = factories.brief("Host", authors=authors, recommended=picks)
    translate_and_publish(brief)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/api/v1/analysis/{brief.pk}/").status_code == 200
    reads = [q for q in captured if "wagtailcore_pageviewrestriction" in q["sql"]]
    assert len(reads) == 1


def test_a_private_brief_never_becomes_a_card(client, tree):
    shown = factories.brief("Public brief")
    hidden = factories.make_private(factories.brief("Private brief"))
    host = factories.brief("Host", recommended=[hidden, shown])
    titles = [card.title for card in recommended_for(host)[1]]
    assert "Private brief" not in titles
    assert titles[0] == "Public brief"
    from django.core.cache import cache

    cache.clear()
    listed = [item["title"] for item in client.get("/api/v1/analysis/").json()["items"]]
    assert "Private brief" not in listed
    assert "Public brief" in listed
    assert hidden.pk not in [item["id"] for item in client.get("/api/v1/analysis/").json()["items"]]
