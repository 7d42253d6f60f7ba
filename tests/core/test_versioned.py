"""core.versioned: values kept in the process until the content changes, or the clock
changes what readers may see."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from core import page_cache, versioned
from core.versioned import per_content_version
from tests.support import factories

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2030, 3, 1, 12, 0, tzinfo=datetime.UTC)

calls = []


@per_content_version
def kept(argument):
    calls.append(argument)
    return f"value of {argument}"


@pytest.fixture(autouse=True)
def _no_calls_yet():
    calls.clear()


def test_a_value_is_computed_once_per_argument_until_the_content_version_moves(tree):
    assert [kept("a"), kept("a"), kept("b")] == ["value of a", "value of a", "value of b"]
    assert calls == ["a", "b"]
    page_cache.bump_version()
    kept("a")
    assert calls == ["a", "b", "a"]


def test_publishing_a_page_drops_the_kept_values(tree):
    kept("a")
    factories.brief("Published now")
    kept("a")
    assert calls == ["a", "a"]


def test_without_an_answering_cache_nothing_is_kept(tree, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    kept("a")
    kept("a")
    assert calls == ["a", "a"]


def test_past_the_limit_readers_values_are_computed_each_time_and_the_site_values_stay(
    tree, monkeypatch
):
    monkeypatch.setattr(versioned, "KEPT_LIMIT", 2)
    counted = []

    def count(name):
        return lambda: counted.append(name) or len(counted)

    kept("a")
    assert [versioned.kept(name, count(name)) for name in ("x", "y", "z", "x", "z")] == [
        1,
        2,
        3,
        1,
        4,
    ]
    kept("a")
    assert counted == ["x", "y", "z", "z"]
    assert calls == ["a"]


@pytest.fixture
def requests():
    """Django's request signals sent by hand, without closing the test's connection (as its
    test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_a_request_reads_the_version_once_and_the_next_request_sees_another_process_change(
    tree, requests
):
    cache = page_cache.page_cache()
    request_started.send(sender=None)
    kept("a")
    cache.incr(page_cache.VERSION_KEY)  # another process publishes (no signal here)
    kept("a")
    assert calls == ["a"]
    request_finished.send(sender=None)
    request_started.send(sender=None)
    kept("a")
    request_finished.send(sender=None)
    assert calls == ["a", "a"]


def test_a_bump_by_this_process_is_seen_within_the_same_request(tree, requests):
    request_started.send(sender=None)
    kept("a")
    page_cache.bump_version()
    kept("a")
    request_finished.send(sender=None)
    assert calls == ["a", "a"]


def navigation(client):
    html = BeautifulSoup(client.get("/").content, "html.parser")
    return [link.get_text() for link in html.select(".site-nav__list a")]


def test_a_menu_page_leaves_the_navigation_at_its_expiry_time(client, tree, settings):
    # Nothing is published at the expiry (publish_scheduled has not run): the kept menu,
    # which follows the clock, is dropped at the scheduled instant all the same.
    settings.PAGE_CACHE_ENABLED = False
    home, _, _ = tree
    with time_machine.travel(T0, tick=False) as clock:
        factories.brief(
            "Election day special",
            parent=home,
            expire_at=T0 + datetime.timedelta(seconds=60),
            show_in_menus=True,
        )
        assert navigation(client) == ["Election day special"]
        clock.move_to(T0 + datetime.timedelta(seconds=59))
        assert navigation(client) == ["Election day special"]
        clock.move_to(T0 + datetime.timedelta(seconds=61))
        assert navigation(client) == ["Experts", "Policy Analysis"]
