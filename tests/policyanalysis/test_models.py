"""What a reader sees on a brief: header, authors, body blocks in order, end mark, About the
authors, topics and Recommended cards, in English and in the Arabic edition."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from tests.support import factories
from tests.support import translation as translation_support

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


@pytest.fixture
def full_brief(tree):
    """A brief with two authors (one with a per-brief bio), every body block type, a hero
    image, taxonomy, keywords and three hand-picked recommendations."""
    region, issue = factories.region(), factories.issue()
    karl = factories.expert("Karl Kaltenthaler", short_bio="Karl teaches political science.")
    munqith = factories.expert("Munqith Dagher", short_bio="Munqith directs Gallup MENA.")
    linked = factories.brief("Linked earlier brief", regions=[region])
    picks = [
        factories.brief(
            f"Pick {i}", authors=[munqith], regions=[region], date=datetime.date(2022, 2, i + 1)
        )
        for i in range(3)
    ]
    document = Document.objects.create(
        title="Full report", file=ContentFile(b"%PDF-1.4 " + b"x" * 2048, name="full-report.pdf")
    )
    brief = factories.brief(
        "A U.S.-Iraq Strategic Dialogue",
        subtitle="A Question of Interests and Expectations",
        date=datetime.date(2020, 5, 14),
        authors=[karl, munqith],
        regions=[region],
        issues=[issue],
        hero_image=factories.image("hero", width=1600, height=900),
        hero_caption="Baghdad at dusk.",
        hero_credit="Photo: Example Agency",
        recommended=picks,
        body=[
            (
                "paragraph",
                f'<p>Opening with <a linktype="page" id="{linked.pk}">an internal link</a> and '
                '<a href="https://www.state.gov/remarks">an external one</a>.</p>',
            ),
            ("heading", {"text": "U.S. Interests in Iraq", "level": "2", "anchor": ""}),
            ("paragraph", "<ul><li>First demand</li><li>Second demand</li></ul>"),
            ("heading", {"text": "A subsection", "level": "3", "anchor": "sub"}),
            (
                "quote",
                {"quote": "A dialogue is the place to start.", "attribution": "Joint statement"},
            ),
            ("key_points", {"title": "Key points", "points": ["Security", "Energy"], "text": ""}),
            (
                "image",
                {
                    "image": factories.image("chart"),
                    "alt_text": "Troop levels by year",
                    "decorative": False,
                    "caption": "Troops in Iraq",
                    "credit": "CRS",
                },
            ),
            (
                "image",
                {
                    "image": factories.image("ornament"),
                    "alt_text": "",
                    "decorative": True,
                    "caption": "",
                    "credit": "",
                },
            ),
            (
                "embed",
                {
                    "url": "https://example.org/not-an-oembed-provider",
                    "title": "Panel video",
                    "caption": "The panel",
                },
            ),
            (
                "table",
                {
                    "data": [["Year", "Troops"], ["2019", "5,200"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": True,
                    "table_caption": "U.S. troop levels",
                },
            ),
            ("document", {"document": document, "title": "", "description": "The long version."}),
            ("paragraph", "<p>The closing paragraph.</p>"),
        ],
    )
    brief.authors.filter(expert=munqith).update(bio_override="Munqith, for this brief only.")
    brief.tags.add("strategic dialogue")
    brief.save_revision().publish()
    return brief


def test_header_shows_type_title_subtitle_date_and_linked_authors_in_order(client, full_brief):
    page = soup(client.get(full_brief.url))
    header = page.select_one(".brief__header")
    assert text(header.select_one(".brief__type")) == "Brief Analysis"
    assert text(page.find("h1")) == "A U.S.-Iraq Strategic Dialogue"
    assert text(header.select_one(".brief__subtitle")) == "A Question of Interests and Expectations"
    time = header.find("time")
    assert time["datetime"] == "2020-05-14" and text(time) == "May 14, 2020"
    links = [(a["href"], text(a)) for a in header.select(".byline a")]
    assert links == [
        ("/experts/karl-kaltenthaler/", "Karl Kaltenthaler"),
        ("/experts/munqith-dagher/", "Munqith Dagher"),
    ]
    # No Arabic edition yet: no "Also available in".
    assert page.select_one(".also-available") is None


def test_body_blocks_render_in_order_with_their_markup(client, full_brief):
    page = soup(client.get(full_brief.url))
    body = page.select_one(".brief__body")
    linked = full_brief.get_siblings().get(title="Linked earlier brief")
    internal = body.find("a", string="an internal link")
    assert internal["href"] == linked.url
    assert body.find("a", string="an external one")["href"] == "https://www.state.gov/remarks"

    h2 = body.find("h2", string="U.S. Interests in Iraq")
    assert h2["id"] == "us-interests-in-iraq"
    assert body.find("h3", string="A subsection")["id"] == "sub"
    assert [text(li) for li in body.select(".block-paragraph li")] == [
        "First demand",
        "Second demand",
    ]
    quote = body.select_one(".block-quote")
    assert text(quote.blockquote) == "A dialogue is the place to start."
    assert text(quote.figcaption) == "Joint statement"
    assert [text(li) for li in body.select(".block-callout li")] == ["Security", "Energy"]

    figures = body.select(".block-image")
    chart, ornament = figures
    assert chart.find("img")["alt"] == "Troop levels by year"
    assert chart.find("source")["type"] == "image/webp"
    assert "Troops in Iraq" in text(chart.figcaption) and "CRS" in text(chart.figcaption)
    assert ornament.find("img")["alt"] == ""
    assert ornament.figcaption is None

    # No oEmbed answer: a card with the title and the provider's name links to the original.
    embed_link = body.select_one(".block-embed a.block-embed__card")
    assert embed_link["href"] == "https://example.org/not-an-oembed-provider"
    assert text(embed_link.select_one(".block-embed__title")) == "Panel video"
    assert text(embed_link.select_one(".block-embed__provider")) == "On example.org"

    table = body.find("table")
    assert text(table.caption) == "U.S. troop levels"
    assert [th["scope"] for th in table.select("thead th")] == ["col", "col"]
    assert table.select_one("tbody th")["scope"] == "row"

    document = body.select_one(".block-document")
    assert document.a["href"].startswith("/documents/")
    assert text(document.a) == "Full report"
    assert "PDF" in text(document) and "KB" in text(document)

    # Blocks in editor order, the end mark after the last one.
    order = [
        "Opening with",
        "U.S. Interests in Iraq",
        "First demand",
        "A subsection",
        "A dialogue is the place",
        "Key points",
        "Troops in Iraq",
        "Panel video",
        "U.S. troop levels",
        "Full report",
        "The closing paragraph.",
        "❖",
    ]
    body_text = text(body)
    positions = [body_text.index(fragment) for fragment in order]
    assert positions == sorted(positions)
    assert body_text.rstrip().endswith("❖")


def test_hero_image_with_caption_credit_and_webp(client, full_brief):
    page = soup(client.get(full_brief.url))
    hero = page.select_one(".brief__hero")
    assert hero.find("source", type="image/webp") is not None
    assert hero.find("img")["alt"]
    assert text(hero.figcaption) == "Baghdad at dusk. Photo: Example Agency"


def test_about_the_authors_recommended_and_topics(client, full_brief):
    page = soup(client.get(full_brief.url))
    about = page.select_one(".about-authors")
    assert text(about.h2) == "About the authors"
    people = about.select(".about-authors__person")
    assert [(p.a["href"], text(p.a), text(p.p)) for p in people] == [
        ("/experts/karl-kaltenthaler/", "Karl Kaltenthaler", "Karl teaches political science."),
        ("/experts/munqith-dagher/", "Munqith Dagher", "Munqith, for this brief only."),
    ]

    recommended = page.select_one(".recommended")
    assert text(recommended.h2) == "Recommended"
    cards = recommended.select(".card")
    assert [text(c.select_one(".card__title")) for c in cards] == ["Pick 0", "Pick 1", "Pick 2"]
    first = cards[0]
    assert text(first.select_one(".card__type")) == "Brief Analysis"
    assert text(first.select_one(".card__date")) == "Feb. 1, 2022"
    assert text(first.select_one(".card__authors")) == "Munqith Dagher"

    topics = page.select_one(".topics")
    hrefs = {text(a): a["href"] for a in topics.find_all("a")}
    assert hrefs["Iraq"] == "/policy-analysis/iraq/"
    assert hrefs["Terrorism"] == "/policy-analysis/terrorism/"
    assert hrefs["strategic dialogue"] == "/policy-analysis/?tag=strategic-dialogue"


def test_free_text_byline_when_no_expert_authored_it(client, tree):
    brief = factories.brief("Staff brief", byline="Institute staff")
    page = soup(client.get(brief.url))
    assert text(page.select_one(".byline")) == "Institute staff"
    assert page.select_one(".about-authors") is None


def test_seo_tags_title_description_canonical_opengraph(client, full_brief):
    page = soup(client.get(full_brief.url))
    assert text(page.title).startswith("A U.S.-Iraq Strategic Dialogue")
    assert page.find("meta", attrs={"name": "description"})["content"] == full_brief.summary
    canonical = f"http://testserver{full_brief.url}"
    assert page.find("link", rel="canonical")["href"] == canonical
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert og["og:title"] == full_brief.title
    assert og["og:type"] == "article"
    assert og["og:url"] == canonical
    assert og["og:locale"] == "en"
    assert og["og:description"] == full_brief.summary
    assert og["og:image"].startswith("http://testserver/") and og["og:image:width"] == "1200"
    assert og["article:published_time"] == "2020-05-14"


def test_arabic_edition_renders_rtl_with_arabic_authors_and_dates(client, full_brief):
    karl = full_brief.authors.first().expert
    arabic_karl = translation_support.translate_and_publish(karl)
    arabic = translation_support.translate_and_publish(full_brief)

    english_page = soup(client.get(full_brief.url))
    also = english_page.select_one(".also-available a")
    assert also["href"] == arabic.url and also["href"].startswith("/ar/")
    assert text(also) == "العربية" and also["lang"] == "ar"
    hreflangs = {
        link["hreflang"]: link["href"] for link in english_page.find_all("link", hreflang=True)
    }
    assert hreflangs == {
        "en": f"http://testserver{full_brief.url}",
        "ar": f"http://testserver{arabic.url}",
        "x-default": f"http://testserver{full_brief.url}",
    }

    page = soup(client.get(arabic.url))
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert text(page.find("h1")) == translation_support.arabic_text(full_brief.title)
    assert text(page.select_one(".brief__date")) == "14 أيار/مايو 2020"
    authors = page.select(".byline a")
    # Karl has a live Arabic profile; Munqith does not and falls back, marked as English.
    assert authors[0]["href"] == arabic_karl.url and arabic_karl.url.startswith("/ar/experts/")
    assert text(authors[0]) == arabic_karl.title and not authors[0].has_attr("lang")
    assert authors[1]["href"] == "/experts/munqith-dagher/" and authors[1]["lang"] == "en"
    bios = page.select(".about-authors__person p")
    assert text(bios[0]) == arabic_karl.short_bio and not bios[0].has_attr("lang")
    assert bios[1]["lang"] == "en"
    back = page.select_one(".also-available a")
    assert back["href"] == full_brief.url and text(back) == "English" and back["lang"] == "en"
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert og["og:locale"] == "ar" and og["og:locale:alternate"] == "en"
    # The body link to an English-only brief still points at the English page.
    linked = full_brief.get_siblings().get(title="Linked earlier brief")
    assert page.select_one(".brief__body").find("a", href=linked.url) is not None


def test_draft_translation_is_never_linked(client, full_brief):
    translation = translation_support.submit(full_brief)
    translation_support.translate_strings(translation)
    # Saved, not published: the Arabic page exists as a draft.
    translation.save_target(publish=False)
    arabic = translation.get_target_instance()
    assert not arabic.live
    page = soup(client.get(full_brief.url))
    assert page.select_one(".also-available") is None
    assert page.find("link", hreflang="ar") is None
    assert client.get(f"/ar/policy-analysis/{arabic.slug}/").status_code == 404


def test_the_hero_alt_text_is_translated_with_the_page(client, tree):
    # Before, the hero's alt came from the image's single description: English on the
    # Arabic page, in the HTML and the API alike.
    for page in tree:
        translation_support.translate_and_publish(page)
    image = factories.image("Baghdad skyline")
    english = factories.brief(
        "Baghdad rebuilds", hero_image=image, hero_alt="Cranes over the Tigris at dusk"
    )
    arabic = translation_support.translate_and_publish(english)
    assert arabic.hero_alt == "عربي: Cranes over the Tigris at dusk"

    def hero_alt(url):
        return soup(client.get(url)).select_one(".brief__hero img")["alt"]

    def og_alt(url):
        return soup(client.get(url)).select_one('meta[property="og:image:alt"]')["content"]

    def api_alts(page):
        data = client.get(f"/api/v1/analysis/{page.pk}/").json()
        return data["hero"]["image"]["alt"], data["seo"]["image"]["alt"], data["image"]["alt"]

    assert hero_alt(english.url) == "Cranes over the Tigris at dusk"
    assert hero_alt(arabic.url) == "عربي: Cranes over the Tigris at dusk"
    assert og_alt(arabic.url) == "عربي: Cranes over the Tigris at dusk"
    assert api_alts(arabic) == ("عربي: Cranes over the Tigris at dusk",) * 3
    # Without an alt of its own, a brief uses the image's description, as before.
    plain = factories.brief("Without alt", hero_image=image)
    assert hero_alt(plain.url) == "Baghdad skyline"
