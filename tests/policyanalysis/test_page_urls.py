"""Page URLs built from ``url_path`` (policyanalysis.page_urls.PageUrls), tested directly.

The contract: ``path()`` is the page's path on its own site (what ``Page.get_url(request)``
gives on that site), ``url()`` is what ``Page.url`` gives (the path when the project serves one
site, an absolute URL on every site when it serves several), both with the language prefix of
the page's root (``/ar/``); the site root paths are read once per PageUrls.
"""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, Site

from policyanalysis.page_urls import PageUrls
from tests.support import factories
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db

#: Reading the site root paths: the sites with their root pages, then for each site the
#: translations of its root page.
ROOT_PATHS_QUERIES_ONE_SITE = 2
ROOT_PATHS_QUERIES_TWO_SITES = 3


def fresh(page):
    """The page as a new request reads it (Page.url caches root paths on the instance)."""
    return Page.objects.get(pk=page.pk).specific


def request_on(hostname):
    return RequestFactory().get("/", HTTP_HOST=hostname)


def both(page):
    """(path, url) that PageUrls gives for ``page``."""
    urls = PageUrls()
    return urls.path(page.url_path), urls.url(page.url_path)


@pytest.fixture
def brief(tree):
    return factories.brief("Water and Power", slug="water-and-power")


@pytest.fixture
def other_site(tree):
    """A second site, other.example.org, whose root page has an "about" child."""
    other_home = Page.get_first_root_node().add_child(instance=Page(title="Other", slug="other"))
    about = other_home.add_child(instance=Page(title="About", slug="about"))
    Site.objects.create(hostname="other.example.org", port=80, root_page=other_home)
    Site.clear_site_root_paths_cache()
    return about


# --- one site ----------------------------------------------------------------------------


def test_an_english_page_has_its_path_without_prefix_as_wagtail_gives_it(brief):
    assert (*both(brief), fresh(brief).url) == ("/policy-analysis/water-and-power/",) * 3


def test_an_arabic_page_has_its_path_under_ar_as_wagtail_gives_it(brief):
    arabic = translate_and_publish(brief)
    Site.clear_site_root_paths_cache()
    assert (*both(arabic), fresh(arabic).url) == ("/ar/policy-analysis/water-and-power/",) * 3


def test_the_home_pages_are_the_roots_of_their_languages(brief):
    translate_and_publish(brief)  # also creates the Arabic home page
    Site.clear_site_root_paths_cache()
    homes = Page.objects.filter(depth=2).order_by("locale__language_code")
    assert [(*both(home), fresh(home).url) for home in homes] == [
        ("/ar/", "/ar/", "/ar/"),
        ("/", "/", "/"),
    ]


def test_a_unicode_slug_is_percent_encoded_as_wagtail_does(tree):
    page = factories.brief("Water", slug="مياه-وطاقة")
    expected = "/policy-analysis/%D9%85%D9%8A%D8%A7%D9%87-%D9%88%D8%B7%D8%A7%D9%82%D8%A9/"
    assert (*both(page), fresh(page).url) == (expected,) * 3


def test_urls_follow_the_pages_language_not_the_active_one(brief):
    arabic = translate_and_publish(brief)
    Site.clear_site_root_paths_cache()
    translation.activate("ar")
    urls = PageUrls()
    assert (
        [urls.url(brief.url_path), urls.url(arabic.url_path)]
        == [
            fresh(brief).url,
            fresh(arabic).url,
        ]
        == ["/policy-analysis/water-and-power/", "/ar/policy-analysis/water-and-power/"]
    )


def test_a_page_outside_every_site_has_no_path_and_no_url(tree):
    orphan = Page.get_first_root_node().add_child(instance=Page(title="Orphan", slug="orphan"))
    assert (*both(orphan), fresh(orphan).url) == (None, None, None)


# --- several sites ------------------------------------------------------------------------


def test_with_several_sites_every_url_is_absolute_as_wagtail_gives_it(brief, other_site):
    urls = PageUrls()
    assert (
        [urls.url(brief.url_path), urls.url(other_site.url_path)]
        == [
            fresh(brief).url,
            fresh(other_site).url,
        ]
        == ["http://localhost/policy-analysis/water-and-power/", "http://other.example.org/about/"]
    )


def test_with_several_sites_the_path_is_the_url_on_the_pages_own_site(brief, other_site):
    urls = PageUrls()
    assert (
        [urls.path(brief.url_path), urls.path(other_site.url_path)]
        == [
            fresh(brief).get_url(request_on("localhost")),
            fresh(other_site).get_url(request_on("other.example.org")),
        ]
        == ["/policy-analysis/water-and-power/", "/about/"]
    )


def test_with_several_sites_a_page_seen_from_another_site_has_the_absolute_url(brief, other_site):
    urls = PageUrls()
    assert (
        [urls.url(brief.url_path), urls.url(other_site.url_path)]
        == [
            fresh(brief).get_url(request_on("other.example.org")),
            fresh(other_site).get_url(request_on("localhost")),
        ]
        == ["http://localhost/policy-analysis/water-and-power/", "http://other.example.org/about/"]
    )


def test_with_several_sites_an_arabic_page_is_absolute_under_ar(brief, other_site):
    arabic = translate_and_publish(brief)
    Site.clear_site_root_paths_cache()
    expected = "http://localhost/ar/policy-analysis/water-and-power/"
    assert (PageUrls().url(arabic.url_path), fresh(arabic).url) == (expected, expected)


def test_a_site_rooted_inside_another_serves_the_pages_below_its_root(brief):
    _, experts, analysis = factories.site_tree()
    Site.objects.create(hostname="analysis.example.org", port=80, root_page=analysis)
    Site.clear_site_root_paths_cache()
    urls = PageUrls()
    assert (
        [urls.url(brief.url_path), urls.url(experts.url_path)]
        == [
            fresh(brief).url,
            fresh(experts).url,
        ]
        == ["http://analysis.example.org/water-and-power/", "http://localhost/experts/"]
    )


# --- queries -------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 10])
def test_the_site_root_paths_are_read_once_for_any_number_of_urls(
    tree, django_assert_num_queries, count
):
    paths = [factories.brief(f"Counted {n}").url_path for n in range(count)]
    Site.clear_site_root_paths_cache()
    with django_assert_num_queries(ROOT_PATHS_QUERIES_ONE_SITE):
        urls = PageUrls()
        built = [urls.url(path) for path in paths]
    assert len(set(built)) == count


def test_each_further_site_adds_one_query_to_reading_the_root_paths(
    brief, other_site, django_assert_num_queries
):
    Site.clear_site_root_paths_cache()
    with django_assert_num_queries(ROOT_PATHS_QUERIES_TWO_SITES):
        PageUrls().url(brief.url_path)


def test_once_cached_the_root_paths_cost_no_query(brief, django_assert_num_queries):
    PageUrls()
    with django_assert_num_queries(0):
        PageUrls().url(brief.url_path)
