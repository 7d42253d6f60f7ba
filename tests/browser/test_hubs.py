"""A reader on a topic hub in a real browser, in English and Arabic: the introduction, the
experts and the latest items by type are there, a type's "All … items" link lands on the
hub's listing filtered by that type, and axe-core finds no serious violation."""

import pytest

from tests.browser.test_accessibility import axe_violations
from tests.support import factories
from tests.support.hubs import hub
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.browser


def hub_in_both_languages():
    home, experts, analysis = factories.site_tree()
    iraq = factories.region("Iraq")
    scholar = factories.expert("Bilal Wahab")
    scholar.expertise_regions = [iraq]
    scholar.save_revision().publish()
    podcast = factories.publication_type("Podcast")
    briefs = [factories.brief(f"Iraq brief {i}", regions=[iraq]) for i in range(4)]
    briefs.append(factories.brief("Iraq podcast", regions=[iraq], type=podcast))
    english = hub(iraq, featured=briefs[:2])
    # The Arabic hub lists the Arabic edition's items.
    for page in (home, experts, analysis, *briefs):
        translate_and_publish(page)
    return english, translate_and_publish(english)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_hub_reads_and_links_to_its_filtered_listing(page, site, language):
    english, arabic = hub_in_both_languages()
    target = english if language == "en" else arabic
    page.goto(site + target.url)
    assert page.locator("html").get_attribute("dir") == ("ltr" if language == "en" else "rtl")
    assert page.locator(".topic__intro").is_visible()
    assert page.locator(".topic__experts li").count() == 1
    assert page.locator(".topic__type").count() == 2
    assert page.locator("select[name=region]").is_disabled()
    assert axe_violations(page) == []

    page.locator(".topic__type").nth(1).locator(".topic__more a").click()
    page.wait_for_url("**?type=podcast*")
    assert page.locator(".results .card").count() == 1
    assert page.locator(".topic__latest").count() == 0
