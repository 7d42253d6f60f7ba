"""The HTML listing and the API filter analysis by the same rules (policyanalysis.filtering)."""

import datetime

import pytest

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
