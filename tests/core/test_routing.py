"""core.routing: the page a URL names, found in two queries, is the one Wagtail's own walk
finds; where only that walk can tell (a 404, a fallback inside a ``route()``), the short cut
declines and Wagtail decides."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from core.localization import locale_for_language
from core.routing import route
from tests.support import events, factories
from tests.support.hubs import hub
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db


def wagtail_walk(path, language):
    """Wagtail's own result for ``path`` (a fresh request: nothing kept on it)."""
    with translation.override(language):
        request = RequestFactory().get("/" + path)
        return Page.route_for_request(request, path)


def short_cut(path, language):
    with translation.override(language):
        return route(RequestFactory().get("/" + path), path, language)


def outcome(result):
    if result is None:
        return None
    page, args, kwargs = result
    view = args[0].__name__ if args and callable(args[0]) else args
    return (page.pk, type(page).__name__, view, kwargs)


@pytest.fixture
def world(tree, superuser):
    home, experts, analysis = tree
    region = factories.region("Iraq")
    brief = factories.brief("Water and power in Basra", regions=[region])
    draft_hub_term = factories.issue("Energy")
    hub(draft_hub_term, publish=False)
    factories.series("Policy Notes")
    event = events.event("A policy forum")
    translate_and_publish(home, superuser)
    translate_and_publish(analysis, superuser)
    arabic_brief = translate_and_publish(brief, superuser)
    return {"brief": brief, "arabic_brief": arabic_brief, "event": event}


FOUND = [
    ("", "en"),
    ("policy-analysis/", "en"),
    ("experts/", "en"),
    ("policy-analysis/iraq/", "en"),  # a term's landing page (AnalysisIndexPage.route)
    ("policy-analysis/series/policy-notes/", "en"),
    ("", "ar"),
    ("policy-analysis/", "ar"),
]


@pytest.mark.parametrize(("path", "language"), FOUND)
def test_the_short_cut_finds_what_wagtail_finds(world, path, language):
    expected = outcome(wagtail_walk(path, language))
    assert expected is not None
    assert outcome(short_cut(path, language)) == expected


def test_a_brief_and_its_arabic_edition_are_found_in_two_queries(world):
    locale_for_language("en"), locale_for_language("ar")  # the process-wide locales, warm
    short_cut("", "en")  # the site, kept by content version, warm
    for page, language in ((world["brief"], "en"), (world["arabic_brief"], "ar")):
        path = page.url.removeprefix("/ar/" if language == "ar" else "/")
        with CaptureQueriesContext(connection) as queries:
            found = short_cut(path, language)
        assert outcome(found) == outcome(wagtail_walk(path, language))
        assert (found[0].pk, len(queries)) == (page.pk, 2)


def test_an_events_calendar_file_is_routed_by_the_event_page(world):
    path = world["event"].url.lstrip("/") + "ical/"
    expected = outcome(wagtail_walk(path, "en"))
    assert expected[:2] == (world["event"].pk, "EventPage")
    assert outcome(short_cut(path, "en")) == expected


@pytest.mark.parametrize(
    "path",
    [
        "policy-analysis/no-such-brief/",
        "no-such-section/deeper/",
        "policy-analysis/energy/",  # a draft hub: the term's listing answers, via Wagtail's walk
    ],
)
def test_paths_without_a_live_page_are_left_to_wagtail(world, path):
    assert short_cut(path, "en") is None


def test_the_draft_hubs_term_listing_is_still_served(client, world):
    response = client.get("/policy-analysis/energy/")
    assert (response.status_code, "Energy" in response.content.decode()) == (200, True)


def test_a_draft_brief_is_a_404(client, world):
    draft = factories.brief("Not yet", publish=False)
    assert client.get(f"/policy-analysis/{draft.slug}/").status_code == 404


def test_a_restriction_on_an_ancestor_guards_the_routed_page_without_a_query(client, world):
    _, _, analysis = factories.site_tree()
    factories.make_private(analysis)
    brief = world["brief"]
    response = client.get(brief.url)
    assert (response.status_code, 'name="password"' in response.content.decode()) == (200, True)
    path = brief.url.lstrip("/")
    short_cut(path, "en")  # the restrictions, kept by content version, warm
    page = short_cut(path, "en")[0]
    with CaptureQueriesContext(connection) as queries:
        restrictions = list(page.get_view_restrictions())
    assert ([r.page_id for r in restrictions], len(queries)) == ([analysis.pk], 0)


def test_an_alias_of_a_private_page_is_guarded_by_the_original_s_restriction(client, world):
    brief = world["brief"]
    home, _, _ = factories.site_tree()
    alias = brief.create_alias(parent=home, update_slug="basra-alias")
    factories.make_private(brief)
    response = client.get(alias.url)
    assert (response.status_code, 'name="password"' in response.content.decode()) == (200, True)
