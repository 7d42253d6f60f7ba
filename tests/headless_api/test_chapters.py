"""Chapters in the API: a report's detail lists its visible chapters; a chapter by path
gives its body, endnotes, report (title, date, authors), chapters and previous/next; draft
chapters and chapters of a hidden report are not found."""

import pytest

from policyanalysis.models import BriefPage
from tests.policyanalysis.test_chapters import report_with_chapters

pytestmark = pytest.mark.django_db


def by_path(client, path):
    return client.get(f"/api/v1/pages/by-path/?path={path}")


def test_report_detail_lists_its_visible_chapters(client, tree):
    report, (origins, _money, recommendations) = report_with_chapters(publish_second=False)
    chapters = client.get(f"/api/v1/analysis/{report.pk}/").json()["chapters"]
    assert [(item["id"], item["title"], item["path"]) for item in chapters] == [
        (origins.pk, "Origins", origins.url),
        (recommendations.pk, "Recommendations", recommendations.url),
    ]


def test_chapter_by_path_links_report_previous_and_next(client, tree):
    report, (origins, money, recommendations) = report_with_chapters()
    body = by_path(client, money.url).json()
    assert body["type"] == "chapter"
    page = body["page"]
    assert page["title"] == "Money"
    assert page["report"]["id"] == report.pk
    assert page["report"]["title"] == "Militias in Iraq"
    assert page["report"]["date"] == "2024-03-05"
    assert [author["name"] for author in page["report"]["authors"]] == ["Michael Knights"]
    assert page["previous"]["id"] == origins.pk
    assert page["next"]["id"] == recommendations.pk
    assert [item["title"] for item in page["chapters"]] == ["Origins", "Money", "Recommendations"]
    last = by_path(client, recommendations.url).json()["page"]
    assert last["next"] is None
    assert [note["number"] for note in last["endnotes"]] == [1, 2]
    assert last["endnotes"][1]["html"] == "<p>Sanctions.</p>"


def test_a_draft_chapter_is_neither_found_nor_a_neighbour(client, tree):
    _report, (origins, money, recommendations) = report_with_chapters(publish_second=False)
    assert by_path(client, money.url).status_code == 404
    assert by_path(client, origins.url).json()["page"]["next"]["id"] == recommendations.pk


def test_chapters_of_an_unpublished_report_are_not_found(client, tree):
    report, (origins, _money, _recommendations) = report_with_chapters()
    BriefPage.objects.get(pk=report.pk).unpublish()
    assert by_path(client, origins.url).status_code == 404
