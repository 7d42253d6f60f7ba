"""Text in another language than the page's is isolated in its own direction.

On an Arabic page, English fallback text (an author, a bio, a region, a Recommended card, a
byline) marked only with lang="en" is laid out right-to-left: its full stop lands on the wrong
side (".Jordan"). Every such element also carries dir="ltr", and Latin text the template puts
inside an Arabic sentence (the byline) is isolated.
"""

import pytest
from bs4 import BeautifulSoup

from experts.models import ExpertLink
from tests.support import factories
from tests.support.translation import (
    arabic_text,
    publish,
    submit,
    translate_and_publish,
    translate_strings,
)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def arabic_sections(tree, superuser):
    """The home page, /experts/ and /policy-analysis/ in Arabic (where Arabic briefs live)."""
    for page in tree:
        translate_and_publish(page, superuser)
    return tree


@pytest.fixture
def arabic_brief(arabic_sections, superuser):
    """An Arabic brief whose author, region, type and Recommended pick exist in English only."""
    expert = factories.expert("Lina Haddad", short_bio="Lina studies Jordan.")
    pick = factories.brief("Water in Jordan.", byline="Institute staff.")
    english = factories.brief(
        "Jordan after the war",
        authors=[expert],
        regions=[factories.region("Jordan")],
        recommended=[pick],
    )
    return translate_and_publish(english, superuser)


def test_every_english_element_on_an_arabic_brief_is_isolated_left_to_right(client, arabic_brief):
    page = soup(client.get(arabic_brief.url))
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    english = page.find_all(attrs={"lang": "en"})
    # Positive control: the fallbacks the fixture set up are all marked as English.
    marked = {(element.name, element.get_text(" ", strip=True)) for element in english}
    for expected in [
        ("p", "Brief Analysis"),  # the publication type
        ("a", "Lina Haddad"),  # byline and "About the authors"
        ("p", "Lina studies Jordan."),  # the bio
        ("li", "Jordan"),  # the region
        ("a", "English"),  # the language switch
    ]:
        assert expected in marked, expected
    cards = page.select(".recommended article.card[lang=en]")
    assert [card.select_one(".card__title").get_text(strip=True) for card in cards] == [
        "Water in Jordan."
    ]
    assert [element for element in english if element.get("dir") != "ltr"] == []


def test_latin_names_in_the_arabic_byline_are_isolated(client, arabic_brief):
    page = soup(client.get(arabic_brief.url))
    byline = page.select_one(".brief__header .byline")
    assert byline.select_one(".byline__by").get_text(strip=True) == "بقلم"
    [author] = byline.select(".byline__authors > a")
    assert author.get_text() == "Lina Haddad"
    assert (author["lang"], author["dir"]) == ("en", "ltr")


def test_recommended_fallback_card_isolates_its_free_text_byline(client, arabic_brief):
    page = soup(client.get(arabic_brief.url))
    [card] = page.select(".recommended article.card[lang=en]")
    assert card["dir"] == "ltr"
    assert card.select_one(".card__authors > bdi").get_text() == "Institute staff."


def test_free_text_byline_left_in_latin_by_the_translator_is_isolated(
    client, arabic_sections, superuser
):
    english = factories.brief("Staff brief", byline="Institute staff.")
    translation = submit(english, superuser)
    # The translator keeps the byline's Latin name and translates everything else.
    translate_strings(
        translation,
        superuser,
        text_for=lambda text: text if text == "Institute staff." else arabic_text(text),
    )
    arabic = publish(translation, superuser)
    page = soup(client.get(arabic.url))
    byline = page.select_one(".brief__header .byline")
    assert byline.find("bdi").get_text() == "Institute staff."
    assert byline.get_text(strip=True) == "Institute staff."


def test_language_switch_names_each_language_in_its_own_direction(client, arabic_sections):
    english_page = soup(client.get("/"))
    [arabic_link] = english_page.select(".language-switch a")
    assert (arabic_link["lang"], arabic_link["dir"], arabic_link.get_text()) == (
        "ar",
        "rtl",
        "العربية",
    )


def test_expert_links_name_their_kind_in_arabic_and_isolate_english_labels(
    client, arabic_sections, superuser
):
    english = factories.expert(
        "Lina Haddad",
        links=[
            ExpertLink(kind="email", url="mailto:lina@example.org"),
            ExpertLink(kind="other", label="Field notes", url="https://example.org/notes"),
        ],
    )
    arabic = translate_and_publish(english, superuser)
    links = soup(client.get(arabic.url)).select(".link-list a")
    assert [(a.get_text(), a.get("lang"), a.get("dir")) for a in links] == [
        ("البريد الإلكتروني", None, None),  # the kind, translated
        ("Field notes", "en", "ltr"),  # the editor's English label, marked and isolated
    ]
