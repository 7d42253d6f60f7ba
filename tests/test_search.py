"""Keyword search on the listing, per language (Arabic stemmed on PostgreSQL and SQLite)."""

import pytest

from tests import factories
from tests.support.html import card_titles
from tests.translation_support import publish, submit, translate_strings

pytestmark = pytest.mark.django_db(transaction=False)


def test_english_keyword_search_narrows_the_listing(tree, client):
    factories.brief("Water scarcity along the Euphrates", summary="Dams and irrigation.")
    factories.brief("Naval exercises in the Gulf", summary="Maritime posture.")
    response = client.get("/policy-analysis/?q=irrigation")
    assert card_titles(response) == ["Water scarcity along the Euphrates"]


def test_arabic_search_finds_the_inflected_form(tree, client):
    english = factories.brief("Water security", summary="Water security in Iraq.")
    translation = submit(english)
    translate_strings(
        translation,
        text_for=lambda text: "الأمن المائي في العراق" if "Water" in text else "نص",
    )
    arabic = publish(translation)
    assert arabic.live

    exact = client.get("/ar/policy-analysis/?q=المائي")
    assert card_titles(exact) == [arabic.title]
    stem = client.get("/ar/policy-analysis/?q=مائي")
    # PostgreSQL's `arabic` configuration and, on SQLite, core.text_normalization strip the
    # article: مائي matches المائي.
    assert card_titles(stem) == [arabic.title]
    # English search never returns the Arabic edition, and vice versa.
    assert card_titles(client.get("/policy-analysis/?q=المائي")) == []

    # The API searches exactly as the HTML listing does.
    api = client.get("/api/v1/analysis/", {"locale": "ar", "q": "مائي"}).json()
    assert [item["title"] for item in api["items"]] == card_titles(stem)


@pytest.mark.parametrize("query", ['"', "water (", "AND OR NOT", "*", "-", "water's \\"])
def test_search_syntax_never_breaks_the_listing(tree, client, query):
    factories.brief("Water scarcity along the Euphrates", summary="Dams and irrigation.")
    response = client.get("/policy-analysis/", {"q": query})
    assert response.status_code == 200
    api = client.get("/api/v1/analysis/", {"q": query})
    assert api.status_code in (200, 422)
