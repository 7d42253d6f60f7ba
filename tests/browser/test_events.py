"""An event opened in a real browser in both languages: the page reads right (language,
direction, the time in the event's zone with its ISO instant, speakers, "Add to calendar"),
the calendar file downloads, and axe-core finds no serious or critical violation."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.test_accessibility import axe_violations
from tests.support import events, factories
from tests.support.translation import translate_and_publish


def event_content():
    factories.site_tree()
    iraq = factories.region("Iraq", "iraq")
    speaker = factories.expert("Munqith Dagher", slug="munqith-dagher")
    start = (timezone.now() + datetime.timedelta(days=10)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    forum = events.event(
        "Iraq After the Elections",
        slug="iraq-after-the-elections",
        start=start,
        time_zone="Asia/Baghdad",
        regions=[iraq],
        speakers=[speaker],
        guests=[("Laura Kemp", "Former U.S. Ambassador to Iraq")],
        venue="The Institute, Boardroom",
        address="1111 19th Street NW\nWashington, DC",
        online_url="https://live.example.org/iraq",
        registration_url="https://events.example.org/register/iraq",
    )
    arabic = translate_and_publish(forum)
    return forum, arabic


@pytest.mark.parametrize("language", ["en", "ar"])
def test_event_page_in_both_languages_passes_axe(page, site, language):
    forum, arabic = event_content()
    shown = forum if language == "en" else arabic
    problems = []
    for path in (shown.get_url().split("/events/")[0] + "/events/", shown.get_url()):
        response = page.goto(site + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        problems += axe_violations(page)
    assert not problems, "\n".join(problems)

    instant = timezone.localtime(forum.start, forum.zone).isoformat()
    assert page.locator(f'time[datetime="{instant}"]').count() == 1
    assert "(Asia/Baghdad)" in page.locator(".event-when").first.inner_text()
    assert page.locator(".speaker-list__person").count() == 2
    with page.expect_download() as download:
        page.locator(".event__calendar a[download]").click()
    assert download.value.suggested_filename == f"{shown.slug}.ics"
    page.log.assert_clean()
