"""The analysis listing as readers use it: filters combined in the query string, pagination
that never errors, unknown filter values ignored with a message, landing pages per term."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests.support import factories
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def titles(page):
    return [" ".join(a.get_text().split()) for a in page.select(".card__title a")]


@pytest.fixture
def catalogue(tree):
    """Six briefs across two types, two regions, two issues, two experts and two years."""
    podcast = factories.publication_type("Podcast")
    iraq, iran = factories.region("Iraq"), factories.region("Iran")
    terrorism, energy = (
        factories.issue("Terrorism"),
        factories.issue("Energy & Economics", "energy"),
    )
    karl, simon = factories.expert("Karl Kaltenthaler"), factories.expert("Simon Henderson")
    specs = [
        ("Iraq terrorism 2020", None, [iraq], [terrorism], [karl], 2020),
        ("Iraq energy 2021", None, [iraq], [energy], [simon], 2021),
        ("Iran energy 2020", None, [iran], [energy], [karl, simon], 2020),
        ("Iran podcast 2021", podcast, [iran], [terrorism], [simon], 2021),
        ("Iraq podcast 2020", podcast, [iraq], [terrorism], [karl], 2020),
        ("Untagged 2021", None, [], [], [], 2021),
    ]
    for n, (title, kind, regions, issues, authors, year) in enumerate(specs):
        factories.brief(
            title,
            type=kind,
            regions=regions,
            issues=issues,
            authors=authors,
            date=datetime.date(year, 3, 1 + n),
        )
    factories.brief("Draft Iraq brief", regions=[iraq], publish=False)
    factories.make_private(factories.brief("Private Iraq brief", regions=[iraq]))
    return tree[2]


FILTER_CASES = [
    (
        "",
        {
            "Iraq terrorism 2020",
            "Iraq energy 2021",
            "Iran energy 2020",
            "Iran podcast 2021",
            "Iraq podcast 2020",
            "Untagged 2021",
        },
    ),
    ("type=podcast", {"Iran podcast 2021", "Iraq podcast 2020"}),
    ("region=iraq", {"Iraq terrorism 2020", "Iraq energy 2021", "Iraq podcast 2020"}),
    ("region=iraq&type=podcast", {"Iraq podcast 2020"}),
    ("region=iraq&issue=terrorism&year=2020", {"Iraq terrorism 2020", "Iraq podcast 2020"}),
    ("issue=energy&expert=simon-henderson", {"Iraq energy 2021", "Iran energy 2020"}),
    (
        "expert=karl-kaltenthaler&year=2020&type=brief-analysis",
        {"Iraq terrorism 2020", "Iran energy 2020"},
    ),
    ("year=2021&region=iran", {"Iran podcast 2021"}),
    ("region=iran&issue=terrorism&type=brief-analysis", set()),
    ("q=podcast", {"Iran podcast 2021", "Iraq podcast 2020"}),
]


def test_filters_combine(client, catalogue):
    for query, expected in FILTER_CASES:
        page = soup(client.get(f"{catalogue.url}?{query}"))
        shown = titles(page)
        assert set(shown) == expected, query
        assert len(shown) == len(expected), query  # no duplicates from multi-valued joins
        assert "Draft Iraq brief" not in shown and "Private Iraq brief" not in shown
        count = " ".join(page.select_one(".results__count").get_text().split())
        assert count.startswith(f"{len(expected)} result"), query
        if not expected:
            assert "No analysis matches these filters." in page.get_text()


def test_results_are_newest_first(client, catalogue):
    shown = titles(soup(client.get(catalogue.url)))
    assert shown[0] == "Untagged 2021" and shown[-1] == "Iraq terrorism 2020"


def test_filter_form_is_labelled_and_keeps_the_chosen_values(client, catalogue):
    page = soup(client.get(f"{catalogue.url}?type=podcast&region=iran&q=rocket"))
    form = page.select_one("form.filters")
    assert form["method"] == "get"
    for name in ("q", "type", "region", "issue", "expert", "year"):
        control = form.find(attrs={"name": name})
        label = form.find("label", attrs={"for": control["id"]})
        assert label is not None and label.get_text(strip=True)
    assert form.find("select", attrs={"name": "type"}).find("option", selected=True)["value"] == (
        "podcast"
    )
    assert form.find("select", attrs={"name": "region"}).find("option", selected=True)["value"] == (
        "iran"
    )
    assert form.find("input", attrs={"name": "q"})["value"] == "rocket"
    options = [
        o.get_text() for o in form.find("select", attrs={"name": "expert"}).find_all("option")
    ]
    assert options == ["All", "Karl Kaltenthaler", "Simon Henderson"]


def test_unknown_filter_values_are_ignored_with_a_message(client, catalogue):
    for bad in [
        "type=nonsense",
        "region=atlantis",
        "year=abc",
        "year=1850",
        "expert=nobody",
        "issue=%3Cscript%3E",
        "q=" + "x" * 300,
    ]:
        response = client.get(f"{catalogue.url}?{bad}")
        page = soup(response)
        notice = page.select_one(".notice")
        assert notice is not None and "ignored" in notice.get_text(), bad
        assert len(titles(page)) == 6, bad  # the unknown filter is not applied
        assert "<script>" not in response.content.decode()
    # Valid filters beside an unknown one still apply.
    page = soup(client.get(f"{catalogue.url}?type=nonsense&region=iraq"))
    assert set(titles(page)) == {"Iraq terrorism 2020", "Iraq energy 2021", "Iraq podcast 2020"}


@pytest.fixture
def many(tree):
    for n in range(45):
        factories.brief(
            f"Numbered brief {n:02d}",
            date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n),
            regions=[factories.region()],
        )
    return tree[2]


PAGE_CASES = [
    ("", 1),
    ("1", 1),
    ("2", 2),
    ("3", 3),
    ("0", 1),
    ("-1", 1),
    ("abc", 1),
    ("9999", 3),
    ("2.5", 1),
    ("%20", 1),
]


def test_pagination_edge_cases_never_error(client, many):
    for page_param, expected_page in PAGE_CASES:
        page = soup(client.get(f"{many.url}?page={page_param}"))
        status = " ".join(page.select_one(".pagination__status").get_text().split())
        assert status == f"Page {expected_page} of 3", page_param
        assert len(titles(page)) == (5 if expected_page == 3 else 20)
        current = page.select_one('.pagination a[aria-current="page"]')
        assert current.get_text(strip=True) == str(expected_page)


def test_pagination_links_keep_valid_filters_and_drop_invalid_ones(client, many):
    page = soup(client.get(f"{many.url}?region=iraq&type=nonsense&page=2"))
    links = {a.get_text(strip=True): a["href"] for a in page.select(".pagination a")}
    assert links["Next"] == "?region=iraq&page=3"
    assert links["Previous"] == "?region=iraq&page=1"
    assert links["1"] == "?region=iraq&page=1"
    assert page.select_one(".pagination a[rel=prev]") is not None
    # Following the link shows the third page, still filtered.
    third = soup(client.get(f"{many.url}{links['Next']}"))
    assert len(titles(third)) == 5


def test_single_page_has_no_pagination(client, catalogue):
    assert soup(client.get(catalogue.url)).select_one(".pagination") is None


def test_term_landing_page_lists_that_terms_analysis(client, catalogue):
    page = soup(client.get(f"{catalogue.url}iraq/"))
    assert page.find("h1").get_text(strip=True) == "Iraq"
    assert set(titles(page)) == {"Iraq terrorism 2020", "Iraq energy 2021", "Iraq podcast 2020"}
    assert page.find("link", rel="canonical")["href"] == f"http://testserver{catalogue.url}iraq/"
    issue_page = soup(client.get(f"{catalogue.url}energy/?year=2021"))
    assert issue_page.find("h1").get_text(strip=True) == "Energy & Economics"
    assert titles(issue_page) == ["Iraq energy 2021"]
    assert client.get(f"{catalogue.url}no-such-term/").status_code == 404


def test_index_featured_block_renders_its_cards_above_the_listing(client, catalogue):
    catalogue.refresh_from_db()
    picked = catalogue.get_children().live().get(title="Iran energy 2020").specific
    catalogue.featured = [("recommended", {"heading": "Editors' picks", "items": [picked]})]
    catalogue.save_revision().publish()
    page = soup(client.get(catalogue.url))
    featured = page.select_one(".recommended")
    assert featured.h2.get_text(strip=True) == "Editors' picks"
    shown = titles(featured)
    assert shown[0] == "Iran energy 2020" and len(shown) == 3  # topped up to three
    # Filtering hides the featured block: the reader asked for something specific.
    assert soup(client.get(f"{catalogue.url}?type=podcast")).select_one(".recommended") is None


def test_arabic_filter_options_follow_arabic_alphabetical_order(client, tree):
    # Options used to keep the English order (Europe, Iran, Iraq: أوروبا، إيران، العراق).
    # Arabic order reads أ إ آ as ا, so العراق (ا ل ع) comes before أوروبا (ا و) and إيران
    # (ا ي); code point order would also put it last.
    arabic_index = [translate_and_publish(page) for page in tree][-1]
    arabic_names = {"Europe": "أوروبا", "Iran": "إيران", "Iraq": "العراق"}
    regions = [factories.region(name) for name in arabic_names]
    for region in regions:
        translated = region.copy_for_translation(factories.arabic())
        translated.name = arabic_names[region.name]
        translated.save()
    translate_and_publish(factories.brief("Across the region", regions=regions))

    def options(url):
        select = soup(client.get(url)).select_one("select[name=region]")
        return [option.get_text(strip=True) for option in select.select("option")[1:]]

    assert options("/policy-analysis/") == ["Europe", "Iran", "Iraq"]
    assert options(arabic_index.url) == ["العراق", "أوروبا", "إيران"]


def test_the_filter_choices_follow_what_is_published(client, tree, settings):
    # The choices are kept until the content changes (core.versioned): a publish or an
    # unpublish shows on the next rendering, with no page cache in front.
    settings.PAGE_CACHE_ENABLED = False

    def choices(name):
        select = soup(client.get("/policy-analysis/")).select_one(f"select[name={name}]")
        return [option.get_text(strip=True) for option in select.select("option")[1:]]

    karl, simon = factories.expert("Karl Kaltenthaler"), factories.expert("Simon Henderson")
    first = factories.brief("By Karl", authors=[karl], date=datetime.date(2020, 5, 14))
    assert (choices("expert"), choices("year")) == (["Karl Kaltenthaler"], ["2020"])
    factories.brief("By Simon", authors=[simon], date=datetime.date(2024, 1, 2))
    assert (choices("expert"), choices("year")) == (
        ["Karl Kaltenthaler", "Simon Henderson"],
        ["2024", "2020"],
    )
    first.unpublish()
    assert (choices("expert"), choices("year")) == (["Simon Henderson"], ["2024"])
