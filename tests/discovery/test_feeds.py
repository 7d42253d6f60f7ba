"""RSS 2.0 and Atom feeds of the latest analysis, read with feedparser as feed readers do."""

import datetime
import uuid

import feedparser
import pytest
from bs4 import BeautifulSoup

from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.translation import publish_english, translate_and_publish

pytestmark = pytest.mark.django_db

FEEDS = ("/feeds/analysis.rss", "/feeds/analysis.atom")


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.fixture
def content(tree):
    iraq, iran = factories.region("Iraq"), factories.region("Iran")
    security = factories.issue("Security")
    first, second = factories.expert("Ann First"), factories.expert("Bo Second")
    seed = factories.brief(
        "Strategic Dialogue",
        summary="Interests and expectations.",
        date=datetime.date(2020, 5, 14),
        regions=[iraq],
        issues=[security],
        authors=[first, second],
    )
    other = factories.brief("Sanctions", date=datetime.date(2021, 2, 1), regions=[iran])
    factories.brief("A draft", publish=False)
    return {"seed": seed, "other": other, "first": first, "second": second}


@pytest.mark.parametrize("url", FEEDS)
def test_the_feed_lists_the_latest_analysis_newest_first(client, content, url):
    response, feed = parse(client, url)
    assert [entry.title for entry in feed.entries] == ["Sanctions", "Strategic Dialogue"]
    assert feed.feed.title == "The Policy Institute: Latest analysis"
    assert feed.feed.language == "en"


def test_rss_items_carry_summary_authors_categories_guid_and_date(client, content):
    _response, feed = parse(client, "/feeds/analysis.rss")
    entry = feed.entries[1]
    seed = content["seed"]
    assert feed.version == "rss20"
    assert entry.link == f"http://testserver{seed.url}"
    assert entry.summary == "Interests and expectations."
    assert [tag.term for tag in entry.tags] == ["Brief Analysis", "Iraq", "Security"]
    assert entry.published_parsed[:3] == (2020, 5, 14)
    assert entry.id == uuid.uuid5(seed.translation_key, "en").urn
    assert entry.guidislink is False
    raw = client.get("/feeds/analysis.rss").content.decode()
    assert raw.count("<dc:creator>Ann First</dc:creator><dc:creator>Bo Second</dc:creator>") == 1


def test_atom_entries_list_every_author_in_byline_order_with_their_profile(client, content):
    _response, feed = parse(client, "/feeds/analysis.atom")
    entry = feed.entries[1]
    assert feed.version == "atom10"
    assert [(a.name, a.href) for a in entry.authors] == [
        ("Ann First", f"http://testserver{content['first'].url}"),
        ("Bo Second", f"http://testserver{content['second'].url}"),
    ]
    assert entry.published_parsed[:3] == (2020, 5, 14)
    seed = BriefPage.objects.get(pk=content["seed"].pk)
    assert entry.updated_parsed[:6] == seed.last_published_at.utctimetuple()[:6]


def test_the_guid_survives_a_new_title_and_slug(client, content):
    _response, before = parse(client, "/feeds/analysis.atom")
    publish_english(content["seed"], title="Strategic Dialogue, revised", slug="revised")
    _response, after = parse(client, "/feeds/analysis.atom")
    assert after.entries[1].title == "Strategic Dialogue, revised"
    assert after.entries[1].id == before.entries[1].id


@pytest.mark.parametrize(
    ("query", "titles", "title"),
    [
        ("region=iraq", ["Strategic Dialogue"], "The Policy Institute: Iraq"),
        ("region=iraq&region=iran", ["Sanctions", "Strategic Dialogue"], None),
        ("issue=security", ["Strategic Dialogue"], "The Policy Institute: Security"),
        ("type=brief-analysis", ["Sanctions", "Strategic Dialogue"], None),
        ("expert=bo-second", ["Strategic Dialogue"], "The Policy Institute: Bo Second"),
    ],
)
def test_every_listing_filter_has_its_feed(client, content, query, titles, title):
    for url in FEEDS:
        _response, feed = parse(client, f"{url}?{query}")
        assert [entry.title for entry in feed.entries] == titles
        if title:
            assert feed.feed.title == title
        assert feed.feed.link == f"http://testserver/policy-analysis/?{query}"


@pytest.mark.parametrize("query", ["region=atlantis", "expert=nobody", "type=%00"])
def test_an_unknown_filter_value_is_a_404_not_an_empty_feed(client, content, query):
    assert client.get(f"/feeds/analysis.rss?{query}").status_code == 404


def test_a_hidden_experts_feed_is_unknown(client, content):
    hidden = factories.expert("Hidden Person", publish=False)
    assert client.get("/feeds/analysis.rss?expert=hidden-person").status_code == 404
    assert hidden.pk


def test_the_arabic_feed_lists_the_arabic_edition(client, content):
    arabic = translate_and_publish(content["seed"])
    _response, feed = parse(client, "/ar/feeds/analysis.atom")
    assert [entry.title for entry in feed.entries] == [arabic.title]
    assert feed.feed.language == "ar"
    assert feed.entries[0].id == uuid.uuid5(content["seed"].translation_key, "ar").urn
    assert feed.entries[0].link == f"http://testserver{arabic.url}"
    assert links(client, arabic.url) == [
        ("application/rss+xml", "/ar/feeds/analysis.rss"),
        ("application/atom+xml", "/ar/feeds/analysis.atom"),
    ]


def links(client, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return [
        (link["type"], link["href"]) for link in page.select('head link[rel="alternate"][type]')
    ]


def test_pages_advertise_the_feeds_of_what_they_list(client, content):
    latest = [
        ("application/rss+xml", "/feeds/analysis.rss"),
        ("application/atom+xml", "/feeds/analysis.atom"),
    ]
    assert links(client, "/") == latest
    assert links(client, "/policy-analysis/iraq/") == [
        *latest,
        ("application/rss+xml", "/feeds/analysis.rss?region=iraq"),
        ("application/atom+xml", "/feeds/analysis.atom?region=iraq"),
    ]
    assert links(client, "/policy-analysis/?issue=security&type=brief-analysis")[2:] == [
        ("application/rss+xml", "/feeds/analysis.rss?type=brief-analysis&issue=security"),
        ("application/atom+xml", "/feeds/analysis.atom?type=brief-analysis&issue=security"),
    ]
    assert links(client, content["first"].url)[2:] == [
        ("application/rss+xml", "/feeds/analysis.rss?expert=ann-first"),
        ("application/atom+xml", "/feeds/analysis.atom?expert=ann-first"),
    ]
