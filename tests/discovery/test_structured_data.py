"""JSON-LD on the public pages, read back as a search engine reads it."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from experts.models import ExpertLink
from tests.support import factories
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db


def json_ld(client, url):
    """{@type: object} of the page's JSON-LD graph (the page has exactly one block)."""
    response = client.get(url)
    assert response.status_code == 200
    blocks = BeautifulSoup(response.content, "html.parser").select(
        'script[type="application/ld+json"]'
    )
    assert len(blocks) == 1
    document = json.loads(blocks[0].string)
    assert document["@context"] == "https://schema.org"
    return {item["@type"]: item for item in document["@graph"]}


@pytest.fixture
def brief(tree):
    authors = [
        factories.expert("Karl Kaltenthaler"),
        factories.expert("Munqith Dagher"),
        factories.expert("Anthony Cordesman"),
    ]
    ExpertLink.objects.create(page=authors[1], kind="x", url="https://x.com/mdagher")
    ExpertLink.objects.create(page=authors[1], kind="email", url="mailto:md@example.org")
    page = factories.brief(
        "A U.S.-Iraq Strategic Dialogue",
        subtitle="A Question of Interests and Expectations",
        summary="What each side wants.",
        date=datetime.date(2020, 5, 14),
        authors=authors,
        regions=[factories.region("Iraq")],
        hero_image=factories.image("hero", width=1600, height=900),
    )
    return page, authors


def test_a_brief_is_an_article_with_its_authors_in_byline_order(client, brief):
    page, authors = brief
    graph = json_ld(client, page.url)
    article = graph["Article"]
    assert article["headline"] == "A U.S.-Iraq Strategic Dialogue"
    assert article["alternativeHeadline"] == "A Question of Interests and Expectations"
    assert article["description"] == "What each side wants."
    assert article["datePublished"] == "2020-05-14"
    assert article["inLanguage"] == "en"
    assert article["url"] == f"http://testserver{page.url}"
    assert [(a["@type"], a["name"], a["url"]) for a in article["author"]] == [
        ("Person", author.title, f"http://testserver{author.url}") for author in authors
    ]
    assert article["author"][1]["sameAs"] == ["https://x.com/mdagher"]
    assert "sameAs" not in article["author"][0]
    assert article["publisher"]["name"] == "The Policy Institute"
    assert article["publisher"]["logo"]["url"].startswith("http://testserver/static/")
    assert article["image"].startswith("http://testserver/media/images/")
    assert article["about"] == [{"@type": "Thing", "name": "Iraq"}]


def test_the_editions_name_each_other(client, brief):
    page, _authors = brief
    arabic = translate_and_publish(page)
    english = json_ld(client, page.url)["Article"]
    translated = json_ld(client, arabic.url)["Article"]
    assert english["workTranslation"] == [
        {"@type": "Article", "url": f"http://testserver{arabic.url}", "inLanguage": "ar"}
    ]
    assert translated["translationOfWork"] == {
        "@type": "Article",
        "url": f"http://testserver{page.url}",
        "inLanguage": "en",
    }
    assert translated["inLanguage"] == "ar"
    assert "workTranslation" not in translated


def test_a_report_type_gives_a_report(client, tree):
    page = factories.brief("Annual review", type=factories.publication_type("In-Depth Reports"))
    assert "Report" in json_ld(client, page.url)


def test_breadcrumbs_follow_the_page_tree(client, brief):
    page, _authors = brief
    crumbs = json_ld(client, page.url)["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Home", "http://testserver/"),
        (2, "Policy Analysis", "http://testserver/policy-analysis/"),
        (3, page.title, f"http://testserver{page.url}"),
    ]


def test_breadcrumbs_leave_out_an_unpublished_section(client, brief):
    page, _authors = brief
    page.get_parent().unpublish()  # Wagtail still serves its live children
    crumbs = json_ld(client, page.url)["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [(1, "Home"), (2, page.title)]


def test_an_expert_page_is_a_person(client, brief):
    _page, authors = brief
    person = json_ld(client, authors[1].url)["Person"]
    assert person["name"] == "Munqith Dagher"
    assert person["jobTitle"] == "Senior Fellow"
    assert person["description"] == "Munqith Dagher is a fellow of the institute."
    assert person["sameAs"] == ["https://x.com/mdagher"]
    assert person["worksFor"] == {"@id": "http://testserver/#organization"}


def test_the_home_page_is_the_website_with_a_search_action(client, tree):
    graph = json_ld(client, "/")
    website = graph["WebSite"]
    assert website["potentialAction"] == {
        "@type": "SearchAction",
        "target": {
            "@type": "EntryPoint",
            "urlTemplate": "http://testserver/search/?q={search_term_string}",
        },
        "query-input": "required name=search_term_string",
    }
    assert graph["Organization"]["@id"] == "http://testserver/#organization"


def test_text_cannot_close_the_script_element(client, tree):
    page = factories.brief("Quotes </script><script>alert(1)</script> & more")
    html = client.get(page.url).content.decode()
    data = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in data
    assert json_ld(client, page.url)["Article"]["headline"] == page.title


def test_every_public_page_type_has_structured_data(client, brief):
    page, authors = brief
    for url in ("/", "/policy-analysis/", "/policy-analysis/iraq/", "/experts/", "/search/"):
        assert "Organization" in json_ld(client, url)
