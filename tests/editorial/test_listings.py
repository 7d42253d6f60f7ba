"""The desk's admin listings: analysis and experts with their columns, filters, sorting and
CSV export, in a fixed number of queries whatever the number of rows."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.support import factories

ANALYSIS = reverse("analysis:index")
EXPERTS = reverse("experts:index")


@pytest.fixture
def content(tree):
    """Two experts, three briefs of two types and regions, one of them a draft."""
    iraq, syria = factories.region("Iraq"), factories.region("Syria")
    brief_type = factories.publication_type("Brief Analysis", "brief-analysis")
    report = factories.publication_type("In-Depth Reports", "in-depth-reports")
    knights = factories.expert("Michael Knights", position="Senior Fellow")
    stroul = factories.expert("Dana Stroul", position="Director of Research")
    briefs = [
        factories.brief(
            "Basra's water",
            authors=[knights],
            type=brief_type,
            regions=[iraq],
            date=datetime.date(2024, 3, 5),
        ),
        factories.brief(
            "Militias and the state",
            authors=[knights, stroul],
            type=report,
            regions=[iraq],
            date=datetime.date(2024, 5, 1),
        ),
        factories.brief(
            "Damascus after the war",
            authors=[stroul],
            type=brief_type,
            regions=[syria],
            date=datetime.date(2024, 6, 9),
            publish=False,
        ),
    ]
    return {"experts": (knights, stroul), "briefs": briefs, "types": (brief_type, report)}


def rows(response):
    """The listing's rows as lists of cell texts."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        [" ".join(cell.get_text(" ").split()) for cell in row.select("td")]
        for row in soup.select("table.listing tbody tr")
    ]


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        " ".join(a.get_text(" ").split())
        for a in soup.select("table.listing tbody td.title .title-wrapper a")
    ]


def test_analysis_listing_shows_the_desks_columns(client, superuser, content):
    client.force_login(superuser)
    response = client.get(ANALYSIS)
    assert response.status_code == 200
    assert titles(response) == ["Damascus after the war", "Militias and the state", "Basra's water"]
    militias = rows(response)[1]
    assert "In-Depth Reports" in militias
    assert "Michael Knights, Dana Stroul" in militias
    assert "Arabic: not started" in militias


def test_filter_by_expert_finds_all_their_briefs(client, superuser, content):
    client.force_login(superuser)
    knights, _stroul = content["experts"]
    response = client.get(ANALYSIS, {"expert": knights.pk})
    assert titles(response) == ["Militias and the state", "Basra's water"]


def test_filters_by_type_region_status_and_date(client, superuser, content):
    client.force_login(superuser)
    brief_type, _report = content["types"]
    iraq = factories.region("Iraq")
    assert titles(client.get(ANALYSIS, {"publication_type": brief_type.pk})) == [
        "Damascus after the war",
        "Basra's water",
    ]
    assert titles(client.get(ANALYSIS, {"regions": iraq.pk})) == [
        "Militias and the state",
        "Basra's water",
    ]
    assert titles(client.get(ANALYSIS, {"status": "draft"})) == ["Damascus after the war"]
    assert titles(client.get(ANALYSIS, {"date_from": "2024-04-01", "date_to": "2024-05-31"})) == [
        "Militias and the state"
    ]


def test_sorting_by_date_ascending(client, superuser, content):
    client.force_login(superuser)
    assert titles(client.get(ANALYSIS, {"ordering": "date"})) == [
        "Basra's water",
        "Militias and the state",
        "Damascus after the war",
    ]


def test_csv_export_of_the_filtered_list(client, superuser, content):
    client.force_login(superuser)
    knights, _stroul = content["experts"]
    response = client.get(ANALYSIS, {"expert": knights.pk, "export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    table = list(csv.reader(io.StringIO(body)))
    assert table[0][:6] == ["Title", "Date", "Type", "Authors", "Series", "Language"]
    assert [row[:6] for row in table[1:]] == [
        [
            "Militias and the state",
            "2024-05-01",
            "In-Depth Reports",
            "Michael Knights, Dana Stroul",
            "",
            "en",
        ],
        ["Basra's water", "2024-03-05", "Brief Analysis", "Michael Knights", "", "en"],
    ]


def test_experts_listing_counts_their_analysis(client, superuser, content):
    client.force_login(superuser)
    response = client.get(EXPERTS)
    assert titles(response) == ["Dana Stroul", "Michael Knights"]
    stroul, knights = rows(response)
    assert "Director of Research" in stroul
    assert "2" in knights


def test_bad_filter_values_get_a_clear_answer_not_a_500(client, superuser, content):
    client.force_login(superuser)
    response = client.get(ANALYSIS, {"expert": "not-a-number"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert (
        "“not-a-number” is not a valid value." in soup.select_one("#filters-drilldown").get_text()
    )


def test_editors_reach_the_listings_from_the_main_menu(client, editor, content):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert ANALYSIS in html and "Policy analysis" in html
    assert EXPERTS in html
