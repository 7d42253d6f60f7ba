"""The API's view of reports, op-eds, testimony and series: card and detail payloads."""

import datetime

import pytest

from tests.support import factories

pytestmark = pytest.mark.django_db


def test_cards_and_details_carry_outlet_series_pages_pdf_hearing_and_contents(client, tree):
    notes = factories.series("Policy Notes")
    report = factories.brief(
        "A report",
        series=[notes],
        series_number="31",
        page_count=73,
        pdf=factories.pdf_document(pages=2),
        committee="Foreign Affairs",
        chamber="Senate",
        hearing_title="Iraq after the elections",
        hearing_date=datetime.date(2024, 3, 5),
        outlet=factories.outlet("Foreign Policy", "https://foreignpolicy.com/"),
        external_url="https://foreignpolicy.com/2024/iraq/",
        body=[
            ("heading", {"text": "One", "level": "2", "anchor": ""}),
            ("heading", {"text": "Two", "level": "3", "anchor": "second"}),
            ("heading", {"text": "Three", "level": "2", "anchor": ""}),
        ],
    )
    [card] = client.get("/api/v1/analysis/").json()["items"]
    assert {key: card[key] for key in
            ("series", "series_number", "page_count", "outlet", "external_url")} == {
        "series": [{"slug": "policy-notes", "label": "Policy Notes"}],
        "series_number": "31",
        "page_count": 73,
        "outlet": {"name": "Foreign Policy", "homepage": "https://foreignpolicy.com/"},
        "external_url": "https://foreignpolicy.com/2024/iraq/",
    }  # fmt: skip
    detail = client.get(f"/api/v1/analysis/{report.pk}/").json()
    assert detail["pdf"] == {
        "url": f"http://localhost{report.pdf.url}",
        "file_size": report.pdf.get_file_size(),
        "page_count": 73,
    }
    assert detail["hearing"] == {
        "title": "Iraq after the elections",
        "committee": "Foreign Affairs",
        "chamber": "Senate",
        "date": "2024-03-05",
        "video_url": "",
    }
    assert detail["table_of_contents"] == [
        {"text": "One", "anchor": "one", "level": 2},
        {"text": "Two", "anchor": "second", "level": 3},
        {"text": "Three", "anchor": "three", "level": 2},
    ]


def test_a_plain_brief_has_empty_publication_fields(client, tree):
    brief = factories.brief("Plain")
    detail = client.get(f"/api/v1/analysis/{brief.pk}/").json()
    assert {key: detail[key] for key in ("series", "series_number", "page_count", "outlet",
            "external_url", "pdf", "hearing", "table_of_contents")} == {
        "series": [], "series_number": "", "page_count": None, "outlet": None,
        "external_url": "", "pdf": None, "hearing": None, "table_of_contents": [],
    }  # fmt: skip
