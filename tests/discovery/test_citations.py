"""Citing a brief: Highwire meta tags, BibTeX and RIS downloads that round-trip the title,
authors and year, the Cite panel and the other reader tools."""

import datetime

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

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
        ("citation_pdf_url", f"http://testserver/pdf/{seed.pk}/"),
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
    assert tools.select_one(".reader-tools__doi") is None  # the seed has no DOI
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


def citations(client, url):
    """{style: (label, text, title's HTML)} of the Cite panel on the page at ``url``."""
    panel = page(client, url).select_one(".reader-tools__citations")
    return {
        dd["data-style"]: (dt.get_text(), dd.get_text(), str(dd.i))
        for dt, dd in zip(panel.select("dt"), panel.select("dd"), strict=True)
    }


def test_the_cite_panel_gives_apa_chicago_and_mla_from_the_csl_styles(client, seed):
    url = f"http://testserver{seed.url}"
    full = f"{TITLE}: {SUBTITLE}"
    assert citations(client, seed.url) == {
        "apa": (
            "APA (7th edition)",
            "Kaltenthaler, K., Dagher, M., & Cordesman, A. (2020). "
            f"{full}. The Policy Institute. {url}",
            f"<i>{full}</i>",
        ),
        "chicago": (
            "Chicago (author-date, 18th edition)",
            "Kaltenthaler, Karl, Munqith Dagher, and Anthony Cordesman. 2020. "
            f"{full}. The Policy Institute. {url}.",
            f"<i>{full}</i>",
        ),
        "mla": (
            "MLA (9th edition)",
            f"Kaltenthaler, Karl, et al. {full}. The Policy Institute, 14 May 2020, {url}.",
            f"<i>{full}</i>",
        ),
    }


def test_the_arabic_cite_panel_uses_the_arabic_csl_locale(client, seed):
    arabic = translate_and_publish(seed)
    url = f"http://testserver{arabic.url}"
    full = f"{arabic.title}: {arabic.subtitle}"
    cited = {style: text for style, (_label, text, _title) in citations(client, arabic.url).items()}
    assert cited == {
        "apa": "Kaltenthaler, K., Dagher, M., & Cordesman, A. (2020). "
        f"{full}. The Policy Institute. {url}",
        "chicago": "Kaltenthaler, Karl, Munqith Dagher, و Anthony Cordesman. 2020. "
        f"{full}. The Policy Institute. {url}.",
        "mla": f"Kaltenthaler, Karl, وآخرون. {full}. The Policy Institute, 14 مايو، 2020, {url}.",
    }


def test_a_retitled_brief_is_cited_under_its_new_title(client, seed):
    assert all(TITLE in text for _l, text, _t in citations(client, seed.url).values())
    seed.title = "A Renamed Dialogue"
    seed.save_revision().publish()
    cited = [text for _label, text, _title in citations(client, seed.url).values()]
    assert [("A Renamed Dialogue" in text, TITLE in text) for text in cited] == [(True, False)] * 3


def test_citation_text_is_escaped(client, tree):
    brief = factories.brief("Militias </dd><script>x</script> & states", authors=[])
    text = page(client, brief.url).select_one('.reader-tools__citation[data-style="apa"]')
    assert text.i.get_text() == "Militias </dd><script>x</script> & states"
    assert text.select("script") == []


DOI = "10.1234/wi.2020.514"


@pytest.fixture
def seed_with_doi(seed):
    seed.doi = DOI
    seed.save_revision().publish()
    return seed


def test_a_doi_is_shown_and_used_in_every_citation(client, seed_with_doi):
    seed = seed_with_doi
    html = page(client, seed.url)
    doi = html.select_one(".reader-tools__doi a")
    assert (doi.get_text(), doi["href"]) == (DOI, f"https://doi.org/{DOI}")
    assert html.head.select_one('meta[name="citation_doi"]')["content"] == DOI
    cited = {style: text for style, (_label, text, _title) in citations(client, seed.url).items()}
    assert cited["apa"].endswith(f"The Policy Institute. https://doi.org/{DOI}")
    assert cited["chicago"].endswith(f"The Policy Institute. https://doi.org/{DOI}.")
    assert cited["mla"].endswith(f"14 May 2020, https://doi.org/{DOI}.")
    (entry,) = bibtexparser.loads(client.get(f"/cite/{seed.pk}.bib").content.decode()).entries
    assert entry["doi"] == DOI
    (record,) = rispy.loads(client.get(f"/cite/{seed.pk}.ris").content.decode())
    assert record["doi"] == DOI


def test_the_doi_is_the_same_in_the_arabic_edition(client, seed_with_doi):
    arabic = translate_and_publish(seed_with_doi)
    assert type(arabic).objects.get(pk=arabic.pk).doi == DOI
    doi = page(client, arabic.url).select_one(".reader-tools__doi a")
    assert doi["href"] == f"https://doi.org/{DOI}"


@pytest.mark.parametrize(
    "value",
    ["https://doi.org/10.1234/x", "10.12/x", "10.1234/", "10.1234/a b", "doi:10.1234/x"],
)
def test_a_malformed_doi_is_refused(seed, value):
    seed.doi = value
    with pytest.raises(ValidationError) as error:
        seed.full_clean()
    assert list(error.value.message_dict) == ["doi"]


def test_a_well_formed_doi_is_accepted(seed):
    seed.doi = "10.1000.10/ABC(2020)-5"
    seed.full_clean()
