"""SQL-query bounds: the listing costs the same for 20 and 100 cards, the detail the same
for one and many blocks, authors, recommended cards and translations; a cache hit runs
none (the content version is mirrored in the cache)."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document

from tests.support import factories
from tests.support.api_content import translate

pytestmark = pytest.mark.django_db


def _queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(captured)


# The documented numbers (docs/api.md, README): a listing of any length, a detail of any size,
# on a cold cache (each measure clears it). The listing's 15 include the next scheduled expiry
# or go-live and the next event start or end (two queries; docs/benchmarks.md lists all of
# them), read so that a cached response ends when a page in it expires or an event turns past
# (headless_api.caching.stored_for), and the vocabularies the cards name (types, series,
# regions, issues: four), which a warm process keeps (core.vocabulary). On this cold cache the
# next change is read twice more (the same two queries): for the count of matches, kept by
# content version until then (core.versioned.kept); a warm process reads neither.
LISTING_QUERIES = 17
DETAIL_QUERIES = 22
# A warm process (as under load, and in make bench): a detail whose body has text and links
# (no images, documents or embeds) costs the brief, its authors, its regions, issues, series
# and tags (one), the Recommended picks, cards and cards' authors, its other editions and its
# links' targets.
WARM_DETAIL_QUERIES = 8
AUTO_RECOMMENDED_DETAIL_QUERIES = 19


def test_listing_queries_do_not_grow_with_the_limit(client, tree):
    images = [factories.image(f"hero-{n}", 320, 200) for n in range(3)]
    experts = [factories.expert(f"Author {n}") for n in range(4)]
    regions = [factories.region("Iraq"), factories.region("Iran")]
    issue = factories.issue()
    for n in range(105):
        factories.brief(
            f"Brief {n:03d}",
            authors=experts[n % 3 : n % 3 + 2],
            regions=regions[: 1 + n % 2],
            issues=[issue],
            hero_image=images[n % 3],
        )
    client.get("/api/v1/analysis/?limit=100")  # renditions are generated once, here
    small = _queries(client, "/api/v1/analysis/?limit=20")
    large = _queries(client, "/api/v1/analysis/?limit=100")
    assert (small, large) == (LISTING_QUERIES, LISTING_QUERIES)


def _rich_brief(n, experts, picks, images, document):
    body = []
    for i in range(n):
        body += [
            ("heading", {"text": f"Section {i}", "level": "2", "anchor": ""}),
            ("paragraph", f'<p><a linktype="page" id="{picks[i % len(picks)].pk}">x</a></p>'),
            (
                "image",
                {"image": images[i % len(images)], "alt_text": "a", "caption": "", "credit": ""},
            ),
            ("document", {"document": document, "title": "", "description": ""}),
            ("embed", {"url": f"https://example.org/v{i}", "title": "", "caption": ""}),
            ("table", {"data": [["a"]], "table_caption": ""}),
        ]
    return factories.brief(
        f"Rich {n}",
        authors=experts[:n],
        body=body,
        recommended=picks[: 3 * n],
        regions=[factories.region()],
        hero_image=images[0],
    )


def test_detail_queries_do_not_grow_with_its_content(client, tree):
    experts = [factories.expert(f"Author {n}") for n in range(3)]
    for expert in experts:
        expert.photo = factories.image(f"photo-{expert.pk}", 100, 100)
        expert.save_revision().publish()
    images = [factories.image(f"img-{n}", 200, 100) for n in range(3)]
    document = Document.objects.create(title="Doc", file=ContentFile(b"x", name="d.pdf"))
    picks = [factories.brief(f"Pick {n}", date=datetime.date(2019, 1, 1 + n)) for n in range(6)]
    small = _rich_brief(1, experts, picks, images, document)
    large = _rich_brief(2, experts, picks, images, document)
    translate(large)
    for page in (small, large):
        client.get(f"/api/v1/analysis/{page.pk}/")  # generate renditions
    counts = [_queries(client, f"/api/v1/analysis/{page.pk}/") for page in (small, large)]
    assert counts == [DETAIL_QUERIES, DETAIL_QUERIES]
    # Without picks the Recommended block is filled automatically: a few queries more.
    auto = factories.brief("Auto", authors=experts[:1], regions=[factories.region()])
    client.get(f"/api/v1/analysis/{auto.pk}/")
    assert _queries(client, f"/api/v1/analysis/{auto.pk}/") == AUTO_RECOMMENDED_DETAIL_QUERIES


def test_a_cache_hit_runs_no_query(client, tree, django_assert_num_queries):
    brief = factories.brief("Cached")
    assert client.get(f"/api/v1/analysis/{brief.pk}/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get(f"/api/v1/analysis/{brief.pk}/").status_code == 200
    assert client.get("/api/v1/analysis/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/api/v1/analysis/").status_code == 200


def test_a_warm_detail_with_links_costs_the_documented_queries(client, tree):
    experts = [factories.expert(f"Author {n}") for n in range(3)]
    picks = [factories.brief(f"Pick {n}", authors=experts[:1]) for n in range(3)]
    body = []
    for i in range(12):
        body += [
            ("heading", {"text": f"Section {i}", "level": "2", "anchor": ""}),
            (
                "paragraph",
                f'<p><a linktype="page" id="{picks[i % 3].pk}">internal</a> and '
                f'<a href="https://example.org/{i}">external</a></p>',
            ),
        ]
    brief = factories.brief(
        "Linked",
        authors=experts,
        body=[*body, ("paragraph", "<p>The end.</p>")],
        recommended=picks,
        regions=[factories.region()],
        issues=[factories.issue()],
    )
    translate(brief)
    url = f"/api/v1/analysis/{brief.pk}/"
    assert client.get(url).status_code == 200  # warm: locales, vocabularies, restrictions
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{url}?uncached=1")
    data = response.json()
    assert [len(data["body"]), len(data["about_authors"]), len(data["recommended"]["items"])] == [
        25,
        3,
        3,
    ]
    assert [t["locale"] for t in data["translations"]] == ["ar"]
    assert len(captured) == WARM_DETAIL_QUERIES
