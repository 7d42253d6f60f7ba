"""`make run`'s demo loader: the seed brief in both languages, the queue states, and
idempotence (loading twice changes nothing)."""

import io

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from core.models import Issue, PublicationType, Region, SiteIdentity
from experts.models import ExpertPage
from podcasts.models import MediaItem, VideoPage
from policyanalysis.models import BriefPage, ChapterPage
from translation_workflow.status import TranslationStatus, queue_rows

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SEED = "/policy-analysis/us-iraq-strategic-dialogue-question-interests-and-expectations/"
SEED_AR = "/ar/policy-analysis/hwar-astratyjy-amryky-raqy-msalt-msalh-wtwqat/"


REPORT_SLUG = "countering-irans-militia-network-iraq"
#: The demo report's chapters (chapter records of content.jsonl and content.ar.jsonl).
CHAPTERS = ["Origins of the Network", "The Money", "What Washington Can Do"]
CHAPTERS_AR = ["أصول الشبكة", "المال", "ما الذي تستطيع واشنطن فعله"]


def counts():
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "audio and video": MediaItem.objects.count(),
        "terms": PublicationType.objects.count() + Region.objects.count() + Issue.objects.count(),
        "translations": Translation.objects.count(),
        "sources": TranslationSource.objects.count(),
        "strings": StringTranslation.objects.count(),
        "site identities": SiteIdentity.objects.count(),
    }


def load(**options):
    out = io.StringIO()
    call_command("load_demo", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def _translation_of(page, arabic):
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    return Translation.objects.get(source=source, target_locale=arabic)


def test_demo_loads_the_seed_in_both_languages_and_loading_twice_changes_nothing(client):
    output = load()
    assert "Demo loaded" in output and "rejected" in output  # the summary table
    arabic = Locale.objects.get(language_code="ar")

    # The seed brief, its three authors in byline order, its recommendations.
    seed = BriefPage.objects.get(url_path__endswith=SEED, locale__language_code="en")
    assert seed.live and seed.publication_type.name == "Brief Analysis"
    assert str(seed.date) == "2020-05-14"
    assert [a.expert.slug for a in seed.authors.order_by("sort_order")] == [
        "karl-kaltenthaler",
        "munqith-dagher",
        "anthony-cordesman",
    ]
    picked = seed.recommended.raw_data[0]["value"]["items"]
    assert [BriefPage.objects.get(pk=pk).title for pk in picked] == [
        "Iran Takes Next Steps on Rocket Technology",
        "Saudi Arabia Adjusts Its History, Diminishing the Role of Wahhabism",
        "Podcast: Breaking Hezbollah's Golden Rule",
    ]
    response = client.get(SEED)
    assert response.status_code == 200
    html = response.content.decode()
    assert "U.S. Interests in Iraq" in html
    assert 'href="/experts/karl-kaltenthaler/"' in html

    # The Arabic seed is a live wagtail-localize translation.
    seed_ar = BriefPage.objects.get(translation_key=seed.translation_key, locale=arabic)
    assert seed_ar.live and seed_ar.url_path.endswith(
        "/hwar-astratyjy-amryky-raqy-msalt-msalh-wtwqat/"
    )
    total, done = _translation_of(seed, arabic).get_progress()
    assert total == done
    response = client.get(SEED_AR)
    assert response.status_code == 200
    assert seed_ar.title in response.content.decode()
    assert 'dir="rtl"' in response.content.decode()

    # The demo report's three chapters, live in both languages, in order, under the report
    # of their language, and served.
    report = BriefPage.objects.get(slug=REPORT_SLUG, locale__language_code="en")
    report_ar = BriefPage.objects.get(translation_key=report.translation_key, locale=arabic)
    assert report_ar.live and report_ar.title == "مواجهة شبكة الميليشيات الإيرانية في العراق"
    # The whole report is in Arabic: contents (anchors as in English), body and 10 endnotes.
    page = BeautifulSoup(client.get(report_ar.url).content, "html.parser")
    assert [(a.get_text(), a["href"]) for a in page.select("nav.brief__toc a")][:2] == [
        ("ملخص", "#summary"),
        ("من جماعات مسلحة إلى شبكة", "#from-armed-groups-to-a-network"),
    ]
    notes = page.select(".endnotes li")
    assert len(notes) == 10
    assert notes[0].get_text(" ", strip=True).startswith("هيئة الحشد الشعبي")
    for parent, titles in ((report, CHAPTERS), (report_ar, CHAPTERS_AR)):
        chapters = list(ChapterPage.objects.child_of(parent).live().order_by("path"))
        assert [chapter.title for chapter in chapters] == titles
        for chapter in chapters:
            response = client.get(chapter.url)
            assert response.status_code == 200
            assert chapter.title in response.content.decode()
    english_chapters = ChapterPage.objects.child_of(report).order_by("path")
    arabic_chapters = ChapterPage.objects.child_of(report_ar).order_by("path")
    assert [c.translation_key for c in english_chapters] == [
        c.translation_key for c in arabic_chapters
    ]

    # Site pages in both languages, with Arabic titles, as translations.
    home = Page.objects.get(depth=2, locale__language_code="en")
    assert home.title == "The Policy Institute"
    for path, title in (("/ar/", "معهد السياسات"), ("/ar/experts/", "الخبراء"),
                        ("/ar/policy-analysis/", "تحليلات السياسات")):  # fmt: skip
        assert client.get(path).status_code == 200
        assert Page.objects.filter(title=title, locale=arabic, live=True).exists()
    assert Translation.objects.filter(source__object_id=home.translation_key).exists()

    # The Arabic chrome is Arabic: the institute's name in the header, the footer, <title>
    # and OpenGraph, and as the Arabic home page's heading (as the English one is the
    # English name); an Arabic expert's languages and link kinds.
    home_ar = BeautifulSoup(client.get("/ar/").content, "html.parser")
    assert home_ar.select_one("h1").get_text(strip=True) == "معهد السياسات"
    assert home_ar.select_one(".site-header__name").get_text(strip=True) == "معهد السياسات"
    assert home_ar.select_one(".site-footer__name").get_text(strip=True) == "معهد السياسات"
    assert home_ar.select_one(".site-footer__tagline").get_text(strip=True) == (
        "تحليلات مستقلة للسياسة الأمريكية في الشرق الأوسط، بالعربية والإنجليزية."
    )
    assert home_ar.title.get_text() == "معهد السياسات | معهد السياسات"
    assert home_ar.select_one('meta[property="og:site_name"]')["content"] == "معهد السياسات"
    assert home_ar.find(attrs={"lang": "en"}, class_="site-header__name") is None
    home_en = BeautifulSoup(client.get("/").content, "html.parser")
    assert home_en.select_one(".site-header__name").get_text(strip=True) == "The Policy Institute"
    karl_ar = BeautifulSoup(
        client.get("/ar/experts/karl-kaltenthaler/").content, "html.parser"
    ).select_one(".expert__aside")
    assert karl_ar.select_one(".expert__languages").get_text(strip=True) == "الإنجليزية، الألمانية"
    assert [a.get_text(strip=True) for a in karl_ar.select(".link-list a")] == [
        "البريد الإلكتروني",
        "الموقع الإلكتروني",
    ]

    # The header's sections and the footer's links come from the identity, in both languages;
    # briefs have generated hero images with alt text in both languages, experts portraits.
    nav_en = [a.get_text(strip=True) for a in home_en.select(".site-nav a")]
    assert nav_en == ["Policy Analysis", "Experts", "Events", "Podcasts", "About"]
    nav_ar = [(a.get_text(strip=True), a["href"]) for a in home_ar.select(".site-nav a")]
    assert nav_ar == [
        ("تحليلات السياسات", "/ar/policy-analysis/"),
        ("الخبراء", "/ar/experts/"),
        ("الفعاليات", "/ar/events/"),
        ("البودكاست", "/ar/policycast/"),
        ("من نحن", "#about"),
    ]
    assert [a.get_text(strip=True) for a in home_ar.select(".site-footer__social a")] == [
        "X", "LinkedIn", "YouTube"
    ]  # fmt: skip
    assert seed.hero_image is not None and seed.hero_alt.startswith("Illustration: an abstract map")
    assert BriefPage.objects.get(pk=seed_ar.pk).hero_alt.startswith("رسم توضيحي: خريطة تجريدية")
    # Every expert record has its portrait (the two guest authors named only in bylines none).
    assert ExpertPage.objects.filter(photo__isnull=False, locale__language_code="en").count() == 14

    # Portraits have focal points.
    karl = ExpertPage.objects.get(slug="karl-kaltenthaler", locale__language_code="en")
    assert karl.photo.focal_point_x is not None
    assert karl.photo.focal_point_y < karl.photo.height / 2

    # Queue states: one translation in progress (a draft Arabic page), one out of date.
    in_progress = BriefPage.objects.get(
        slug="iraqs-balancing-act-five-years-after-strategic-dialogue", locale__language_code="en"
    )
    total, done = _translation_of(in_progress, arabic).get_progress()
    assert 0 < done < total
    # A draft Arabic page, as the admin's Submit leaves it; never live.
    draft = BriefPage.objects.get(translation_key=in_progress.translation_key, locale=arabic)
    assert not draft.live
    assert draft.get_url().startswith("/ar/policy-analysis/")
    assert client.get(draft.get_url()).status_code == 404
    outdated = BriefPage.objects.get(
        slug="red-sea-shipping-attacks-limits-deterrence", locale__language_code="en"
    )
    outdated_ar = BriefPage.objects.get(translation_key=outdated.translation_key, locale=arabic)
    assert outdated_ar.live
    total, done = _translation_of(outdated, arabic).get_progress()
    assert done < total
    assert outdated.latest_revision.created_at > outdated_ar.last_published_at

    # The translation queue shows every status, and the complete editions as published.
    statuses = {row.page.pk: row.status for row in queue_rows()}
    assert statuses[seed.pk] == TranslationStatus.PUBLISHED
    assert statuses[karl.pk] == TranslationStatus.PUBLISHED
    assert statuses[in_progress.pk] == TranslationStatus.IN_PROGRESS
    assert statuses[outdated.pk] == TranslationStatus.OUT_OF_DATE
    assert TranslationStatus.NOT_STARTED in statuses.values()
    # Only the brief edited on purpose is out of date: the home and index pages, whose English
    # the loader publishes before translating them, are published (not "Out of date").
    out_of_date = [pk for pk, status in statuses.items() if status == TranslationStatus.OUT_OF_DATE]
    assert out_of_date == [outdated.pk]
    assert not any(row.needs_sync for row in queue_rows())

    # The demo podcast: six episodes with generated audio, two of them and the show in Arabic,
    # and a video item.
    feed = feedparser.parse(client.get("/policycast/feed/").content)
    assert len(feed.entries) == 6
    assert {entry.enclosures[0].type for entry in feed.entries} == {"audio/wav"}
    assert len(feedparser.parse(client.get("/ar/policycast/feed/").content).entries) == 2
    assert VideoPage.objects.filter(live=True, locale__language_code="en").count() == 1

    before = counts()
    load(site_url="http://127.0.0.1:8000")  # what `make run` passes
    assert counts() == before
    # Absolute URLs built from the Site (API media, full page URLs) name where make run serves.
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"
    assert seed.get_full_url() == f"http://127.0.0.1:8000{SEED}"
