"""A brief's keyword chips lead to the listing of the briefs with that keyword, in the page's
language (keywords are synchronized English words; their slugs are shared by every edition)."""

import pytest
from bs4 import BeautifulSoup

from tests.support import factories
from tests.support.html import card_titles
from tests.support.translation import arabic_text, translate_and_publish


def page_at(client, url):
    """The parsed page at ``url`` (which must be found)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def briefs(tree, superuser):
    """Briefs "On ISIS" (keyword ISIS) and "On water" (keyword water), with Arabic editions."""
    for page in tree:
        translate_and_publish(page, superuser)
    made = {}
    for title, keyword in (("On ISIS", "ISIS"), ("On water", "water")):
        english = factories.brief(title)
        english.tags.add(keyword)
        english.save_revision().publish()
        made[title] = {"en": english, "ar": translate_and_publish(english, superuser)}
    return made


def chip(page, name):
    [link] = [a for a in page.select(".topics .tag-list a") if a.get_text() == name]
    return link


def test_arabic_keyword_chip_lists_the_arabic_briefs_with_that_keyword(client, briefs):
    page = page_at(client, briefs["On ISIS"]["ar"].url)
    link = chip(page, "ISIS")
    assert link["href"] == "/ar/policy-analysis/?tag=isis"
    # The keyword is English on an Arabic page: marked and isolated as such.
    chips = link.find_parent("ul")
    assert (chips["lang"], chips["dir"]) == ("en", "ltr")
    assert card_titles(client.get(link["href"])) == [arabic_text("On ISIS")]


def test_english_keyword_chip_lists_the_english_briefs_with_that_keyword(client, briefs):
    page = page_at(client, briefs["On ISIS"]["en"].url)
    link = chip(page, "ISIS")
    assert link["href"] == "/policy-analysis/?tag=isis"
    assert not link.find_parent("ul").has_attr("lang")
    assert card_titles(client.get(link["href"])) == ["On ISIS"]


def test_keyword_filter_is_kept_by_the_filter_form(client, briefs):
    page = page_at(client, "/ar/policy-analysis/?tag=isis")
    hidden = page.select_one("form.filters input[name=tag]")
    assert (hidden["type"], hidden["value"]) == ("hidden", "isis")


@pytest.mark.parametrize("value", ["no-such-keyword", "%3Cscript%3E"])
def test_unknown_keyword_is_reported_and_ignored(client, briefs, value):
    response = client.get(f"/policy-analysis/?tag={value}")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "ignored" in page.select_one(".notice").get_text()
    assert sorted(card_titles(response)) == ["On ISIS", "On water"]
    assert page.select_one("form.filters input[name=tag]") is None
