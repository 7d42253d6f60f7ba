"""Chapters of a report: the report lists them, each chapter shows the report's title,
authors and date, its own endnotes, the list of chapters and previous/next links (also as
<link rel>), in English and Arabic; drafts and chapters of a hidden report never show."""

import datetime
import re

import pytest
from wagtail.models import PageViewRestriction

from policyanalysis.models import BriefPage, ChapterPage
from tests.support import factories
from tests.support.translation import arabic_text, translate_and_publish

pytestmark = pytest.mark.django_db


def report_with_chapters(publish_second=True):
    author = factories.expert("Michael Knights")
    report = factories.brief(
        "Militias in Iraq",
        authors=[author],
        date=datetime.date(2024, 3, 5),
        type=factories.publication_type("In-Depth Reports"),
    )
    chapters = [
        factories.chapter(
            report,
            "Origins",
            body=[("paragraph", "<p>They began in 2014.<sup>1</sup></p>")],
            endnotes=[("note", "<p>Fatwa of June 2014.</p>")],
        ),
        factories.chapter(report, "Money", publish=publish_second),
        factories.chapter(
            report,
            "Recommendations",
            body=[("paragraph", "<p>Audit.<sup>1</sup> Then act.<sup>2</sup></p>")],
            endnotes=[("note", "<p>Payroll audit.</p>"), ("note", "<p>Sanctions.</p>")],
        ),
    ]
    return report, chapters


def titles_in(nav_html):
    """The chapter titles of a list of chapters (links, and the current one)."""
    return re.findall(r">([^<>]+)</(?:a|span)></li>", nav_html)


def section(html, css_class):
    match = re.search(rf'<nav class="{css_class}".*?</nav>', html, re.S)
    return match.group(0) if match else ""


def test_a_chapter_lives_under_a_brief_only():
    assert ChapterPage.allowed_parent_page_models() == [BriefPage]
    assert ChapterPage.allowed_subpage_models() == []
    assert BriefPage.allowed_subpage_models() == [ChapterPage]


def test_report_lists_its_live_chapters_in_order(client, tree):
    report, _chapters = report_with_chapters(publish_second=False)
    html = client.get(report.url).content.decode()
    nav = section(html, "chapters")
    assert titles_in(nav) == ["Origins", "Recommendations"]
    assert '<a href="/policy-analysis/' + report.slug + '/origins/">Origins</a>' in nav


def test_a_brief_without_chapters_shows_no_chapter_list(client, tree):
    brief = factories.brief("Plain brief")
    assert 'class="chapters"' not in client.get(brief.url).content.decode()


def test_chapter_shows_report_title_authors_date_and_navigation(client, tree):
    report, (origins, money, recommendations) = report_with_chapters()
    response = client.get(money.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<p class="chapter__report"><a href="{report.url}">Militias in Iraq</a></p>' in html
    assert '<h1 class="brief__title">Money</h1>' in html
    assert ">Michael Knights</a>" in html
    assert '<time datetime="2024-03-05">' in html
    assert titles_in(section(html, "chapters")) == ["Origins", "Money", "Recommendations"]
    assert '<span aria-current="page">Money</span>' in html
    assert f'<link rel="prev" href="{origins.url}">' in html
    assert f'<link rel="next" href="{recommendations.url}">' in html
    pager = section(html, "chapter-pager")
    assert f'<a href="{origins.url}" rel="prev">' in pager
    assert f'<a href="{recommendations.url}" rel="next">' in pager


def test_first_and_last_chapters_have_one_neighbour(client, tree):
    _report, (origins, _money, recommendations) = report_with_chapters()
    first = client.get(origins.url).content.decode()
    last = client.get(recommendations.url).content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_a_draft_chapter_is_skipped_by_previous_and_next(client, tree):
    _report, (origins, money, recommendations) = report_with_chapters(publish_second=False)
    html = client.get(origins.url).content.decode()
    assert f'<link rel="next" href="{recommendations.url}">' in html
    assert "Money" not in html
    assert client.get(f"/policy-analysis/{money.get_parent().slug}/money/").status_code == 404


def test_endnotes_are_numbered_per_chapter(client, tree):
    _report, (origins, _money, recommendations) = report_with_chapters()
    first = client.get(origins.url).content.decode()
    last = client.get(recommendations.url).content.decode()
    assert '<sup class="noteref" id="noteref-1"><a href="#note-1"' in first
    assert '<li id="note-1"><p>Fatwa of June 2014.</p> <a class="endnotes__back"' in first
    assert 'id="note-2"' not in first
    assert '<sup class="noteref" id="noteref-2"><a href="#note-2"' in last
    assert '<li id="note-2"><p>Sanctions.</p>' in last


@pytest.mark.parametrize("state", ["draft", "unpublished", "private"])
def test_chapters_of_a_hidden_report_are_not_served(client, tree, state):
    report, (origins, _money, _recommendations) = report_with_chapters()
    url = origins.url
    if state == "draft":
        BriefPage.objects.filter(pk=report.pk).update(live=False)
    elif state == "unpublished":
        report.unpublish()  # Wagtail leaves the children live
        assert ChapterPage.objects.get(pk=origins.pk).live
    else:
        factories.make_private(report)
    response = client.get(url)
    assert response.status_code == (200 if state == "private" else 404)
    assert "They began in 2014" not in response.content.decode()


def test_the_arabic_edition_has_its_own_chapters(client, tree):
    report, chapters = report_with_chapters()
    arabic_report = translate_and_publish(report)
    arabic = [translate_and_publish(chapter) for chapter in chapters]
    assert [page.get_parent().pk for page in arabic] == [arabic_report.pk] * 3
    html = client.get(arabic[1].url).content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert f'<h1 class="brief__title">{arabic_text("Money")}</h1>' in html
    assert f">{arabic_text('Militias in Iraq')}</a></p>" in html
    assert f'<link rel="next" href="{arabic[2].url}">' in html
    assert arabic[2].url.startswith("/ar/policy-analysis/")
    last = client.get(arabic[2].url).content.decode()
    assert f'<li id="note-2"><p>{arabic_text("Sanctions.")}</p>' in last
    listing = client.get(arabic_report.url).content.decode()
    assert titles_in(section(listing, "chapters")) == [
        arabic_text(title) for title in ("Origins", "Money", "Recommendations")
    ]


def test_an_editor_adds_a_chapter_to_a_report_in_the_admin(admin_client, tree):
    report, _chapters = report_with_chapters()
    response = admin_client.get(f"/admin/pages/add/policyanalysis/chapterpage/{report.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="endnotes-count"' in html or 'id="id_endnotes"' in html or "endnotes" in html


def test_a_reader_who_passed_the_reports_password_reads_its_chapters(client, tree):
    report, (origins, _money, _recommendations) = report_with_chapters()
    factories.make_private(report, password="open")
    restriction = PageViewRestriction.objects.get(page=report)
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{origins.pk}/",
        {"password": "open", "return_url": origins.url},
    )
    assert response.status_code == 302
    response = client.get(origins.url)
    assert response.status_code == 200
    assert "They began in 2014" in response.content.decode()
