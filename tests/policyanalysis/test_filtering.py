"""The HTML listing and the API filter analysis by the same rules (policyanalysis.filtering)."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests.support import factories
from tests.support.html import card_titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        {"type": "podcast"},
        {"region": "iraq"},
        {"issue": "terrorism"},
        {"expert": "dana-stroul"},
        {"region": "iraq", "issue": "terrorism"},
        {"type": "brief-analysis", "region": "egypt"},
    ],
)
def test_html_and_api_list_the_same_briefs(tree, client, query):
    iraq, egypt = factories.region("Iraq"), factories.region("Egypt")
    terrorism = factories.issue("Terrorism")
    podcast = factories.publication_type("Podcast")
    dana = factories.expert("Dana Stroul")
    factories.brief("Iraq and terrorism", regions=[iraq], issues=[terrorism], authors=[dana])
    factories.brief("Egypt brief", regions=[egypt])
    factories.brief("Iraq podcast", regions=[iraq], type=podcast)
    factories.brief("Terrorism only", issues=[terrorism], authors=[dana])
    factories.brief("Old Egypt", regions=[egypt], date=datetime.date(2018, 3, 1))

    html = client.get("/policy-analysis/", query)
    html_titles = card_titles(html)
    api = client.get("/api/v1/analysis/", query).json()
    assert html_titles == [item["title"] for item in api["items"]]
    assert html_titles  # every combination matches something


def test_year_filter_equals_the_api_date_range(tree, client):
    factories.brief("In 2018", date=datetime.date(2018, 12, 31))
    factories.brief("In 2019", date=datetime.date(2019, 1, 1))
    html = client.get("/policy-analysis/", {"year": 2018})
    api = client.get(
        "/api/v1/analysis/", {"date_from": "2018-01-01", "date_to": "2018-12-31"}
    ).json()
    titles = card_titles(html)
    assert titles == [item["title"] for item in api["items"]] == ["In 2018"]


def test_a_brief_matching_several_alternatives_is_listed_and_counted_once(tree, client):
    """Filters through regions, issues, keywords and authors match without a join, so a brief
    that matches two alternatives of each is one card and counts once (no DISTINCT needed)."""
    iraq, iran = factories.region("Iraq"), factories.region("Iran")
    energy, terrorism = factories.issue("Energy"), factories.issue("Terrorism")
    ana, ben = factories.expert("Ana Fellow"), factories.expert("Ben Fellow")
    both = factories.brief(
        "Everywhere at once", regions=[iraq, iran], issues=[energy, terrorism],
        authors=[ana, ben], date=datetime.date(2021, 1, 1),
    )  # fmt: skip
    both.tags.add("oil", "militias")
    both.save_revision().publish()
    factories.brief("Iraq only", regions=[iraq], date=datetime.date(2020, 1, 1))
    query = (
        "region=iraq&region=iran&issue=energy&issue=terrorism&expert=ana-fellow"
        "&expert=ben-fellow&tag=oil&tag=militias"
    )

    api = client.get(f"/api/v1/analysis/?{query}").json()

    assert (api["count"], [item["title"] for item in api["items"]]) == (
        1,
        ["Everywhere at once"],
    )
    html = client.get("/policy-analysis/", {"region": "iran", "expert": "ben-fellow"})
    assert card_titles(html) == ["Everywhere at once"]
    soup = BeautifulSoup(html.content, "html.parser")
    assert soup.select_one(".results__count").get_text(strip=True) == "1 result"
