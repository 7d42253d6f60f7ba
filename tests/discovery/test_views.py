"""The search page (/search/, /ar/search/), the header's search box and robots.txt."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests.support import factories
from tests.support.html import card_titles
from tests.support.translation import arabic_text, publish, submit, translate_strings

pytestmark = pytest.mark.django_db

SEED_TITLE = "A U.S.-Iraq Strategic Dialogue: A Question of Interests and Expectations"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def search_titles(response):
    return [a.get_text() for a in soup(response).select(".search-results .card__title a")]


@pytest.fixture
def ranked(tree):
    """The seed brief (words in its title) and two newer briefs with the words only in the
    summary or the body, and a newer one without them."""
    factories.brief(SEED_TITLE, date=datetime.date(2020, 5, 14), summary="Washington and Baghdad.")
    factories.brief("Gulf funds", date=datetime.date(2021, 1, 1), summary="A strategic dialogue.")
    factories.brief(
        "Youth and elections",
        date=datetime.date(2022, 1, 1),
        body=[("paragraph", "<p>Students asked for a strategic dialogue.</p>")],
    )
    factories.brief("Naval exercises", date=datetime.date(2023, 1, 1))


def test_the_title_match_comes_first_then_summary_then_body(client, ranked):
    response = client.get("/search/", {"q": "Strategic Dialogue"})
    assert search_titles(response) == [SEED_TITLE, "Gulf funds", "Youth and elections"]


def test_every_page_has_a_search_box_that_leads_to_the_search(client, ranked):
    for url in ("/", "/policy-analysis/", "/experts/"):
        form = soup(client.get(url)).select_one("header form.site-search")
        assert form["action"] == "/search/"
        assert form.select_one("input[type=search]")["name"] == "q"


def test_the_search_box_keeps_the_query_on_the_search_page(client, ranked):
    box = soup(client.get("/search/", {"q": "dialogue"})).select_one("form.site-search input")
    assert box["value"] == "dialogue"


def test_matching_words_are_marked_in_a_snippet(client, ranked):
    page = soup(client.get("/search/", {"q": "students"}))
    snippet = page.select_one(".search-result__snippet")
    assert str(snippet) == (
        '<p class="search-result__snippet"><mark>Students</mark> asked for a strategic '
        "dialogue.</p>"
    )


def test_snippets_mark_inflected_forms_and_escape_the_text(client, tree):
    factories.brief("Armed groups", summary="Militias <b>and</b> the state.")
    snippet = soup(client.get("/search/", {"q": "militia"})).select_one(".search-result__snippet")
    assert snippet.decode_contents() == "<mark>Militias</mark> &lt;b&gt;and&lt;/b&gt; the state."


def test_facets_count_the_results_and_narrow_the_search(client, tree):
    iraq, iran = factories.region("Iraq"), factories.region("Iran")
    report = factories.publication_type("Report")
    author = factories.expert("Dana Writer")
    factories.brief("Oil in Iraq", regions=[iraq], authors=[author], date=datetime.date(2020, 3, 1))
    factories.brief("Oil in Iran", regions=[iran], type=report, date=datetime.date(2021, 3, 1))
    factories.brief("Oil and Iraq's neighbours", regions=[iraq], date=datetime.date(2021, 5, 1))
    page = soup(client.get("/search/", {"q": "oil"}))
    facets = {
        facet.select_one("h2").get_text(): [a.get_text(" ", strip=True) for a in facet.select("a")]
        for facet in page.select(".facet")
    }
    assert facets == {
        "Type": ["Brief Analysis 2", "Report 1"],
        "Region": ["Iran 1", "Iraq 2"],
        "Expert": ["Dana Writer 1"],
        "Year": ["2021 2", "2020 1"],
    }
    iraq_link = page.select_one('.facet a[href*="region=iraq"]')["href"]
    narrowed = client.get("/search/" + iraq_link)
    assert sorted(search_titles(narrowed)) == ["Oil and Iraq's neighbours", "Oil in Iraq"]
    selected = soup(narrowed).select_one(".facet__selected")
    assert selected["aria-current"] == "true"
    assert "region" not in selected["href"] and "q=oil" in selected["href"]


def test_filters_work_together_with_the_query(client, tree):
    iraq = factories.region("Iraq")
    factories.brief("Dialogue with Iraq", regions=[iraq])
    factories.brief("Dialogue with Oman")
    response = client.get("/search/", {"q": "dialogue", "region": "iraq"})
    assert search_titles(response) == ["Dialogue with Iraq"]


def test_a_misspelt_query_is_offered_a_correction_that_finds_something(client, ranked):
    page = soup(client.get("/search/", {"q": "stratgic dialouge"}))
    assert page.select(".search-results") == []
    suggestion = page.select_one(".search-suggestion a")
    assert suggestion.get_text() == "strategic dialogue"
    assert search_titles(client.get("/search/" + suggestion["href"]))[0] == SEED_TITLE


def test_no_suggestion_when_nothing_close_exists(client, ranked):
    page = soup(client.get("/search/", {"q": "xylophone"}))
    assert page.select_one(".search-suggestion") is None
    assert page.select_one(".results__empty").get_text() == "No analysis matches this search."


def test_unknown_filters_and_odd_queries_never_fail(client, ranked):
    for params in (
        {"q": "dialogue", "region": "atlantis"},
        {"q": '"(AND OR* NEAR'},
        {"q": "x" * 500},
        {"q": "dialogue", "page": "banana"},
        {"year": "nineteen"},
        {"q": "dia\x00logue", "region": "\x00", "expert": "\x00"},
    ):
        assert client.get("/search/", params).status_code == 200


def test_drafts_and_private_briefs_are_not_found(client, tree):
    factories.brief("Dialogue in public")
    factories.brief("Dialogue in draft", publish=False)
    factories.make_private(factories.brief("Dialogue in private"))
    response = client.get("/search/", {"q": "dialogue"})
    assert search_titles(response) == ["Dialogue in public"]
    assert "draft" not in response.content.decode()


def test_the_arabic_search_finds_the_arabic_edition_in_arabic(client, tree):
    brief = factories.brief("Strategic dialogue", summary="Talks.")
    arabic = {"Strategic dialogue": "الحوار الاستراتيجي", "Talks.": "محادثات."}
    translation = submit(brief)
    translate_strings(translation, text_for=lambda text: arabic.get(text, arabic_text(text)))
    publish(translation)
    page = soup(client.get("/ar/search/", {"q": "الحوار"}))
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert [a.get_text() for a in page.select(".search-results .card__title a")] == [
        "الحوار الاستراتيجي"
    ]
    assert page.select_one("header form.site-search")["action"] == "/ar/search/"
    assert page.select_one("h1").get_text() == "بحث"


def test_the_search_page_is_not_indexed(client, ranked):
    page = soup(client.get("/search/", {"q": "dialogue"}))
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, follow"


def test_robots_txt_names_the_sitemap_index_and_keeps_crawlers_out_of_search(client, tree):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Disallow: /admin/\n"
        "Disallow: /search/\n"
        "Disallow: /ar/search/\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )


def test_card_titles_helper_is_not_confused_by_the_search_page(client, ranked):
    # The listing keeps its own results; the search page's cards are in .search-results.
    assert card_titles(client.get("/search/", {"q": "naval"})) == ["Naval exercises"]
