"""Reports, op-eds, testimony and series: each type's page, its card and the series filter
(HTML and API through the one filter implementation)."""

import datetime

import pytest
from bs4 import BeautifulSoup

from policyanalysis.models import BriefPage, Series
from tests.support import factories
from tests.support.html import card_titles
from tests.support.translation import arabic_text, translate_and_publish

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def card_for(page, title):
    return next(
        card
        for card in page.select("article.card")
        if card.select_one(".card__title a").get_text() == title
    )


@pytest.fixture
def op_ed(tree):
    return factories.brief(
        "Iraq's new government",
        type=factories.publication_type("Articles & Op-Eds"),
        summary="First paragraphs reproduced here.",
        outlet=factories.outlet("The Hill", "https://thehill.com/"),
        external_url="https://thehill.com/opinion/iraq-government/",
    )


@pytest.fixture
def report(tree):
    notes = factories.series("Policy Notes")
    return factories.brief(
        "Deterring Iran's militias",
        type=factories.publication_type("In-Depth Reports"),
        series=[notes],
        series_number="31",
        page_count=14,
        pdf=factories.pdf_document(pages=2),
        body=[
            ("heading", {"text": "Summary", "level": "2", "anchor": ""}),
            ("paragraph", "<p>One.</p>"),
            ("heading", {"text": "The militias", "level": "2", "anchor": "militias"}),
            ("heading", {"text": "Kataib Hezbollah", "level": "3", "anchor": ""}),
            ("paragraph", "<p>Two.</p>"),
        ],
    )


@pytest.fixture
def testimony(tree):
    return factories.brief(
        "Countering Iranian influence",
        type=factories.publication_type("Testimony"),
        committee="Subcommittee on the Middle East",
        chamber="House of Representatives",
        hearing_title="Iran's Proxies in Iraq",
        hearing_date=datetime.date(2024, 3, 5),
        hearing_video_url="https://www.youtube.com/watch?v=hearing",
    )


def test_an_op_ed_card_reads_on_its_outlet_in_the_same_tab(client, op_ed):
    card = card_for(soup(client.get("/policy-analysis/")), "Iraq's new government")
    link = card.select_one(".card__external a")
    assert link.get_text(" ", strip=True) == "Read on The Hill ↗ (external site)"
    assert link["href"] == "https://thehill.com/opinion/iraq-government/"
    assert link["rel"] == ["noopener"] and not link.has_attr("target")
    # The local page (excerpt, authors) stays the card's title link.
    assert card.select_one(".card__title a")["href"] == op_ed.url
    assert card.select_one(".card__summary").get_text() == "First paragraphs reproduced here."


def test_an_op_ed_page_links_to_the_full_text(client, op_ed):
    link = soup(client.get(op_ed.url)).select_one(".brief__external a")
    assert link.get_text(" ", strip=True) == "Read the full text on The Hill ↗ (external site)"
    assert link["href"] == "https://thehill.com/opinion/iraq-government/"


def test_a_report_page_shows_its_pdf_pages_series_and_contents(client, report):
    page = soup(client.get(report.url))
    assert [(a.get_text(), a["href"]) for a in page.select(".brief__header .card__series a")] == [
        ("Policy Notes 31", "/policy-analysis/series/policy-notes/")
    ]
    box = page.select_one(".report-box")
    assert [dd.get_text() for dd in box.select("dd")] == ["Policy Notes 31", "14 pages"]
    download = box.select_one(".report-box__download a")
    assert download["href"] == report.pdf.url and download.has_attr("download")
    meta = box.select_one(".block-document__meta").get_text()
    assert meta.startswith("(PDF, ") and meta.endswith(", 14 pages)")
    toc = page.select_one("nav.brief__toc")
    assert [(a.get_text(), a["href"]) for a in toc.select("a")] == [
        ("Summary", "#summary"),
        ("The militias", "#militias"),
        ("Kataib Hezbollah", "#kataib-hezbollah"),
    ]
    # Each entry leads to a heading of the body.
    for anchor in ("summary", "militias", "kataib-hezbollah"):
        assert page.select_one(f".brief__body #{anchor}").name in ("h2", "h3")


def test_a_short_item_has_no_table_of_contents(client, op_ed):
    assert soup(client.get(op_ed.url)).select_one("nav.brief__toc") is None


def test_a_report_card_says_its_series_and_page_count(client, report):
    card = card_for(soup(client.get("/policy-analysis/")), "Deterring Iran's militias")
    assert card.select_one(".card__type").get_text() == "In-Depth Reports"
    assert [li.get_text() for li in card.select(".card__series li")] == ["Policy Notes 31"]
    assert card.select_one(".card__pages").get_text() == "14 pages"


def test_a_testimony_page_shows_its_hearing_box(client, testimony):
    box = soup(client.get(testimony.url)).select_one(".hearing-box")
    rows = dict(zip([dt.get_text() for dt in box.select("dt")],
                    [dd.get_text() for dd in box.select("dd")], strict=True))  # fmt: skip
    assert rows == {
        "Hearing": "Iran's Proxies in Iraq",
        "Committee": "Subcommittee on the Middle East",
        "Chamber": "House of Representatives",
        "Date": "March 5, 2024",
    }
    video = box.select_one("a.external-link")
    assert video["href"] == "https://www.youtube.com/watch?v=hearing"
    assert video["rel"] == ["noopener"]


def test_an_external_address_needs_an_outlet(tree):
    from django.core.exceptions import ValidationError

    page = factories.brief("No outlet")
    page.external_url = "https://example.org/op-ed/"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["outlet"] == [
        "Choose the outlet that published the full text at this address."
    ]


@pytest.fixture
def series_world(tree):
    spotlight, video = factories.series("Militia Spotlight"), factories.series("Video")
    iraq = factories.region("Iraq")
    report_type = factories.publication_type("In-Depth Reports")
    factories.brief("Spotlight Iraq brief", series=[spotlight], regions=[iraq])
    factories.brief("Spotlight Iraq report", series=[spotlight, video], regions=[iraq],
                    type=report_type)  # fmt: skip
    factories.brief("Spotlight elsewhere", series=[spotlight])
    factories.brief("Video only", series=[video], regions=[iraq])
    factories.brief("No series", regions=[iraq])


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"series": "militia-spotlight"},
         ["Spotlight elsewhere", "Spotlight Iraq report", "Spotlight Iraq brief"]),
        ({"series": "militia-spotlight", "region": "iraq"},
         ["Spotlight Iraq report", "Spotlight Iraq brief"]),
        ({"series": "video", "type": "in-depth-reports"}, ["Spotlight Iraq report"]),
    ],
)  # fmt: skip
def test_the_series_filter_combines_with_the_others_in_html_and_api(
    client, series_world, query, titles
):
    assert card_titles(client.get("/policy-analysis/", query)) == titles
    api = client.get("/api/v1/analysis/", query).json()
    assert [item["title"] for item in api["items"]] == titles


def test_the_listing_offers_the_series_and_badges_every_series_of_an_item(client, series_world):
    page = soup(client.get("/policy-analysis/"))
    assert [o.get_text() for o in page.select("select[name=series] option")] == [
        "All",
        "Militia Spotlight",
        "Video",
    ]
    card = card_for(page, "Spotlight Iraq report")
    assert [li.get_text() for li in card.select(".card__series li")] == [
        "Militia Spotlight",
        "Video",
    ]


def test_card_badges_link_to_their_series_pages_in_the_readers_language(client, series_world):
    report = BriefPage.objects.get(title="Spotlight Iraq report")
    translate_and_publish(report)
    english = card_for(soup(client.get("/policy-analysis/")), "Spotlight Iraq report")
    assert [(a.get_text(), a["href"]) for a in english.select(".card__series a")] == [
        ("Militia Spotlight", "/policy-analysis/series/militia-spotlight/"),
        ("Video", "/policy-analysis/series/video/"),
    ]
    # The Arabic card (series names without Arabic records stay English) links to the
    # Arabic edition's series pages.
    arabic = card_for(
        soup(client.get("/ar/policy-analysis/")), arabic_text("Spotlight Iraq report")
    )
    assert [a["href"] for a in arabic.select(".card__series a")] == [
        "/ar/policy-analysis/series/militia-spotlight/",
        "/ar/policy-analysis/series/video/",
    ]


def test_an_unknown_series_is_a_422_in_the_api(client, series_world):
    response = client.get("/api/v1/analysis/", {"series": "nope"})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"parameter": "series", "message": "Unknown slug(s): nope."}
    ]


def test_a_series_page_lists_its_items_with_the_filter_preset(client, series_world):
    spotlight = Series.objects.get(slug="militia-spotlight")
    spotlight.description = "Tracking Iran-backed militias."
    spotlight.save()
    response = client.get("/policy-analysis/series/militia-spotlight/")
    page = soup(response)
    assert page.select_one("h1").get_text() == "Militia Spotlight"
    assert page.select_one(".listing__intro").get_text() == "Tracking Iran-backed militias."
    assert card_titles(response) == [
        "Spotlight elsewhere", "Spotlight Iraq report", "Spotlight Iraq brief",
    ]  # fmt: skip
    chosen = page.select_one("select[name=series]")
    assert chosen.has_attr("disabled")
    assert chosen.select_one("option[selected]").get_text() == "Militia Spotlight"
    # Other filters combine with the series of the page.
    narrowed = client.get("/policy-analysis/series/militia-spotlight/", {"region": "iraq"})
    assert card_titles(narrowed) == ["Spotlight Iraq report", "Spotlight Iraq brief"]
    assert client.get("/policy-analysis/series/no-such-series/").status_code == 404


def test_a_region_landing_page_shows_its_region_chosen_not_all(client, series_world):
    page = soup(client.get("/policy-analysis/iraq/"))
    chosen = page.select_one("select[name=region]")
    assert chosen.select_one("option[selected]").get_text() == "Iraq"
    assert chosen.has_attr("disabled")
