"""The public site around the briefs: home page, experts, navigation, language switch,
Arabic rendering, error pages and the stylesheet's rules."""

import datetime
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from tests.support import factories
from tests.support import translation as translation_support

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "core" / "static" / "css"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def card_titles(node):
    return [text(a) for a in node.select(".card__title a")]


def test_home_page_shows_featured_and_latest_without_drafts_or_private_pages(client, tree):
    home, _, _ = tree
    author = factories.expert("Farzin Nadimi")
    for n in range(5):
        factories.brief(f"Published {n}", authors=[author], date=datetime.date(2022, 1, 1 + n))
    factories.brief("Unpublished draft", date=datetime.date(2023, 1, 1), publish=False)
    factories.make_private(factories.brief("Members only", date=datetime.date(2023, 1, 2)))
    page = soup(client.get(home.url))
    featured = page.select_one(".recommended")
    assert card_titles(featured) == ["Published 4", "Published 3", "Published 2"]
    assert card_titles(page.select_one(".latest")) == ["Published 1", "Published 0"]
    assert "Unpublished draft" not in page.get_text() and "Members only" not in page.get_text()
    assert text(featured.select_one(".card__authors")) == "Farzin Nadimi"


def test_header_navigation_and_footer(client, tree):
    _, experts, analysis = tree
    brief = factories.brief("Navigated brief")
    page = soup(client.get(brief.url))
    nav = page.select_one("header nav.site-nav")
    links = {text(a): a for a in nav.find_all("a")}
    assert links["Policy Analysis"]["href"] == analysis.url
    assert links["Experts"]["href"] == experts.url
    assert links["Policy Analysis"]["aria-current"] == "true"  # inside that section
    assert page.select_one(".site-header__name")["href"] == "/"
    assert page.find("footer") is not None
    assert soup(client.get(analysis.url)).select_one('.site-nav a[aria-current="page"]') is not None


def test_expert_page_shows_photo_position_bio_expertise_links_and_publications(client, tree):
    _, _, analysis = tree
    karl = factories.expert(
        "Karl Kaltenthaler",
        position="Professor of Political Science, University of Akron",
        short_bio="Karl teaches.",
        bio="<p>Karl Kaltenthaler is a <b>professor</b> of political science.</p>",
        photo=factories.image("karl", width=800, height=600),
        languages="English, German",
    )
    karl.expertise_regions.add(factories.region())
    karl.links.create(kind="email", label="", url="mailto:karl@example.org")
    karl.links.create(kind="website", label="Faculty page", url="https://example.edu/karl")
    karl.save_revision().publish()
    for n in range(12):
        factories.brief(f"Karl brief {n:02d}", authors=[karl], date=datetime.date(2020, 1, 1 + n))
    factories.brief("Karl draft", authors=[karl], publish=False)

    page = soup(client.get(karl.url))
    assert text(page.find("h1")) == "Karl Kaltenthaler"
    assert text(page.select_one(".expert__position")).startswith("Professor of Political Science")
    photo = page.select_one(".expert__photo")
    assert photo.find("source", type="image/webp") is not None
    img = photo.find("img")
    assert img["alt"] == "Portrait of Karl Kaltenthaler"
    assert "400x400" in photo.find("source")["srcset"] or "400" in img.get("srcset", img["src"])
    assert "professor" in text(page.select_one(".expert__bio"))
    assert page.find("a", string="Iraq")["href"] == f"{analysis.url}iraq/"
    assert page.find("a", string="E-mail")["href"] == "mailto:karl@example.org"
    assert page.find("a", string="Faculty page")["href"] == "https://example.edu/karl"
    assert "English, German" in page.get_text()

    publications = page.select_one(".expert__publications")
    assert card_titles(publications)[:2] == ["Karl brief 11", "Karl brief 10"]
    assert len(card_titles(publications)) == 10
    assert "Karl draft" not in page.get_text()
    second = soup(client.get(f"{karl.url}?page=2"))
    assert card_titles(second.select_one(".expert__publications")) == [
        "Karl brief 01",
        "Karl brief 00",
    ]
    assert soup(client.get(f"{karl.url}?page=-5")).select_one(".pagination__status") is not None


def test_expert_index_lists_live_experts(client, tree):
    _, experts, _ = tree
    factories.expert("Simon Henderson", position="Baker Fellow")
    factories.expert("Hidden Person", publish=False)
    page = soup(client.get(experts.url))
    names = [text(h) for h in page.select(".expert-card__name")]
    assert names == ["Simon Henderson"]
    assert page.select_one(".expert-card__name a")["href"] == "/experts/simon-henderson/"


def test_english_pages_are_ltr_and_arabic_pages_rtl_with_arabic_chrome_dates(client, tree):
    home, _, _ = tree
    brief = factories.brief("To translate", date=datetime.date(2022, 2, 11))
    english = soup(client.get(home.url))
    assert english.html["lang"] == "en" and english.html["dir"] == "ltr"
    arabic = translation_support.translate_and_publish(brief)
    page = soup(client.get(arabic.url))
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert text(page.select_one(".brief__date")) == "11 شباط/فبراير 2022"
    # The header switches to the English edition of this very page.
    switch = page.select_one(".language-switch a")
    assert switch["href"] == brief.url and switch["lang"] == "en"
    # The Arabic home page (an alias created with the first translation) lists Arabic pages.
    arabic_home = soup(client.get("/ar/"))
    assert arabic_home.html["dir"] == "rtl"
    assert card_titles(arabic_home) == [arabic.title]
    assert soup(client.get(brief.url)).select_one(".language-switch a")["href"] == arabic.url


def test_arabic_card_fallbacks_are_marked_english(client, tree):
    """An Arabic page recommending a brief that has no Arabic edition shows it in English,
    marked lang="en"."""
    region = factories.region()
    english_only = factories.brief("English only brief", regions=[region])
    source = factories.brief("Translated brief", regions=[region], recommended=[english_only])
    arabic = translation_support.translate_and_publish(source)
    page = soup(client.get(arabic.url))
    card = page.select_one(".recommended .card")
    assert card["lang"] == "en"
    assert text(card.select_one(".card__title")) == "English only brief"


def test_not_found_page_has_the_site_chrome_a_search_box_and_the_sections(client, tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert text(page.find("h1")) == "Page not found"
    assert page.html["lang"] == "en"
    assert page.select_one("header.site-header .site-nav") is not None
    assert page.select_one("footer.site-footer .newsletter-form") is not None
    search = page.select_one("form.not-found__search")
    assert (search["action"], search.select_one("input")["name"]) == ("/search/", "q")
    assert [a["href"] for a in page.select(".not-found li a")] == [
        "/",
        "/experts/",
        "/policy-analysis/",
    ]
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_server_error_page_needs_no_database_and_puts_the_readers_language_first(
    rf, django_assert_num_queries
):
    from core.views import server_error

    with django_assert_num_queries(0):
        english = server_error(rf.get("/policy-analysis/x/")).content.decode()
    assert english.index("<h1>Something went wrong</h1>") < english.index("<h2>حدث خطأ</h2>")
    assert '<html lang="en" dir="ltr">' in english
    arabic = server_error(rf.get("/ar/policy-analysis/x/")).content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert arabic.index("<h1>حدث خطأ</h1>") < arabic.index("<h2>Something went wrong</h2>")


def test_stylesheets_are_local_logical_and_accessible():
    css = (STATIC / "site.css").read_text()
    print_css = (STATIC / "print.css").read_text()
    # Nothing loaded from outside the site.
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css + print_css)
    assert "@import" not in css + print_css
    # RTL comes from logical properties only: no physical left/right anywhere.
    physical = re.findall(
        r"[^-\w](?:margin|padding|border)-(?:left|right)\b|\b(?:left|right)\s*:"
        r"|text-align:\s*(?:left|right)|float:\s*(?:left|right)",
        css,
    )
    assert physical == []
    assert "margin-inline" in css and "padding-inline" in css and "inset-inline-start" in css
    assert ":focus-visible" in css and ".skip-link" in css
    assert ":lang(ar)" in css and '"Noto Naskh Arabic"' in css
    assert "display: none" in print_css and "attr(href)" in print_css


def test_pages_link_their_stylesheets(client, tree):
    home, _, _ = tree
    page = soup(client.get(home.url))
    sheets = {link["href"]: link.get("media") for link in page.find_all("link", rel="stylesheet")}
    assert sheets == {
        "/static/css/site.css": None,
        "/static/css/print.css": "print",
        "/static/discovery/discovery.css": None,  # the search box and reader tools
    }
    assert page.select_one("a.skip-link")["href"] == "#main"
    assert page.find("main")["id"] == "main"
