"""Rendering a page costs a fixed number of SQL queries, whatever the amount of content.

Each test renders the same kind of page at a small and a large size and asserts that both
counts equal the documented number (README, docs/benchmarks.md): more authors, blocks, cards
or listed items must not add queries. Each URL is requested once before counting so that
process-wide caches (site root paths, locale codes) are warm in both measurements alike.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_request(settings):
    """Count the queries of rendering a page, not of a page-cache hit (which runs none)."""
    settings.PAGE_CACHE_ENABLED = False


# Each HTML page is routed in two queries (core.routing: the pages on the URL's path with
# whether readers see each, which gives the breadcrumb trail; the page's specific row with
# its hero image or photo), which also tell its view restrictions; the chrome (site
# identity, navigation, other languages' home pages), the view restrictions, the
# vocabularies (core.vocabulary) and the badges' analysis index are kept by content version
# and cost none on a warm process. A brief adds: its regions, issues, series and tags in one
# query, its authors (with whether readers see each profile), its other editions, the
# authors' sameAs links, its rich text links with the editions readers may open (one), and
# the Recommended block (the picks with their translations, the cards, the cards' authors;
# series ids come with the cards). The expert page: its publications (count, cards, their
# authors), its expertise (one), links, editions, podcast and video appearances (one) and
# events (one: every upcoming one and the latest past ones). The listing's filter choices
# (vocabularies, experts, years) and the number of briefs each combination of filters matches
# are kept by content version too.
BRIEF_PAGE_QUERIES = 10
LISTING_PAGE_QUERIES = 5
FILTERED_LISTING_QUERIES = 8
EXPERT_PAGE_QUERIES = 10
HOME_PAGE_QUERIES = 8


def measure(client, url):
    """Queries of a warm GET of ``url`` (the response must be 200)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def body(size, link_targets):
    """A body of ``size`` sections: heading, paragraph with internal and external links,
    quote, key points and a table, rotating."""
    blocks = []
    for i in range(size):
        target = link_targets[i % len(link_targets)]
        blocks += [
            ("heading", {"text": f"Section {i}", "level": "2", "anchor": ""}),
            (
                "paragraph",
                f'<p>Paragraph {i} links to <a linktype="page" id="{target.pk}">a brief</a> '
                f'and <a href="https://example.org/{i}">a source</a>.</p>',
            ),
            ("quote", {"quote": f"Quote {i}", "attribution": "Someone"}),
            (
                "key_points",
                {
                    "title": "Key points",
                    "points": [f"Point {i}.1", f"Point {i}.2"],
                    "text": f'<p>See <a linktype="page" id="{target.pk}">this</a>.</p>',
                },
            ),
            (
                "table",
                {
                    "data": [["Year", "Value"], [str(2000 + i), str(i)]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": f"Table {i}",
                },
            ),
        ]
    return blocks


def test_brief_page_queries_do_not_grow_with_authors_blocks_or_links(client, tree):
    region = factories.region()
    targets = [factories.brief(f"Target {i}", regions=[region]) for i in range(6)]
    small = factories.brief(
        "Small brief",
        authors=[factories.expert("Solo Author")],
        regions=[region],
        body=body(1, targets[:1]),
        recommended=targets[:3],
    )
    large = factories.brief(
        "Large brief",
        authors=[factories.expert(f"Co Author {i}") for i in range(6)],
        regions=[region],
        body=body(12, targets),
        recommended=targets[:6],
    )
    small_count, small_html = measure(client, small.url)
    large_count, large_html = measure(client, large.url)

    assert small_html.count('class="card"') == 3
    assert large_html.count('class="card"') == 6
    assert large_html.count(">Co Author 5</a>") == 2  # byline and About the authors
    assert large_html.count(f'href="{targets[5].url}"') >= 2  # rich text links resolved
    assert (small_count, large_count) == (BRIEF_PAGE_QUERIES, BRIEF_PAGE_QUERIES)


def test_listing_page_of_twenty_cards_costs_the_same_as_one(client, tree):
    authors = [factories.expert(f"Listing Author {i}") for i in range(3)]
    factories.brief("Only brief", authors=authors[:1])
    _, _, analysis = tree
    one_count, one_html = measure(client, analysis.url)
    for i in range(24):
        factories.brief(f"Listed brief {i}", authors=authors[: 1 + i % 3])
    twenty_count, twenty_html = measure(client, analysis.url)

    assert one_html.count('class="card"') == 1
    assert twenty_html.count('class="card"') == 20
    assert (one_count, twenty_count) == (LISTING_PAGE_QUERIES, LISTING_PAGE_QUERIES)


def test_filtered_listing_queries_are_fixed(client, django_assert_num_queries, tree):
    region = factories.region()
    issue = factories.issue()
    author = factories.expert("Filter Author")
    for i in range(25):
        factories.brief(f"Filtered {i}", authors=[author], regions=[region], issues=[issue])
    _, _, analysis = tree
    url = f"{analysis.url}?region=iraq&issue=terrorism&expert=filter-author&year=2020&page=2"
    client.get(url)
    with django_assert_num_queries(FILTERED_LISTING_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == 5


def test_expert_page_queries_do_not_grow_with_publications(client, tree):
    few = factories.expert("Few Publications", photo=factories.image("few"))
    many = factories.expert("Many Publications", photo=factories.image("many"))
    coauthor = factories.expert("Coauthor")
    spotlight = [factories.series("Militia Spotlight")]
    factories.brief("Few 1", authors=[few], series=spotlight)
    for i in range(12):
        factories.brief(
            f"Many {i}", authors=[many, coauthor], regions=[factories.region()], series=spotlight
        )
    few_count, few_html = measure(client, few.url)
    many_count, many_html = measure(client, many.url)

    assert few_html.count('class="card"') == 1
    assert many_html.count('class="card"') == 10  # first page of publications
    assert many_html.count('href="/policy-analysis/series/militia-spotlight/"') == 10
    assert (few_count, many_count) == (EXPERT_PAGE_QUERIES, EXPERT_PAGE_QUERIES)


def test_home_page_queries_do_not_grow_with_latest_items(client, tree):
    home, _, _ = tree
    author = factories.expert("Home Author")
    spotlight = [factories.series("Militia Spotlight")]
    for i in range(4):
        factories.brief(f"Early {i}", authors=[author], series=spotlight)
    few_count, few_html = measure(client, home.url)
    for i in range(10):
        factories.brief(
            f"Later {i}", authors=[author, factories.expert(f"Extra {i}")], series=spotlight
        )
    many_count, many_html = measure(client, home.url)

    assert few_html.count('class="card"') == 4  # 3 featured + 1 latest
    assert many_html.count('class="card"') == 3 + home.latest_count
    badge = 'href="/policy-analysis/series/militia-spotlight/"'
    assert many_html.count(badge) == 3 + home.latest_count
    assert (few_count, many_count) == (HOME_PAGE_QUERIES, HOME_PAGE_QUERIES)
