"""The sitemap index and the per-language sitemaps: valid against the sitemaps.org schemas,
hreflang alternates both ways, true lastmod, images, hidden pages left out."""

import datetime

import pytest
from lxml import etree

from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.paths import DATA
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
}
FOREIGN = (NS["xhtml"], NS["image"])


def schema(name):
    return etree.XMLSchema(etree.parse(str(DATA / "sitemaps" / name)))


def fetch(client, url, schema_name):
    """The sitemap at ``url``, after checking it against the sitemaps.org schema (the
    xhtml and image extensions are checked by the tests, then set aside: the schema's
    strict wildcard would need their own schemas)."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    document = etree.fromstring(response.content)
    core = etree.fromstring(response.content)
    for element in list(core.iter()):
        if etree.QName(element).namespace in FOREIGN:
            element.getparent().remove(element)
    validator = schema(schema_name)
    assert validator.validate(core), validator.error_log
    return document


def entries(document):
    """{loc: {"lastmod": …, "alternates": {hreflang: href}, "images": [loc]}}."""
    found = {}
    for url in document.findall("s:url", NS):
        found[url.findtext("s:loc", namespaces=NS)] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            },
            "images": [
                image.findtext("image:loc", namespaces=NS)
                for image in url.findall("image:image", NS)
            ],
        }
    return found


@pytest.fixture
def site(tree):
    hero = factories.image("hero")
    brief = factories.brief("Translated brief", hero_image=hero, date=datetime.date(2020, 5, 14))
    arabic = translate_and_publish(brief)
    alone = factories.brief("English only")
    hidden = [
        factories.brief("Draft brief", publish=False),
        factories.make_private(factories.brief("Private brief")),
    ]
    return {
        "brief": BriefPage.objects.get(pk=brief.pk),
        "arabic": arabic,
        "alone": alone,
        "hero": hero,
        "hidden": hidden,
    }


def test_the_index_lists_one_sitemap_per_language(client, site):
    document = fetch(client, "/sitemap.xml", "siteindex.xsd")
    assert [loc.text for loc in document.findall("s:sitemap/s:loc", NS)] == [
        "http://testserver/sitemap-en.xml",
        "http://testserver/sitemap-ar.xml",
    ]


def test_each_language_sitemap_validates_and_lists_only_its_visible_pages(client, site):
    english = entries(fetch(client, "/sitemap-en.xml", "sitemap.xsd"))
    arabic = entries(fetch(client, "/sitemap-ar.xml", "sitemap.xsd"))
    assert site["brief"].full_url in english and site["alone"].full_url in english
    assert site["arabic"].full_url in arabic and site["brief"].full_url not in arabic
    for page in site["hidden"]:
        assert not [loc for loc in [*english, *arabic] if loc.endswith(f"/{page.slug}/")]


def test_translated_pages_name_each_other_both_ways_with_x_default(client, site):
    english = entries(fetch(client, "/sitemap-en.xml", "sitemap.xsd"))
    arabic = entries(fetch(client, "/sitemap-ar.xml", "sitemap.xsd"))
    pair = {
        "en": site["brief"].full_url,
        "ar": site["arabic"].full_url,
        "x-default": site["brief"].full_url,
    }
    assert english[site["brief"].full_url]["alternates"] == pair
    assert arabic[site["arabic"].full_url]["alternates"] == pair
    assert english[site["alone"].full_url]["alternates"] == {}


def test_lastmod_is_when_the_page_was_last_published(client, site):
    english = entries(fetch(client, "/sitemap-en.xml", "sitemap.xsd"))
    assert english[site["brief"].full_url]["lastmod"] == site["brief"].last_published_at.isoformat()


def test_a_briefs_hero_image_is_listed(client, site):
    english = entries(fetch(client, "/sitemap-en.xml", "sitemap.xsd"))
    assert english[site["brief"].full_url]["images"] == [
        f"http://testserver{site['hero'].file.url}"
    ]
    assert english[site["alone"].full_url]["images"] == []


def test_an_unknown_language_sitemap_is_a_404(client, site):
    assert client.get("/sitemap-fr.xml").status_code == 404


def test_a_sitemap_costs_the_same_queries_whatever_its_length(
    client, site, django_assert_num_queries
):
    client.get("/sitemap-en.xml")
    with django_assert_num_queries(SITEMAP_QUERIES):
        client.get("/sitemap-en.xml")
    for n in range(5):
        factories.brief(f"More {n}", hero_image=factories.image(f"more{n}"))
    client.get("/sitemap-en.xml")
    with django_assert_num_queries(SITEMAP_QUERIES):
        client.get("/sitemap-en.xml")


#: The pages, each page type's specific rows, their editions and their images, and the
#: Site (the view restrictions are kept by content version: core.versioned).
SITEMAP_QUERIES = 10
