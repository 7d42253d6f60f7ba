"""The header's main sections and the footer's links, editable on the site identity
(core.models.SiteIdentity) and translated with it; the home page's children when none is set."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core.models import SiteIdentity
from core.models.site_identity import NavigationLinkBlock
from tests.support import factories
from tests.support.translation import submit, translate_and_publish, translate_strings

pytestmark = pytest.mark.django_db

ARABIC = {
    "The Policy Institute": "معهد السياسات",
    "About": "من نحن",
    "Analysis": "التحليلات",
    "Contact us": "اتصل بنا",
}


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def header_links(page):
    return [
        (a.get_text(strip=True), a["href"], a.get("aria-current"))
        for a in page.select(".site-header .site-nav a")
    ]


def link(key, page=None, url="", label=""):
    return {"type": "link", "id": key, "value": {"page": page, "url": url, "label": label}}


@pytest.fixture(autouse=True)
def _render_every_request(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def identity(tree):
    home, experts, analysis = tree
    return SiteIdentity.objects.create(
        site=Site.objects.get(is_default_site=True),
        locale=factories.english(),
        name="The Policy Institute",
        navigation=[
            link("a", page=analysis.pk, label="Analysis"),
            link("b", page=experts.pk),
            link("c", url="#about", label="About"),
        ],
        footer_links=[link("d", url="mailto:info@example.org", label="Contact us")],
        social_links=[
            {
                "type": "social",
                "id": "e",
                "value": {"network": "linkedin", "url": "https://www.linkedin.com/company/example"},
            },
        ],
    )


def test_header_lists_the_identitys_sections_in_order_with_the_current_one(client, identity):
    brief = factories.brief("Iraq brief")
    assert header_links(soup(client.get(brief.url))) == [
        ("Analysis", "/policy-analysis/", "true"),
        ("Experts", "/experts/", None),
        ("About", "#about", None),
    ]
    assert header_links(soup(client.get("/experts/")))[1] == ("Experts", "/experts/", "page")


def test_without_navigation_the_header_falls_back_to_the_home_pages_children(client, tree):
    assert header_links(soup(client.get("/"))) == [
        ("Experts", "/experts/", None),
        ("Policy Analysis", "/policy-analysis/", None),
    ]


def test_a_section_readers_may_not_see_is_left_out(client, identity, tree):
    _home, experts, _analysis = tree
    experts.unpublish()
    assert [text for text, _href, _current in header_links(soup(client.get("/")))] == [
        "Analysis",
        "About",
    ]


def test_editable_navigation_costs_what_the_fallback_costs(client, tree):
    """The header and footer links cost one query together (the identity's own query is
    there already); the fallback reads the home page's children in one (the active locale
    comes from the process's cache)."""
    brief = factories.brief("Counted brief")

    def count():
        assert client.get(brief.url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            response = client.get(brief.url)
        assert response.status_code == 200
        return len(queries)

    SiteIdentity.objects.create(
        site=Site.objects.get(is_default_site=True), locale=factories.english(), name="Institute"
    )
    fallback = count()
    _home, experts, analysis = tree
    SiteIdentity.objects.update(
        navigation=[link("a", page=analysis.pk), link("b", page=experts.pk)],
        footer_links=[link("c", page=experts.pk, label="Our experts")],
    )
    assert count() == fallback


def test_footer_has_its_links_the_contact_and_named_social_accounts(client, identity):
    page = soup(client.get("/"))
    footer = page.select_one("footer.site-footer")
    assert [
        (a.get_text(strip=True), a["href"]) for a in footer.select(".site-footer__links a")
    ] == [("Contact us", "mailto:info@example.org")]
    assert footer.select_one(".site-footer__links")["aria-label"] == "Footer"
    social = footer.select_one(".site-footer__social")
    assert social["aria-label"] == "Follow us"
    assert [(a.get_text(strip=True), a["href"]) for a in social.select("a")] == [
        ("LinkedIn", "https://www.linkedin.com/company/example")
    ]
    assert footer.select_one("#about .site-footer__name").get_text() == "The Policy Institute"


def test_arabic_navigation_is_translated_and_points_at_the_arabic_editions(client, identity, tree):
    _home, experts, analysis = tree
    translate_and_publish(analysis)
    arabic_experts = translate_and_publish(experts)
    translation = submit(identity)
    translate_strings(translation, text_for=lambda text: ARABIC.get(text, text))
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)
    page = soup(client.get("/ar/"))
    assert header_links(page) == [
        ("التحليلات", "/ar/policy-analysis/", None),
        (arabic_experts.title, "/ar/experts/", None),
        ("من نحن", "#about", None),
    ]
    assert [a.get_text(strip=True) for a in page.select(".site-footer__links a")] == ["اتصل بنا"]


def test_arabic_page_with_an_english_identity_links_the_arabic_editions_marked_english(
    client, identity, tree
):
    _home, experts, analysis = tree
    translate_and_publish(analysis)
    arabic_experts = translate_and_publish(experts)
    links = soup(client.get("/ar/")).select(".site-header .site-nav a")
    assert [(a.get_text(strip=True), a["href"], a.get("lang")) for a in links] == [
        ("Analysis", "/ar/policy-analysis/", "en"),
        (arabic_experts.title, "/ar/experts/", None),
        ("About", "#about", "en"),
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"page": None, "url": "", "label": "x"}, "Choose a page or write an address"),
        ({"page": None, "url": "javascript:alert(1)", "label": "x"}, "An address starts with"),
        ({"page": None, "url": "/search/", "label": ""}, "needs a label"),
    ],
)
def test_a_link_needs_one_safe_target_and_a_label(value, message):
    block = NavigationLinkBlock()
    with pytest.raises(ValidationError, match=message):
        block.clean(block.to_python(value))
