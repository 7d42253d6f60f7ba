"""The full-page cache of public HTML (core/page_cache.py): what it serves, to whom, and
when a change makes it fetch the page again."""

import datetime
import uuid

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from wagtail import hooks
from wagtail.models import Page

from core import page_cache
from policyanalysis.models import AnalysisIndexPage
from tests.support import factories
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2030, 3, 1, 12, 0, tzinfo=datetime.UTC)


def fetch(client, url, expected="miss"):
    """GET ``url`` and check the cache outcome the response reports."""
    response = client.get(url)
    assert response["X-Cache"] == expected, (url, response.status_code)
    return response


def text(response):
    return response.content.decode()


# --- hits ------------------------------------------------------------------------------


def test_second_anonymous_get_is_a_hit_with_no_sql_and_the_same_bytes_and_headers(
    client, tree, django_assert_num_queries
):
    brief = factories.brief("Water and power in Basra")
    first = fetch(client, brief.url, "miss")
    with django_assert_num_queries(0):
        second = fetch(client, brief.url, "hit")
    assert second.status_code == 200
    assert second.content == first.content
    for header in ("Content-Type", "Content-Language", "Vary", "Content-Length"):
        assert second[header] == first[header], header
    assert second["Age"] == "0"


def test_head_fills_the_entry_that_a_get_then_reads_in_full(client, tree):
    brief = factories.brief("Water and power in Basra")
    assert client.head(brief.url)["X-Cache"] == "miss"
    response = fetch(client, brief.url, "hit")
    assert '<h1 class="brief__title">Water and power in Basra</h1>' in text(response)


def test_query_string_makes_a_separate_entry(client, tree):
    iraq, syria = factories.region("Iraq"), factories.region("Syria")
    factories.brief("About Iraq", regions=[iraq])
    factories.brief("About Syria", regions=[syria])
    _, _, analysis = tree
    unfiltered = fetch(client, analysis.url, "miss")
    filtered = fetch(client, f"{analysis.url}?region=iraq", "miss")
    assert "About Syria" in text(unfiltered)
    assert "About Syria" not in text(filtered)
    assert "About Syria" not in text(fetch(client, f"{analysis.url}?region=iraq", "hit"))
    assert "About Syria" in text(fetch(client, analysis.url, "hit"))


@pytest.fixture
def arabic_edition(tree, superuser):
    """The home page and the analysis index published in Arabic."""
    home, _, analysis = tree
    translate_and_publish(home, superuser)
    return translate_and_publish(analysis, superuser)


def test_arabic_and_english_are_cached_separately(client, arabic_edition, superuser):
    brief = factories.brief("Water and power in Basra")
    arabic = translate_and_publish(brief, superuser)
    assert arabic.url.startswith("/ar/")
    fetch(client, brief.url, "miss")
    fetch(client, arabic.url, "miss")
    english_hit = fetch(client, brief.url, "hit")
    arabic_hit = fetch(client, arabic.url, "hit")
    assert english_hit["Content-Language"] == "en"
    assert arabic_hit["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in text(arabic_hit)
    assert "عربي: Water and power in Basra" in text(arabic_hit)


# --- invalidation ------------------------------------------------------------------------


def test_publishing_a_change_shows_on_the_next_get(client, tree):
    brief = factories.brief("Old title")
    fetch(client, brief.url, "miss")
    fetch(client, brief.url, "hit")
    brief.title = "New title"
    brief.save_revision().publish()
    assert "New title" in text(fetch(client, brief.url, "miss"))


def test_publishing_a_new_brief_refreshes_the_listing(client, tree):
    _, _, analysis = tree
    factories.brief("First brief")
    fetch(client, analysis.url, "miss")
    fetch(client, analysis.url, "hit")
    factories.brief("Second brief")
    assert "Second brief" in text(fetch(client, analysis.url, "miss"))


def test_unpublishing_removes_the_page(client, tree):
    brief = factories.brief("Withdrawn brief")
    fetch(client, brief.url, "miss")
    fetch(client, brief.url, "hit")
    brief.unpublish()
    assert fetch(client, brief.url, "miss").status_code == 404


def test_moving_a_page_frees_its_old_url(client, tree):
    home, _, _ = tree
    archive = home.add_child(instance=AnalysisIndexPage(title="Archive", slug="archive"))
    brief = factories.brief("Moved brief", slug="moved-brief")
    fetch(client, "/policy-analysis/moved-brief/", "miss")
    fetch(client, "/policy-analysis/moved-brief/", "hit")
    brief.move(archive, pos="last-child")
    # wagtail.contrib.redirects leaves a permanent redirect at the old URL.
    old = fetch(client, "/policy-analysis/moved-brief/", "miss")
    assert (old.status_code, old["Location"]) == (301, "/archive/moved-brief/")
    assert fetch(client, "/archive/moved-brief/", "miss").status_code == 200


def test_deleting_a_page_removes_it(client, tree):
    brief = factories.brief("Deleted brief")
    url = brief.url
    fetch(client, url, "miss")
    fetch(client, url, "hit")
    Page.objects.get(pk=brief.pk).delete()
    assert fetch(client, url, "miss").status_code == 404


def test_renaming_a_taxonomy_term_shows_on_the_pages_that_use_it(client, tree):
    region = factories.region("Iraq")
    brief = factories.brief("Water and power in Basra", regions=[region])
    assert ">Iraq</a>" in text(fetch(client, brief.url, "miss"))
    fetch(client, brief.url, "hit")
    region.name = "Republic of Iraq"
    region.save()
    assert ">Republic of Iraq</a>" in text(fetch(client, brief.url, "miss"))


def test_renaming_a_series_or_an_outlet_shows_on_the_pages_that_name_them(client, tree):
    # Snippets of the feature apps, which register them with core.signals.watch.
    series = factories.series("Policy Notes")
    outlet = factories.outlet("The Hill", "https://thehill.com/")
    brief = factories.brief(
        "Water and power in Basra",
        series=[series],
        outlet=outlet,
        external_url="https://thehill.com/opinion/basra/",
    )
    page = text(fetch(client, brief.url, "miss"))
    assert ("Policy Notes" in page, "The Hill" in page) == (True, True)
    fetch(client, brief.url, "hit")
    series.name = "Policy Watch"
    series.save()
    assert "Policy Watch" in text(fetch(client, brief.url, "miss"))
    fetch(client, brief.url, "hit")
    outlet.name = "The Capitol"
    outlet.save()
    assert "The Capitol" in text(fetch(client, brief.url, "miss"))


def test_publishing_a_translation_refreshes_the_arabic_listing(client, arabic_edition, superuser):
    brief = factories.brief("Water and power in Basra")
    fetch(client, arabic_edition.url, "miss")
    assert "عربي: Water and power in Basra" not in text(fetch(client, arabic_edition.url, "hit"))
    translate_and_publish(brief, superuser)
    assert "عربي: Water and power in Basra" in text(fetch(client, arabic_edition.url, "miss"))


def test_a_page_turning_private_is_no_longer_served_from_the_cache(client, tree):
    brief = factories.brief("Soon private")
    fetch(client, brief.url, "miss")
    fetch(client, brief.url, "hit")
    factories.make_private(brief)
    response = fetch(client, brief.url, "miss")
    assert "Soon private</h1>" not in text(response)
    assert 'name="password"' in text(response)


def test_a_fill_from_before_the_commit_is_unreachable_after_it(
    client, tree, django_capture_on_commit_callbacks
):
    # Another process may render the page between the publish's first bump and its commit,
    # from what the database still shows; the bump after the commit must orphan that entry.
    brief = factories.brief("Old title")
    request = RequestFactory().get(brief.url)
    with django_capture_on_commit_callbacks(execute=True):
        brief.title = "New title"
        brief.save_revision().publish()
        stale_key = page_cache.entry_key(request, page_cache.current_version())
        cache.set(stale_key, {"content": b"STALE", "headers": [], "stored_at": 0}, 300)
    response = fetch(client, brief.url, "miss")
    assert "New title" in text(response)


def test_losing_the_version_key_never_revives_older_pages(client, tree):
    brief = factories.brief("Cached brief")
    fetch(client, brief.url, "miss")
    cache.delete(page_cache.VERSION_KEY)  # evicted (LRU) or lost with a Redis restart
    fetch(client, brief.url, "miss")


# --- who is never served from, or stored in, the cache -------------------------------------


def test_a_logged_in_get_does_not_read_the_public_cache(client, tree, superuser):
    brief = factories.brief("Published title")
    fetch(client, brief.url, "miss")
    # A change that sends no signal, so the public entry stays as it was.
    Page.objects.filter(pk=brief.pk).update(title="Changed in the database")
    editor = Client()
    editor.force_login(superuser)
    response = editor.get(brief.url)
    assert "X-Cache" not in response
    assert "Changed in the database</h1>" in text(response)


def test_a_page_rendered_for_a_logged_in_user_is_never_served_to_anonymous_readers(
    client, tree, superuser
):
    brief = factories.brief("Published title")
    editor = Client()
    editor.force_login(superuser)
    assert "X-Cache" not in editor.get(brief.url)
    assert "X-Cache" not in editor.get(brief.url)
    fetch(client, brief.url, "miss")


def test_a_request_with_a_session_cookie_bypasses_the_cache(client, tree, settings):
    brief = factories.brief("Published title")
    client.cookies[settings.SESSION_COOKIE_NAME] = "an-anonymous-session"
    assert "X-Cache" not in client.get(brief.url)
    assert "X-Cache" not in client.get(brief.url)
    del client.cookies[settings.SESSION_COOKIE_NAME]
    fetch(client, brief.url, "miss")


def test_a_preview_is_neither_served_from_nor_stored_in_the_cache(client, tree):
    brief = factories.brief("Live title")
    fetch(client, brief.url, "miss")
    brief.title = "Draft title"
    brief.save_revision()  # a draft, not published
    # The admin's preview runs a request for the page's own URL through every middleware;
    # without the editor's cookies it looks anonymous.
    draft = Page.objects.get(pk=brief.pk).specific.get_latest_revision_as_object()
    preview = draft.make_preview_request()
    assert "Draft title</h1>" in text(preview)
    assert "X-Cache" not in preview
    assert "Live title</h1>" in text(fetch(client, brief.url, "hit"))


def test_a_password_form_is_never_stored(client, tree):
    brief = factories.make_private(factories.brief("Private brief"))
    first = fetch(client, brief.url, "miss")
    assert 'name="password"' in text(first)
    fetch(client, brief.url, "miss")


def test_a_page_that_used_its_csrf_token_is_never_stored(client, tree):
    brief = factories.brief("Page with a form")

    def render_a_form(page, request, args, kwargs):
        get_token(request)  # what {% csrf_token %} does

    with hooks.register_temporarily("before_serve_page", render_a_form):
        first = fetch(client, brief.url, "miss")
        assert "csrftoken" in first.cookies
        fetch(client, brief.url, "miss")


def test_a_used_csrf_token_alone_makes_a_response_unstorable():
    factory = RequestFactory()
    with_form, without_form = factory.get("/"), factory.get("/")
    get_token(with_form)
    assert page_cache.is_public_response(with_form, HttpResponse("<form></form>")) is False
    assert page_cache.is_public_response(without_form, HttpResponse("<p>text</p>")) is True


def test_other_views_are_never_cached(client, tree):
    factories.brief("A brief")
    for url in ("/sitemap.xml", "/api/v1/analysis/", "/admin/login/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Cache" not in response, url


def test_not_found_pages_are_not_stored(client, tree):
    assert fetch(client, "/no-such-page/", "miss").status_code == 404
    assert fetch(client, "/no-such-page/", "miss").status_code == 404


def test_the_cache_can_be_turned_off(client, tree, settings):
    settings.PAGE_CACHE_ENABLED = False
    brief = factories.brief("A brief")
    client.get(brief.url)
    assert "X-Cache" not in client.get(brief.url)


# --- scheduled publishing ------------------------------------------------------------------


def test_entry_timeout_stops_at_the_next_scheduled_change():
    now = T0
    assert page_cache.entry_timeout(now, None, 300) == 300
    assert page_cache.entry_timeout(now, now + datetime.timedelta(hours=1), 300) == 300
    assert page_cache.entry_timeout(now, now + datetime.timedelta(seconds=30.9), 300) == 30
    assert page_cache.entry_timeout(now, now + datetime.timedelta(seconds=0.5), 300) == 0


def test_next_scheduled_change_is_the_earliest_future_go_live_or_expiry(tree):
    with time_machine.travel(T0, tick=False):
        factories.brief("Expiring", expire_at=T0 + datetime.timedelta(seconds=90))
        scheduled = factories.brief("Scheduled", publish=False)
        scheduled.go_live_at = T0 + datetime.timedelta(seconds=60)
        scheduled.save_revision().publish()
    after = datetime.timedelta
    assert page_cache.next_scheduled_change(T0) == T0 + after(seconds=60)
    assert page_cache.next_scheduled_change(T0 + after(seconds=61)) == T0 + after(seconds=90)
    assert page_cache.next_scheduled_change(T0 + after(seconds=91)) is None


def test_a_cached_page_does_not_outlive_a_scheduled_expiry(client, tree):
    with time_machine.travel(T0, tick=False) as clock:
        brief = factories.brief("Expiring", expire_at=T0 + datetime.timedelta(seconds=120))
        fetch(client, brief.url, "miss")
        clock.move_to(T0 + datetime.timedelta(seconds=119))
        fetch(client, brief.url, "hit")
        clock.move_to(T0 + datetime.timedelta(seconds=121))
        # publish_scheduled has not run: the page is still live, but no longer cached, and
        # past its expiry readers get a 404 (core.visibility: expiry honoured when read).
        assert fetch(client, brief.url, "miss").status_code == 404


def test_scheduling_a_new_revision_of_a_live_page_caps_entries_filled_afterwards(client, tree):
    # Scheduling a revision of a live page sends no page_published; the scheduled revision
    # counts as a change so that entries filled afterwards end at its go-live.
    with time_machine.travel(T0, tick=False) as clock:
        brief = factories.brief("Current text")
        fetch(client, brief.url, "miss")
        clock.move_to(T0 + datetime.timedelta(seconds=10))
        brief.title = "Scheduled text"
        brief.go_live_at = T0 + datetime.timedelta(seconds=60)
        brief.save_revision().publish()
        assert "Current text</h1>" in text(fetch(client, brief.url, "miss"))
        fetch(client, brief.url, "hit")
        clock.move_to(T0 + datetime.timedelta(seconds=61))
        fetch(client, brief.url, "miss")


def test_a_cached_listing_does_not_outlive_a_scheduled_go_live(client, tree):
    _, _, analysis = tree
    with time_machine.travel(T0, tick=False) as clock:
        factories.brief("Already out")
        scheduled = factories.brief("Coming soon", publish=False)
        scheduled.go_live_at = T0 + datetime.timedelta(minutes=2)
        scheduled.save_revision().publish()
        assert "Coming soon" not in text(fetch(client, analysis.url, "miss"))
        fetch(client, analysis.url, "hit")
        clock.move_to(T0 + datetime.timedelta(minutes=2, seconds=1))
        fetch(client, analysis.url, "miss")
        call_command("publish_scheduled")
        assert "Coming soon" in text(fetch(client, analysis.url, "miss"))


# --- Redis -------------------------------------------------------------------------------


def test_the_cache_works_on_redis(client, tree, settings, django_assert_num_queries):
    """Against the Redis server on 127.0.0.1:6379 (database 15, keys under a prefix of
    this run's own, deleted afterwards)."""
    prefix = f"page-cache-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        }
    }
    try:
        brief = factories.brief("Old title")
        fetch(client, brief.url, "miss")
        with django_assert_num_queries(0):
            assert "Old title" in text(fetch(client, brief.url, "hit"))
        brief.title = "New title"
        brief.save_revision().publish()
        assert "New title" in text(fetch(client, brief.url, "miss"))
        assert "New title" in text(fetch(client, brief.url, "hit"))
    finally:
        cache.delete_pattern("*")
