"""The scale run's generator: cloned briefs are real, listed, filtered and well placed."""

import datetime

from wagtail.models import Page

from bench.grow import grow_briefs
from bench.scale import count_queries
from policyanalysis.models import BriefPage
from tests.support import factories


def _archive():
    first, second = factories.expert("Ana Fellow"), factories.expert("Ben Fellow")
    iraq, iran = factories.region("Iraq"), factories.region("Iran")
    energy = factories.issue("Energy")
    older = factories.brief(
        "Militias and the state", authors=[second, first], regions=[iraq], issues=[energy],
        date=datetime.date(2020, 5, 14),
    )  # fmt: skip
    older.tags.add("militias")
    older.save_revision().publish()
    newer = factories.brief(
        "Sanctions after the deal", authors=[first], regions=[iran],
        date=datetime.date(2021, 3, 1),
    )  # fmt: skip
    draft = factories.brief("Unpublished thoughts", regions=[iraq], publish=False)
    return older, newer, draft


def test_grown_briefs_are_listed_filtered_and_the_tree_stays_valid(tree, client):
    older, newer, draft = _archive()

    assert grow_briefs(12, batch_size=4) == 10

    assert Page.find_problems() == ([], [], [], [], [])
    listing = client.get("/api/v1/analysis/?limit=100").json()
    assert listing["count"] == 12
    # Clones take the templates in path order (older first), ten a day going back from the
    # newest template's date: numbers 2-9 on its day (newest first), 10 and 11 the day before.
    assert [item["title"] for item in listing["items"][:4]] == [
        "Sanctions after the deal (9)",
        "Militias and the state (8)",
        "Sanctions after the deal (7)",
        "Militias and the state (6)",
    ]
    assert [item["date"] for item in listing["items"][8:11]] == [
        "2021-03-01",
        "2021-02-28",
        "2021-02-28",
    ]
    assert client.get("/api/v1/analysis/?region=iraq&limit=100").json()["count"] == 6
    clone = BriefPage.objects.get(slug="scale-2")
    assert clone.date == datetime.date(2021, 3, 1)
    assert clone.url == "/policy-analysis/scale-2/"
    assert [author.expert.title for author in clone.authors.order_by("sort_order")] == [
        "Ben Fellow",
        "Ana Fellow",
    ]
    assert [term.name for term in clone.issues.all()] == ["Energy"]
    assert list(clone.tags.names()) == ["militias"]
    page = client.get("/policy-analysis/scale-2/")
    assert page.status_code == 200
    assert b"Militias and the state (2)" in page.content
    assert "Unpublished thoughts" not in str(listing)
    assert draft.title not in client.get("/policy-analysis/").content.decode()


def test_growing_to_a_size_already_reached_adds_nothing(tree):
    _archive()
    grow_briefs(5)

    assert grow_briefs(5) == 0
    assert grow_briefs(3) == 0
    assert BriefPage.objects.filter(live=True).count() == 5


def test_the_scale_run_records_each_scenarios_statements(tree):
    factories.brief(
        "Militias and the state",
        type=factories.publication_type("Brief Analysis", "type-brief-analysis"),
        regions=[factories.region("Iraq", "region-iraq")],
    )

    statements = count_queries()

    assert {name: len(sql) for name, sql in statements.items()} == {
        "listing": 5,
        "listing_filtered": 7,
        "api_listing": 2,
        "api_listing_filtered": 4,
    }
    assert "'region-iraq'" in statements["api_listing_filtered"][1]
