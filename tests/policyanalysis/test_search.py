"""Keyword search of the analysis listing and the API: the same hits on SQLite and
PostgreSQL (whichever the suite runs on), best match first."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support import factories
from tests.support.html import card_titles
from tests.support.translation import publish, submit, translate_strings

pytestmark = pytest.mark.django_db(transaction=False)

# Arabic briefs: (title, summary, body text).
IRAQ_POLITICS = ("مستقبل العراق السياسي", "قراءة في الانتخابات المقبلة.", "تحديات الحكومة.")
PMF = ("قوات الحشد الشعبي", "دور الفصائل المسلحة.", "تأثير إيران في العراق.")
SANCTIONS = ("العقوبات على إيران", "الاقتصاد تحت الضغط.", "تراجع صادرات النفط.")
WATER = ("المياه في سوريا", "شح الموارد.", "الزراعة والري.")
# English briefs.
MILITIAS = ("Militias and the state", "Armed groups in politics.", "Who commands whom.")
DAMS = ("Water security", "Dams on the Euphrates.", "A militia guards the dam.")
NAVY = ("Naval exercises in the Gulf", "Maritime posture.", "Ships and drills.")


def _brief(text, **fields):
    title, summary, body = text
    return factories.brief(title, summary=summary, body=[("paragraph", f"<p>{body}</p>")], **fields)


@pytest.fixture
def arabic_index(tree):
    """The Arabic edition of the home page and of /policy-analysis/, live."""
    home, _experts, analysis = tree
    arabic_home = home.copy_for_translation(factories.arabic())
    arabic_home.save_revision().publish()
    index = analysis.copy_for_translation(factories.arabic())
    index.save_revision().publish()
    return index


@pytest.fixture
def corpus(tree, arabic_index):
    for text in (IRAQ_POLITICS, PMF, SANCTIONS, WATER):
        _brief(text, parent=arabic_index)
    for text in (MILITIAS, DAMS, NAVY):
        _brief(text)


#: The search matrix: each query and the briefs it must find, the same on SQLite (normalized,
#: Snowball-stemmed index) and PostgreSQL (the `arabic` and `english` configurations); the
#: suite runs on both (make test), so each row is asserted on each database.
VARIANTS = pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("ar", "عراق", [IRAQ_POLITICS, PMF]),
        ("ar", "العراق", [IRAQ_POLITICS, PMF]),
        ("ar", "ايران", [PMF, SANCTIONS]),
        ("ar", "إيران", [PMF, SANCTIONS]),
        ("ar", "حشد", [PMF]),
        ("ar", "الحشد", [PMF]),
        ("ar", "العِرَاق", [IRAQ_POLITICS, PMF]),
        ("ar", "العـراق", [IRAQ_POLITICS, PMF]),
        ("en", "militia", [MILITIAS, DAMS]),
        ("en", "militias", [MILITIAS, DAMS]),
    ],
)


@VARIANTS
def test_a_word_finds_its_variants_on_every_database(client, corpus, language, query, expected):
    prefix = "/ar" if language == "ar" else ""
    response = client.get(f"{prefix}/policy-analysis/", {"q": query})
    assert sorted(card_titles(response)) == sorted(title for title, _s, _b in expected)


@VARIANTS
def test_the_api_finds_the_same_variants(client, corpus, language, query, expected):
    response = client.get("/api/v1/analysis/", {"locale": language, "q": query})
    assert response.status_code == 200
    found = [item["title"] for item in response.json()["items"]]
    assert sorted(found) == sorted(title for title, _s, _b in expected)


# Relevance: the words in the title, in the summary, only in the body.
SEED = (
    "A U.S.-Iraq Strategic Dialogue: A Question of Interests and Expectations",
    "Talks between Washington and Baghdad.",
    "The talks opened in June.",
)
IN_SUMMARY = ("Gulf sovereign wealth", "A strategic dialogue on investment.", "Funds and markets.")
IN_BODY = (
    "Iraqi youth and the elections",
    "Turnout and trust.",
    "Students asked for a strategic dialogue.",
)
ARABIC_SEED = ("الحوار الاستراتيجي بين العراق وأمريكا", "محادثات.", "بدأت في يونيو.")
ARABIC_IN_SUMMARY = ("صناديق الثروة الخليجية", "حوار استراتيجي حول الاستثمار.", "الأسواق.")
ARABIC_IN_BODY = ("الشباب والانتخابات", "المشاركة والثقة.", "طالب الطلاب بحوار استراتيجي.")


def _ranked_briefs(texts=(SEED, IN_SUMMARY, IN_BODY), parent=None):
    """Briefs from ``texts``, best match first and each newer than the one before (so
    newest-first is the reverse), then a newer one that does not match; their titles,
    best match first."""
    dates = [datetime.date(2020, 5, 14), datetime.date(2021, 1, 1), datetime.date(2022, 1, 1)]
    for text, date in zip(texts, dates, strict=True):
        _brief(text, date=date, parent=parent)
    _brief(NAVY, date=datetime.date(2023, 1, 1), parent=parent)
    return [title for title, _summary, _body in texts]


def test_the_listing_puts_the_title_match_first(client, tree):
    best_first = _ranked_briefs()
    response = client.get("/policy-analysis/", {"q": "Strategic Dialogue"})
    assert card_titles(response) == best_first


def test_the_api_orders_a_search_by_relevance_by_default(client, tree):
    best_first = _ranked_briefs()
    response = client.get("/api/v1/analysis/", {"q": "Strategic Dialogue"})
    assert [item["title"] for item in response.json()["items"]] == best_first


def test_the_api_orders_a_search_by_relevance_when_asked(client, tree):
    best_first = _ranked_briefs()
    response = client.get("/api/v1/analysis/", {"q": "strategic dialogue", "ordering": "relevance"})
    assert [item["title"] for item in response.json()["items"]] == best_first


def test_the_api_orders_a_search_by_date_when_asked(client, tree):
    best_first = _ranked_briefs()
    response = client.get("/api/v1/analysis/", {"q": "Strategic Dialogue", "ordering": "-date"})
    assert [item["title"] for item in response.json()["items"]] == best_first[::-1]


def test_the_api_orders_a_search_by_title_when_asked(client, tree):
    best_first = _ranked_briefs()
    response = client.get("/api/v1/analysis/", {"q": "Strategic Dialogue", "ordering": "title"})
    assert [item["title"] for item in response.json()["items"]] == sorted(best_first)


def test_the_api_lists_newest_first_without_a_search(client, tree):
    _ranked_briefs()
    response = client.get("/api/v1/analysis/")
    assert [item["date"] for item in response.json()["items"]] == [
        "2023-01-01",
        "2022-01-01",
        "2021-01-01",
        "2020-05-14",
    ]


@pytest.mark.parametrize("q", [None, "", "***"])
def test_the_api_refuses_relevance_ordering_without_search_words(client, tree, q):
    _ranked_briefs()
    params = {"ordering": "relevance"} if q is None else {"ordering": "relevance", "q": q}
    response = client.get("/api/v1/analysis/", params)
    assert response.status_code == 422
    assert "ordering=relevance needs words to search in q." in response.content.decode()


def test_arabic_title_match_comes_first_in_the_listing_and_the_api(client, arabic_index):
    best_first = _ranked_briefs((ARABIC_SEED, ARABIC_IN_SUMMARY, ARABIC_IN_BODY), arabic_index)
    listing = client.get("/ar/policy-analysis/", {"q": "الحوار الاستراتيجي"})
    api = client.get("/api/v1/analysis/", {"locale": "ar", "q": "الحوار الاستراتيجي"})
    assert (card_titles(listing), [item["title"] for item in api.json()["items"]]) == (
        best_first,
        best_first,
    )


def test_search_results_never_include_drafts_or_private_briefs(client, tree):
    factories.brief("Strategic dialogue in draft", publish=False)
    factories.make_private(factories.brief("Strategic dialogue behind a password"))
    public = factories.brief("Strategic dialogue in public")
    listing = client.get("/policy-analysis/", {"q": "strategic dialogue"})
    api = client.get("/api/v1/analysis/", {"q": "strategic dialogue"})
    assert (card_titles(listing), [item["title"] for item in api.json()["items"]]) == (
        [public.title],
        [public.title],
    )


def test_api_pages_of_a_search_follow_the_relevance_order(client, tree):
    best_first = _ranked_briefs()
    response = client.get("/api/v1/analysis/", {"q": "strategic dialogue", "limit": 1, "offset": 1})
    body = response.json()
    assert (body["count"], [item["title"] for item in body["items"]]) == (3, best_first[1:2])


def _search_queries(client, path, params):
    cache.clear()  # responses are cached by content version: count the uncached path
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/policy-analysis/", "/api/v1/analysis/"])
def test_ordering_by_relevance_costs_the_same_queries_for_more_hits(client, tree, path):
    _ranked_briefs()
    params = {"q": "strategic dialogue", "limit": 20}
    _search_queries(client, path, params)  # warms the per-process caches (locales, sites)
    few = _search_queries(client, path, params)
    for number in range(5):
        _brief((f"Strategic dialogue, round {number}", "Talks.", "More talks."))
    assert _search_queries(client, path, params) == few


# --- the listing's keyword search, per language ------------------------------------------


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
    assert api.status_code == 200
    assert [item["title"] for item in api.json()["items"]] == card_titles(response)
