"""The demo reproduces the seed brief: loaded with ``manage.py load_demo`` and compared, as
rendered HTML, with the seed text (the copy of ../shared/seed/ kept in tests/data)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from tests.support.paths import DATA

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SEED_NAME = "000_7c74402152d78fe4.txt"
SEED = DATA / SEED_NAME
BRIEF_URL = "/policy-analysis/us-iraq-strategic-dialogue-question-interests-and-expectations/"
ARABIC_URL = "/ar/policy-analysis/hwar-astratyjy-amryky-raqy-msalt-msalh-wtwqat/"
AUTHORS = ["karl-kaltenthaler", "munqith-dagher", "anthony-cordesman"]
RECOMMENDED = [
    (
        "/policy-analysis/iran-takes-next-steps-rocket-technology/",
        "Iran Takes Next Steps on Rocket Technology",
        "2022-02-11",
        "Farzin Nadimi",
    ),
    (
        "/policy-analysis/saudi-arabia-adjusts-its-history-diminishing-role-wahhabism/",
        "Saudi Arabia Adjusts Its History, Diminishing the Role of Wahhabism",
        "2022-02-11",
        "Simon Henderson",
    ),
    (
        "/policy-analysis/podcast-breaking-hezbollahs-golden-rule/",
        "Podcast: Breaking Hezbollah's Golden Rule",
        "2022-02-09",
        "Matthew Levitt",
    ),
]


def normalize(value):
    return " ".join(value.replace("\u00a0", " ").split())


def seed_text():
    return SEED.read_text(encoding="utf-8")


def strip_markup(line):
    """The reader-visible text of a seed line: link targets and emphasis markers removed."""
    line = re.sub(r"\s*\(<[^>]+>\)", "", line)  # (<https://…>) after linked text
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # [text](url)
    line = line.replace("**", "").replace("❖", "")
    return normalize(line)


def seed_parts():
    """(body paragraphs and headings in order, bullet items, inline link URLs, bios)."""
    text = seed_text()
    lines = text.splitlines()
    start = lines.index("Brief Analysis") + 1
    end = lines.index("RECOMMENDED")
    body_lines = [line for line in lines[start:end] if line.strip()]
    bullets = [strip_markup(line[2:]) for line in body_lines if line.startswith("- ")]
    paragraphs = [strip_markup(line) for line in body_lines if not line.startswith("- ")]
    urls = re.findall(r"\(<(https?://[^>]+)>\)", "\n".join(body_lines))
    about = lines[lines.index("ABOUT THE AUTHORS") + 1 : lines.index("Brief Analysis")]
    bios = [normalize(line) for line in about if line.strip() and not line.startswith("[")]
    return paragraphs, bullets, urls, bios


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content.decode(), "html.parser")


def block_texts(body):
    """Text of each paragraph, list item and heading of the rendered body, in order."""
    return [normalize(node.get_text("")) for node in body.find_all(["p", "li", "h2", "h3"])]


def test_demo_reproduces_the_seed_brief_in_english_and_arabic(client, tree):
    # One demo load for both editions: loading takes most of this test's time.
    call_command("load_demo", verbosity=0)
    check_english(client)
    check_arabic(client)


def check_english(client):
    paragraphs, bullets, urls, bios = seed_parts()
    assert len(paragraphs) > 40 and len(bullets) == 6 and len(bios) == 3
    page = soup(client, BRIEF_URL)

    assert normalize(page.find("h1").get_text()) == (
        "A U.S.-Iraq Strategic Dialogue: A Question of Interests and Expectations"
    )
    assert normalize(page.select_one(".brief__type").get_text()) == "Brief Analysis"
    assert page.select_one(".brief__date time")["datetime"] == "2020-05-14"
    assert normalize(page.select_one(".brief__date").get_text()) == "May 14, 2020"

    byline = [a["href"] for a in page.select(".byline a")]
    assert byline == [f"/experts/{slug}/" for slug in AUTHORS]

    also = page.select_one(".also-available a")
    assert also["href"] == ARABIC_URL and normalize(also.get_text()) == "العربية"

    body = page.select_one(".brief__body")
    rendered = block_texts(body)
    position = 0
    for paragraph in paragraphs:
        # A seed paragraph split by a page break is a substring of one rendered paragraph.
        found = next((i for i in range(position, len(rendered)) if paragraph in rendered[i]), None)
        assert found is not None, f"not found in order: {paragraph[:80]!r}"
        position = found
    headings = [normalize(h.get_text()) for h in body.find_all("h2")]
    assert headings == [
        "Contents",  # the table of contents of a brief with this many headings
        "U.S. Interests in Iraq",
        "Iranian Interests in Iraq",
        "Iraqi Interests in the Future of the Country",
        "What the U.S.-Iraq Strategic Dialogue May Entail",
        "The Importance of Realistic Expectations",
    ]

    items = [normalize(li.get_text("")) for li in body.select("ul > li")]
    assert items == bullets

    hrefs = [a["href"] for a in body.find_all("a", href=True)]
    for url in urls:
        assert url in hrefs, url

    assert normalize(body.get_text("")).endswith("❖")

    about = page.select_one(".about-authors")
    assert normalize(about.h2.get_text()) == "About the authors"
    people = about.select(".about-authors__person")
    assert [p.a["href"] for p in people] == [f"/experts/{slug}/" for slug in AUTHORS]
    assert [normalize(p.p.get_text()) for p in people] == bios

    recommended = page.select_one(".recommended")
    assert normalize(recommended.h2.get_text()) == "Recommended"
    cards = recommended.select(".card")
    shown = [
        (
            card.select_one(".card__title a")["href"],
            normalize(card.select_one(".card__title").get_text()),
            card.select_one("time")["datetime"],
            normalize(card.select_one(".card__authors").get_text()),
        )
        for card in cards
    ]
    assert shown == RECOMMENDED
    types = [normalize(card.select_one(".card__type").get_text()) for card in cards]
    assert types[:2] == ["Brief Analysis", "Brief Analysis"] and types[2]


def check_arabic(client):
    page = soup(client, ARABIC_URL)
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert normalize(page.select_one(".brief__date").get_text()) == "14 أيار/مايو 2020"
    byline = page.select(".byline a")
    assert [a["href"] for a in byline][:1] and all(
        a["href"].startswith("/ar/experts/") and not a.has_attr("lang") for a in byline
    )
    assert len(byline) == 3
    # Every author's Arabic profile page exists and links back to the English one.
    for link in byline:
        profile = soup(client, link["href"])
        assert profile.html["dir"] == "rtl"
        assert profile.select_one(".also-available a")["href"].startswith("/experts/")
    back = page.select_one(".also-available a")
    assert back["href"] == BRIEF_URL and normalize(back.get_text()) == "English"
    hreflang = {link["hreflang"]: link["href"] for link in page.find_all("link", hreflang=True)}
    assert hreflang["en"].endswith(BRIEF_URL) and hreflang["ar"].endswith(ARABIC_URL)
    body = page.select_one(".brief__body")
    assert len(body.select("ul > li")) == 6
    assert re.search(r"[\u0600-\u06FF]", body.get_text())
    assert normalize(body.get_text("")).endswith("❖")
    cards = page.select(".recommended .card")
    assert len(cards) == 3
    for card in cards:
        assert card.select_one(".card__title a")["href"].startswith("/ar/policy-analysis/")
        assert re.search(r"[\u0600-\u06FF]", card.select_one(".card__date").get_text())
