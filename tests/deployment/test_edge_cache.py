"""The edge cache (deployment/edge_cache.py): stored public answers served before Django
runs, through the real WSGI application (Django's handler wrapped as config/wsgi.py does)."""

import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from core.signals import content_changed
from deployment import edge_cache
from deployment.edge_cache import EdgeCache
from tests.support import factories

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2030, 3, 1, 12, 0, tzinfo=datetime.UTC)


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, dict(headers), body

    def __getitem__(self, name):
        return self.headers[name]


@pytest.fixture
def app():
    """The site's WSGI application behind the edge cache. Django's connection handling is
    kept out of the request cycle, as its test client does: the test's transaction stays."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield EdgeCache(WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call(app, path, method="GET", **headers):
    environ = RequestFactory().generic(method, path, **headers).environ
    sent = {}

    def start_response(status, response_headers, exc_info=None):
        sent["status"], sent["headers"] = status, response_headers

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return Answer(sent["status"], sent["headers"], body)


def test_a_page_is_served_again_with_no_sql_and_every_header_it_left_django_with(
    app, tree, django_assert_num_queries
):
    brief = factories.brief("Water and power in Basra")
    first = call(app, brief.url)
    assert (first.status, first["X-Cache"]) == ("200 OK", "miss")
    with django_assert_num_queries(0):
        second = call(app, brief.url)
    assert (second.status, second["X-Cache"], second["Age"]) == ("200 OK", "hit", "0")
    assert second.body == first.body
    del first.headers["X-Cache"], second.headers["X-Cache"], second.headers["Age"]
    # Security headers, CSP, Vary, Content-Language: all of them, as Django sent them.
    assert second.headers == first.headers
    assert "Content-Security-Policy" in second.headers


def test_head_after_get_is_a_hit_without_content(app, tree, django_assert_num_queries):
    brief = factories.brief("Water and power in Basra")
    first = call(app, brief.url)
    with django_assert_num_queries(0):
        head = call(app, brief.url, "HEAD")
    assert (head["X-Cache"], head.body, head["Content-Length"]) == (
        "hit",
        b"",
        str(len(first.body)),
    )


def test_a_reader_with_a_session_cookie_always_reaches_django(app, tree):
    brief = factories.brief("Water and power in Basra")
    call(app, brief.url)
    answer = call(app, brief.url, HTTP_COOKIE="sessionid=abc")
    # Neither the edge nor the page cache answers for a session (no X-Cache at all).
    assert (answer.status, "X-Cache" in answer.headers) == ("200 OK", False)


def test_a_request_with_credentials_always_reaches_django(app, tree):
    brief = factories.brief("Water and power in Basra")
    call(app, brief.url)
    answer = call(app, brief.url, HTTP_AUTHORIZATION="Bearer token")
    assert (answer.status, "X-Cache" in answer.headers) == ("200 OK", False)


def test_a_content_change_makes_the_next_request_render_the_page_again(app, tree):
    brief = factories.brief("Water and power in Basra")
    call(app, brief.url)
    brief.title = "Water, power and protest in Basra"
    brief.save_revision().publish()  # sends content_changed
    answer = call(app, brief.url)
    assert answer["X-Cache"] == "miss"
    assert b"Water, power and protest in Basra</h1>" in answer.body


def test_a_private_page_is_never_stored(app, tree):
    brief = factories.make_private(factories.brief("Private brief"))
    call(app, brief.url)
    answer = call(app, brief.url)
    assert (answer["X-Cache"], b'name="password"' in answer.body) == ("miss", True)


def test_a_missing_page_is_never_stored(app, tree):
    call(app, "/policy-analysis/no-such-brief/")
    answer = call(app, "/policy-analysis/no-such-brief/")
    assert (answer.status, answer["X-Cache"]) == ("404 Not Found", "miss")


def test_each_query_string_is_an_entry_of_its_own(app, tree):
    _, _, analysis = tree
    call(app, analysis.url)
    answer = call(app, f"{analysis.url}?page=2")
    assert answer["X-Cache"] == "miss"


def test_api_answers_are_served_again_and_revalidated_with_no_sql(
    app, tree, settings, django_assert_num_queries
):
    settings.API_VERSION_MIRROR_SECONDS = 60  # no re-read of the version during the test
    factories.brief("Water and power in Basra")
    first = call(app, "/api/v1/analysis/")
    assert (first.status, "X-Cache" in first.headers) == ("200 OK", False)
    with django_assert_num_queries(0):
        hit = call(app, "/api/v1/analysis/")
        revalidated = call(app, "/api/v1/analysis/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (hit.status, hit["X-Cache"], hit.body) == ("200 OK", "hit", first.body)
    assert (revalidated.status, revalidated.body, revalidated["ETag"]) == (
        "304 Not Modified",
        b"",
        first["ETag"],
    )
    assert "Content-Length" not in revalidated.headers


def test_with_the_page_cache_off_pages_reach_django_and_api_answers_are_still_hits(
    app, tree, settings
):
    settings.PAGE_CACHE_ENABLED = False
    settings.API_VERSION_MIRROR_SECONDS = 60
    brief = factories.brief("Water and power in Basra")
    pages = [call(app, brief.url) for _ in range(2)]
    answers = [call(app, "/api/v1/analysis/") for _ in range(2)]
    assert [page.headers.get("X-Cache") for page in pages] == [None, None]
    assert [answer.headers.get("X-Cache") for answer in answers] == [None, "hit"]


def test_api_if_modified_since_gives_a_304_at_the_edge(app, tree, settings):
    settings.API_VERSION_MIRROR_SECONDS = 60
    factories.brief("Water and power in Basra")
    first = call(app, "/api/v1/analysis/")
    call(app, "/api/v1/analysis/")
    answer = call(app, "/api/v1/analysis/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert (answer.status, answer["X-Cache"]) == ("304 Not Modified", "hit")


def test_an_etag_among_several_or_weak_gives_a_304_at_the_edge(app, tree, settings):
    settings.API_VERSION_MIRROR_SECONDS = 60
    factories.brief("Water and power in Basra")
    etag = call(app, "/api/v1/analysis/")["ETag"]
    answers = [
        call(app, "/api/v1/analysis/", HTTP_IF_NONE_MATCH=f'"an-older-version", {etag}'),
        call(app, "/api/v1/analysis/", HTTP_IF_NONE_MATCH=f"W/{etag}"),
        call(app, "/api/v1/analysis/", HTTP_IF_NONE_MATCH="*"),
    ]
    assert [(a.status, a["X-Cache"], a.body) for a in answers] == [
        ("304 Not Modified", "hit", b""),
        ("304 Not Modified", "hit", b""),
        ("304 Not Modified", "hit", b""),
    ]


def test_a_stale_validator_gets_the_whole_answer_from_the_edge(app, tree, settings):
    settings.API_VERSION_MIRROR_SECONDS = 60
    factories.brief("Water and power in Basra")
    first = call(app, "/api/v1/analysis/")
    answers = [
        call(app, "/api/v1/analysis/", HTTP_IF_NONE_MATCH='"an-older-version"'),
        call(app, "/api/v1/analysis/", HTTP_IF_MODIFIED_SINCE="Sat, 01 Jan 2000 00:00:00 GMT"),
    ]
    assert [(a.status, a["X-Cache"], a.body) for a in answers] == [
        ("200 OK", "hit", first.body),
        ("200 OK", "hit", first.body),
    ]


def test_an_api_answer_is_dropped_when_content_changes(app, tree, settings):
    settings.API_VERSION_MIRROR_SECONDS = 60
    factories.brief("Water and power in Basra")
    call(app, "/api/v1/analysis/")
    factories.brief("Oil and the Kurdistan Region")
    content_changed.send(sender=None, reason="test")
    answer = call(app, "/api/v1/analysis/")
    assert ("X-Cache" in answer.headers, b"Oil and the Kurdistan Region" in answer.body) == (
        False,
        True,
    )


def test_a_post_always_reaches_django(app, tree):
    brief = factories.brief("Water and power in Basra")
    call(app, brief.url)
    answer = call(app, brief.url, "POST")
    assert "X-Cache" not in answer.headers


# --- the process's own copies (EDGE_CACHE_LOCAL_BYTES) ---------------------------------


def drop_shared_entry(path):
    """Delete the answer stored for ``path`` from the shared cache (as its eviction, or
    another process's cache, would leave it), keeping the content version."""
    conf = edge_cache._conf()
    url = edge_cache._url(RequestFactory().get(path).environ, conf)
    caches[conf.pages_alias].delete(edge_cache._key(url))


def test_a_hit_is_served_from_the_process_copy_when_the_shared_entry_is_gone(
    app, tree, django_assert_num_queries
):
    brief = factories.brief("Water and power in Basra")
    first = call(app, brief.url)
    drop_shared_entry(brief.url)
    with django_assert_num_queries(0):
        again = call(app, brief.url)
    assert (again["X-Cache"], again.body) == ("hit", first.body)


def test_a_process_copy_is_not_served_after_a_content_change(app, tree):
    brief = factories.brief("Water and power in Basra")
    call(app, brief.url)
    content_changed.send(sender=None, reason="test")
    assert call(app, brief.url)["X-Cache"] == "miss"


def test_a_stale_process_copy_gives_way_to_the_answer_another_process_stored(
    app, tree, django_assert_num_queries
):
    """After a change, another worker (an edge of its own, the same shared cache) renders the
    page again; this worker's old copy is dropped and the shared answer served and kept."""
    brief = factories.brief("Old title")
    call(app, brief.url)
    brief.title = "New title"
    brief.save_revision().publish()
    other_worker = EdgeCache(app.application)
    refilled = call(other_worker, brief.url)
    with django_assert_num_queries(0):
        here = call(app, brief.url)
    drop_shared_entry(brief.url)
    with django_assert_num_queries(0):
        kept = call(app, brief.url)
    assert (refilled["X-Cache"], here["X-Cache"], kept["X-Cache"]) == ("miss", "hit", "hit")
    assert b"New title" in here.body
    assert (here.body, kept.body) == (refilled.body, refilled.body)


def test_a_process_copy_ends_at_the_pages_expiry_like_the_shared_entry(app, tree):
    with time_machine.travel(T0, tick=False) as clock:
        brief = factories.brief("Expiring", expire_at=T0 + datetime.timedelta(seconds=120))
        call(app, brief.url)
        clock.move_to(T0 + datetime.timedelta(seconds=119))
        before = call(app, brief.url)["X-Cache"]
        clock.move_to(T0 + datetime.timedelta(seconds=121))
        after = call(app, brief.url)
    # (publish_scheduled has not run: the page is still live, and Wagtail answers 404.)
    assert (before, after.status, after["X-Cache"]) == ("hit", "404 Not Found", "miss")


def test_copies_beyond_the_byte_budget_are_dropped_least_recently_used_first(app, tree, settings):
    older = factories.brief("Water and power in Basra")
    newer = factories.brief("Oil and the Kurdistan Region")
    sizes = [len(call(app, page.url).body) for page in (older, newer)]
    settings.EDGE_CACHE_LOCAL_BYTES = max(sizes) + 1  # room for one answer, not two
    app.copies = edge_cache.LocalCopies()
    for page in (older, newer):
        call(app, page.url)  # hits of the shared entries, kept as copies in this order
        drop_shared_entry(page.url)
    # (The newer first: the older's miss stores a copy of it again, which drops the newer.)
    assert [call(app, page.url)["X-Cache"] for page in (newer, older)] == ["hit", "miss"]


def test_with_no_byte_budget_no_copy_is_kept(app, tree, settings):
    settings.EDGE_CACHE_LOCAL_BYTES = 0
    brief = factories.brief("Water and power in Basra")
    call(app, brief.url)
    call(app, brief.url)
    drop_shared_entry(brief.url)
    assert call(app, brief.url)["X-Cache"] == "miss"
