"""The chrome's site-wide strings (core.models.SiteIdentity) in the reader's language.

Before, the header, footer, <title> and OpenGraph of an Arabic page named the institute in
English (the Wagtail Site's single name). The identity is a translatable snippet of the site,
translated in wagtail-localize like any snippet.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core.models import SiteIdentity
from tests.support import factories
from tests.support.translation import submit, translate_and_publish, translate_strings

pytestmark = pytest.mark.django_db

ARABIC = {
    "The Policy Institute": "معهد السياسات",
    "Analysis of U.S. policy in the Middle East.": "تحليل السياسة الأمريكية في الشرق الأوسط.",
    "Views are the authors' own.": "الآراء تعبّر عن أصحابها.",
}


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def identity(tree):
    return SiteIdentity.objects.create(
        site=Site.objects.get(is_default_site=True),
        locale=factories.english(),
        name="The Policy Institute",
        tagline="Analysis of U.S. policy in the Middle East.",
        footer_text="Views are the authors' own.",
        contact_email="info@example.org",
    )


@pytest.fixture
def arabic_identity(identity):
    """The identity translated in wagtail-localize and published, as a translator does."""
    translation = submit(identity)
    translate_strings(translation, text_for=ARABIC.__getitem__)
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)
    return SiteIdentity.objects.get(
        translation_key=identity.translation_key, locale__language_code="ar"
    )


@pytest.fixture
def arabic_brief(tree):
    for page in tree:
        translate_and_publish(page)
    return translate_and_publish(factories.brief("Iraq after the elections"))


def chrome(page):
    """What the header, footer and head say about the institute."""
    return {
        "header": page.select_one(".site-header__name").get_text(strip=True),
        "footer": [p.get_text(strip=True) for p in page.select(".site-footer__identity p")],
        "contact": page.select_one(".site-footer__contact a").get_text(strip=True),
        "title": page.title.get_text().rsplit(" | ", 1)[1],
        "og:site_name": page.select_one('meta[property="og:site_name"]')["content"],
    }


def test_an_arabic_page_names_the_institute_in_arabic_everywhere(
    client, arabic_identity, arabic_brief
):
    page = soup(client.get(arabic_brief.url))
    assert chrome(page) == {
        "header": "معهد السياسات",
        "footer": [
            "معهد السياسات",
            "تحليل السياسة الأمريكية في الشرق الأوسط.",
            "الآراء تعبّر عن أصحابها.",
        ],
        "contact": "info@example.org",  # synchronized: the same address in both editions
        "title": "معهد السياسات",
        "og:site_name": "معهد السياسات",
    }
    # Nothing in the chrome is marked as English: it is not a fallback.
    assert page.select(".site-header [lang=en]:not(.language-switch *)") == []
    assert page.select(".site-footer [lang=en]") == []
    # The e-mail address reads left to right inside the Arabic footer.
    assert page.select_one(".site-footer__contact a")["dir"] == "ltr"


def test_an_english_page_names_the_institute_in_english(client, arabic_identity, arabic_brief):
    english = arabic_brief.get_translation(factories.english())
    page = soup(client.get(english.url))
    assert chrome(page) == {
        "header": "The Policy Institute",
        "footer": [
            "The Policy Institute",
            "Analysis of U.S. policy in the Middle East.",
            "Views are the authors' own.",
        ],
        "contact": "info@example.org",
        "title": "The Policy Institute",
        "og:site_name": "The Policy Institute",
    }


def test_an_untranslated_identity_shows_english_isolated_on_arabic_pages(
    client, identity, arabic_brief
):
    page = soup(client.get(arabic_brief.url))
    name = page.select_one(".site-header__name")
    assert (name.get_text(strip=True), name["lang"], name["dir"]) == (
        "The Policy Institute",
        "en",
        "ltr",
    )
    footer = page.select_one(".site-footer__identity")
    assert (footer["lang"], footer["dir"]) == ("en", "ltr")


def test_without_an_identity_the_chrome_uses_the_sites_name(client, arabic_brief):
    Site.objects.filter(is_default_site=True).update(site_name="Institute Site")
    page = soup(client.get(arabic_brief.url))
    assert page.select_one(".site-header__name").get_text(strip=True) == "Institute Site"
    assert page.select_one(".site-footer__tagline") is None
    assert page.select_one(".site-footer__contact") is None


def test_the_identity_is_read_once_per_request(client, arabic_identity, arabic_brief):
    """Header, footer, <title> and OpenGraph share one query."""
    with CaptureQueriesContext(connection) as queries:
        client.get(arabic_brief.url)
    identity_queries = [q for q in queries if "core_siteidentity" in q["sql"]]
    assert len(identity_queries) == 1


def test_editing_the_identity_refreshes_cached_pages(client, arabic_identity, arabic_brief):
    def header():
        response = client.get(arabic_brief.url)
        name = soup(response).select_one(".site-header__name").get_text(strip=True)
        return response["X-Cache"], name

    assert header() == ("miss", "معهد السياسات")
    assert header() == ("hit", "معهد السياسات")
    arabic_identity.name = "معهد واشنطن"
    arabic_identity.save()
    assert header() == ("miss", "معهد واشنطن")


def test_editors_find_the_identity_under_settings_and_can_add_one(client, superuser, tree):
    client.force_login(superuser)
    admin = client.get("/admin/")
    assert b"/admin/snippets/core/siteidentity/" in admin.content
    site = Site.objects.get(is_default_site=True)
    response = client.post(
        "/admin/snippets/core/siteidentity/add/?locale=en",
        {
            "site": site.pk,
            "name": "The Policy Institute",
            "tagline": "",
            "footer_text": "",
            # The navigation StreamFields, left empty.
            "navigation-count": "0",
            "footer_links-count": "0",
            "social_links-count": "0",
        },
    )
    assert response.status_code == 302
    assert SiteIdentity.objects.get().name == "The Policy Institute"
