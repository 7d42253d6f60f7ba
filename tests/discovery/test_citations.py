"""Citing a brief: Highwire meta tags, BibTeX and RIS downloads that round-trip the title,
authors and year, the Cite panel and the other reader tools."""

import datetime

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup

from tests.support import factories
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db

TITLE = "A U.S.-Iraq Strategic Dialogue"
SUBTITLE = "A Question of Interests and Expectations"
AUTHORS = ["Karl Kaltenthaler", "Munqith Dagher", "Anthony Cordesman"]


@pytest.fixture
def seed(tree):
    return factories.brief(
        TITLE,
        subtitle=SUBTITLE,
        date=datetime.date(2020, 5, 14),
        authors=[factories.expert(name) for name in AUTHORS],
        summary="What each side wants.",
        body=[("paragraph", "<p>" + "word " * 459 + "</p>")],
    )


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_highwire_tags_give_title_authors_in_order_date_and_publisher(client, seed):
    head = page(client, seed.url).head
    tags = [(m["name"], m["content"]) for m in head.select('meta[name^="citation_"]')]
    assert tags == [
        ("citation_title", f"{TITLE}: {SUBTITLE}"),
        *[("citation_author", name) for name in AUTHORS],
        ("citation_publication_date", "2020/05/14"),
        ("citation_publisher", "The Policy Institute"),
        ("citation_language", "en"),
        ("citation_abstract_html_url", f"http://testserver{seed.url}"),
    ]


def test_bibtex_round_trips_title_authors_and_year(client, seed):
    response = client.get(f"/cite/{seed.pk}.bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{seed.slug}.bib"'
    (entry,) = bibtexparser.loads(response.content.decode()).entries
    assert entry["title"] == f"{TITLE}: {SUBTITLE}"
    assert entry["author"] == "Kaltenthaler, Karl and Dagher, Munqith and Cordesman, Anthony"
    assert entry["year"] == "2020"
    assert entry["ID"] == "Kaltenthaler2020"
    assert entry["url"] == f"http://testserver{seed.url}"


def test_ris_round_trips_title_authors_and_year(client, seed):
    response = client.get(f"/cite/{seed.pk}.ris")
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    (record,) = rispy.loads(response.content.decode())
    assert record["type_of_reference"] == "ELEC"
    assert record["title"] == f"{TITLE}: {SUBTITLE}"
    assert record["authors"] == ["Kaltenthaler, Karl", "Dagher, Munqith", "Cordesman, Anthony"]
    assert record["year"] == "2020"
    assert record["publisher"] == "The Policy Institute"


def test_hidden_or_unknown_briefs_have_no_citation(client, seed):
    draft = factories.brief("Draft", publish=False)
    private = factories.make_private(factories.brief("Private"))
    for page_id in (draft.pk, private.pk, 999999):
        assert client.get(f"/cite/{page_id}.bib").status_code == 404
        assert client.get(f"/cite/{page_id}.ris").status_code == 404


def test_the_arabic_edition_is_cited_in_arabic(client, seed):
    arabic = translate_and_publish(seed)
    (record,) = rispy.loads(client.get(f"/cite/{arabic.pk}.ris").content.decode())
    assert record["title"].startswith(arabic.title)
    assert record["language"] == "ar"
    tools = page(client, arabic.url).select_one(".reader-tools")
    # About 480 words (each translated segment starts with عربي:) at 138 a minute.
    assert tools.select_one(".reader-tools__time").get_text() == "4 دقائق قراءة"


def test_the_cite_panel_and_reader_tools(client, seed):
    tools = page(client, seed.url).select_one(".reader-tools")
    # 3 + 7 + 4 + 459 words at 230 a minute.
    assert tools.select_one(".reader-tools__time").get_text() == "3 min read"
    assert tools.select_one(".reader-tools__citation").get_text() == (
        "Karl Kaltenthaler, Munqith Dagher and Anthony Cordesman, "
        f"“{TITLE}: {SUBTITLE},” The Policy Institute, May 14, 2020, "
        f"http://testserver{seed.url}."
    )
    downloads = [a["href"] for a in tools.select(".reader-tools__cite a")]
    assert downloads == [f"/cite/{seed.pk}.bib", f"/cite/{seed.pk}.ris"]
    shares = {a.get_text(): a["href"] for a in tools.select(".reader-tools__share a")}
    assert list(shares) == ["E-mail", "X", "LinkedIn", "Facebook", "WhatsApp"]
    assert shares["LinkedIn"] == (
        "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver"
        + seed.url.replace("/", "%2F")
    )
    assert tools.select_one("[data-print]").has_attr("hidden")  # revealed by the script
    html = client.get(seed.url).content.decode()
    assert '<script src="/static/discovery/reader-tools.js" defer></script>' in html
    print_source = page(client, seed.url).select_one(".print-source").get_text()
    assert print_source == f"The Policy Institute · http://testserver{seed.url} · May 14, 2020"
