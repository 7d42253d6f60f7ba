"""Card thumbnails: a card whose item has a hero image shows one WebP rendition with its
width, height and alt text (the hero's alt, else decorative), and a listing of twenty such
cards costs the same queries as a listing of one (the renditions of all cards are read
together, Wagtail's ``prefetch_renditions``)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policyanalysis.cards import CARD_THUMBNAIL, build_cards
from policyanalysis.models import BriefPage
from tests.support import factories

pytestmark = pytest.mark.django_db

#: The analysis listing of briefs without authors (as tests/home's listing, with authors: the
#: cards' authors cost the same queries) and the same listing when its cards have thumbnails:
#: two more, the hero images of the page's cards and their prefetched renditions.
LISTING_QUERIES = 5
LISTING_WITH_THUMBNAILS_QUERIES = 7


@pytest.fixture(autouse=True)
def _render_every_request(settings):
    settings.PAGE_CACHE_ENABLED = False


def thumbnails(html):
    return re.findall(r'<img class="card__thumbnail"[^>]*>', html)


def test_a_card_shows_a_webp_thumbnail_with_size_and_alt(client, tree):
    factories.brief("Pictured", hero_image=factories.image("hero", 800, 600), hero_alt="A dam")
    factories.brief("Plain")
    html = client.get("/policy-analysis/").content.decode()
    [img] = thumbnails(html)
    assert re.search(r'src="[^"]+\.format-webp\.webp"', img)
    assert 'width="480" height="270"' in img
    assert 'alt="A dam"' in img
    assert html.count('class="card"') == 2


def test_a_thumbnail_without_alt_text_is_decorative(client, tree):
    factories.brief("Pictured", hero_image=factories.image("hero"))
    [img] = thumbnails(client.get("/policy-analysis/").content.decode())
    assert 'alt=""' in img


def test_cards_still_show_the_summary(client, tree):
    factories.brief("Summarised", summary="Why the dam matters.")
    html = client.get("/policy-analysis/").content.decode()
    assert '<p class="card__summary">Why the dam matters.</p>' in html


def test_thumbnails_of_a_batch_cost_two_queries_and_the_api_none(tree):
    for i in range(5):
        factories.brief(f"Pictured {i}", hero_image=factories.image(f"hero-{i}"))
    cards = build_cards(BriefPage.objects.for_readers(factories.english()))
    [card.thumbnail for card in cards]  # renditions made once
    cards = build_cards(BriefPage.objects.for_readers(factories.english()))
    with CaptureQueriesContext(connection) as queries:
        renditions = [card.thumbnail for card in cards]
    assert len(queries) == 2
    assert {rendition.filter_spec for rendition in renditions} == {CARD_THUMBNAIL}


def test_listing_with_twenty_thumbnails_costs_the_same_as_one(client, tree):
    _, _, analysis = tree

    def measure():
        assert client.get(analysis.url).status_code == 200  # renditions made, caches warm
        with CaptureQueriesContext(connection) as queries:
            html = client.get(analysis.url).content.decode()
        return len(queries), html

    factories.brief("Without image")
    plain_count, plain_html = measure()
    factories.brief("Only", hero_image=factories.image("only"))
    one_count, one_html = measure()
    for i in range(24):
        factories.brief(f"Listed {i}", hero_image=factories.image(f"listed-{i}"))
    twenty_count, twenty_html = measure()
    assert [len(thumbnails(html)) for html in (plain_html, one_html, twenty_html)] == [0, 1, 20]
    assert (plain_count, one_count, twenty_count) == (
        LISTING_QUERIES, LISTING_WITH_THUMBNAILS_QUERIES, LISTING_WITH_THUMBNAILS_QUERIES
    )  # fmt: skip
