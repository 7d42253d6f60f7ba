"""``manage.py load_demo``: the demo archive, loaded through the bulk importer.

The content is data (home/demo/content.jsonl and content.ar.jsonl, see home/demo/README.md);
this command only adds what the format does not carry: the briefs' hero images and the
experts' portraits (drawn with Pillow, home/demo/images.py), the home and section pages'
titles in both languages, the header and footer links, the site identity (the institute's
name, tagline and footer text in both languages), portrait focal points, and the two
translation-queue states the demo shows ("demo_state": "in_progress" keeps half the strings
and a draft Arabic page, as the admin's Submit leaves it; "out_of_date" edits the English
source after the Arabic page is published). Running it again changes nothing.
"""

import datetime
import sys
import tempfile
import textwrap
import zoneinfo
from pathlib import Path
from urllib.parse import urlsplit

import orjson
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from core.localization import default_locale
from core.models import SiteIdentity
from experts.models import ExpertPage
from home.demo.hubs import load_hubs
from home.demo.images import with_generated_images
from home.demo.podcasts import load_podcasts
from home.demo.series import load_fikra_forum
from importexport.importer import Importer, Progress
from importexport.models import ImportedRecord
from importexport.records import UnreadableFile, iter_lines
from importexport.translation import TranslationOptions, translate
from importexport.writers import events_section, site_sections

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
FILES = ("content.jsonl", "content.ar.jsonl", "events.jsonl")
#: Event times in events.jsonl are written as if the demo were loaded on this day; the
#: loader moves them by whole days to the day it runs (keeping the wall-clock time in each
#: event's zone), so "upcoming" events are upcoming whenever the demo is loaded. Loading
#: twice on one day changes nothing; on a later day the events move with it.
EVENTS_REFERENCE_DATE = datetime.date(2026, 1, 1)
#: PDFs the demo's reports name, generated at load time (never downloaded or committed).
GENERATED_PDFS = {
    "generated/countering-irans-militia-network-iraq.pdf": (
        "Countering Iran's Militia Network in Iraq",
        "Policy Notes 31",
        [
            "Summary",
            "From armed groups to a network",
            "Money and patronage",
            "Messaging",
            "What Baghdad can do",
            "Recommendations for Washington",
        ],
        14,
    ),
}
#: A fixed date inside the PDFs, so the same file (and checksum) is made on every load.
PDF_DATE = datetime.datetime(2025, 2, 10, tzinfo=datetime.UTC).timetuple()


def generate_pdfs(directory):
    """Write the demo reports' PDFs with Pillow (one page per section, title first);
    the same bytes every time, so reloading the demo leaves the reports unchanged."""
    for name, (title, series, sections, pages) in GENERATED_PDFS.items():
        path = Path(directory) / name
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        sheets = []
        for number in range(pages):
            sheet = Image.new("RGB", (595, 842), "white")
            draw = ImageDraw.Draw(sheet)
            if number == 0:
                lines = [series, "", *textwrap.wrap(title, 40)]
            else:
                heading = sections[(number - 1) % len(sections)]
                lines = [heading, "", *textwrap.wrap(f"{title}: {heading}.", 60)]
            for row, line in enumerate(lines):
                draw.text((60, 80 + row * 22), line, fill="black")
            draw.text((280, 800), str(number + 1), fill="gray")
            sheets.append(sheet)
        sheets[0].save(
            path, "PDF", save_all=True, append_images=sheets[1:], title=title,
            author="The Policy Institute", creationDate=PDF_DATE, modDate=PDF_DATE,
        )  # fmt: skip


SITE_PAGES = {
    "home": {
        "en": {
            "title": "The Policy Institute",
            "intro": "<p>Independent analysis of U.S. policy in the Middle East: briefs, "
            "reports and commentary by our scholars and fellows.</p>",
        },
        "ar": {
            # The home page's heading is the institute's name, as in English.
            "title": "معهد السياسات",
            "intro": "<p>تحليلات مستقلة للسياسة الأمريكية في الشرق الأوسط: موجزات وتقارير "
            "وتعليقات يكتبها باحثونا وزملاؤنا.</p>",
        },
    },
    "experts": {
        "en": {
            "title": "Experts",
            "intro": "<p>Our scholars and fellows, with their areas of expertise.</p>",
        },
        "ar": {"title": "الخبراء", "intro": "<p>باحثونا وزملاؤنا ومجالات خبرتهم.</p>"},
    },
    "events": {
        "en": {
            "title": "Events",
            "intro": "<p>Policy forums, webinars and book launches, in Washington, the region "
            "and online.</p>",
        },
        "ar": {
            "title": "الفعاليات",
            "intro": "<p>منتديات سياسات وندوات عبر الإنترنت وإطلاق كتب، في واشنطن والمنطقة "
            "وعبر الإنترنت.</p>",
        },
    },
    "analysis": {
        "en": {
            "title": "Policy Analysis",
            "intro": "<p>Briefs, reports, testimony and podcasts, newest first.</p>",
        },
        "ar": {
            "title": "تحليلات السياسات",
            "intro": "<p>موجزات وتقارير وشهادات وحلقات بودكاست، الأحدث أولاً.</p>",
        },
    },
}
#: The chrome's strings (core.models.SiteIdentity): English, then its Arabic translation.
SITE_IDENTITY = {
    "en": {
        "name": "The Policy Institute",
        "tagline": "Independent analysis of U.S. policy in the Middle East, in English and Arabic.",
        "footer_text": "Views expressed are those of the authors.",
        "contact_email": "info@example.org",
    },
    "ar": {
        "name": "معهد السياسات",
        "tagline": "تحليلات مستقلة للسياسة الأمريكية في الشرق الأوسط، بالعربية والإنجليزية.",
        "footer_text": "الآراء الواردة تعبّر عن أصحابها.",
    },
}
OUT_OF_DATE_NOTE = (
    " This analysis was updated after publication to reflect the latest reported incidents."
)

#: The header's main sections: (slug of a child of the home page, label in each language;
#: None takes the page's title), then "About" (the footer's about text).
SITE_NAVIGATION_PAGES = [
    ("policy-analysis", {"en": None, "ar": None}),
    ("experts", {"en": None, "ar": None}),
    ("events", {"en": None, "ar": None}),
    ("policycast", {"en": "Podcasts", "ar": "البودكاست"}),
]
SITE_ABOUT_LABEL = {"en": "About", "ar": "من نحن"}
#: The footer's links: (key, address in each language, label in each language).
SITE_FOOTER_LINKS = [
    ("about", {"en": "#about", "ar": "#about"}, SITE_ABOUT_LABEL),
    (
        "contact",
        {"en": "mailto:info@example.org", "ar": "mailto:info@example.org"},
        {"en": "Contact us", "ar": "اتصل بنا"},
    ),
    ("search", {"en": "/search/", "ar": "/ar/search/"}, {"en": "Search", "ar": "البحث"}),
    (
        "feed",
        {"en": "/feeds/analysis.rss", "ar": "/ar/feeds/analysis.rss"},
        {"en": "RSS feed", "ar": "خلاصة RSS"},
    ),
]
SITE_SOCIAL_LINKS = [
    ("x", "https://x.com/example"),
    ("linkedin", "https://www.linkedin.com/company/example"),
    ("youtube", "https://www.youtube.com/@example"),
]


def _link(key, page=None, url="", label=None):
    """A raw NavigationLinkBlock value with a stable block id (the same in both languages,
    which is how the Arabic labels are paired with the English ones)."""
    return {"type": "link", "id": key, "value": {"page": page, "url": url, "label": label or ""}}


def demo_translation_options(record):
    """Translation-queue states for the demo, read from the record's ``demo_state``."""
    state = (record.model_extra or {}).get("demo_state")
    if state == "in_progress":
        return TranslationOptions(fraction=0.5, publish=False)
    return TranslationOptions()


def shift_event_dates(source, target, today):
    """Copy the events file ``source`` to ``target`` with every event's start and end moved
    from EVENTS_REFERENCE_DATE to ``today`` (same wall-clock time in the event's zone)."""
    days = datetime.timedelta(days=(today - EVENTS_REFERENCE_DATE).days)
    with target.open("wb") as out:
        for _line_no, _offset, data in iter_lines(source):
            zone = zoneinfo.ZoneInfo(data.get("time_zone") or "America/New_York")
            for name in ("start", "end"):
                if data.get("kind") == "event" and data.get(name):
                    local = datetime.datetime.fromisoformat(data[name]).astimezone(zone)
                    moved = datetime.datetime.combine(local.date() + days, local.time(), zone)
                    data[name] = moved.isoformat()
            out.write(orjson.dumps(data) + b"\n")
    return target


class Command(BaseCommand):
    help = "Load the demo archive (English and Arabic) through import_analysis; idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", default=str(DEMO_DIR), help="folder holding the demo .jsonl files"
        )
        parser.add_argument(
            "--site-url",
            help="where the site is served, e.g. http://127.0.0.1:8000: the default Site's "
            "hostname and port, from which absolute URLs (canonical, hreflang, media) are built",
        )

    def handle(self, *args, **options):
        directory = Path(options["directory"])
        arabic = Locale.objects.get_or_create(language_code="ar")[0]
        progress = Progress(stream=sys.stderr)
        if options["site_url"]:
            self._point_site_at(options["site_url"])
        with transaction.atomic():
            home, experts, analysis = self._site_pages(arabic)
            self._site_identity(arabic)
        workdir = tempfile.TemporaryDirectory()
        generate_pdfs(directory)
        for name in FILES:
            path = directory / name
            self.stdout.write(f"Importing {path.relative_to(directory.parent)} …")
            if name == "events.jsonl":
                path = shift_event_dates(path, Path(workdir.name) / name, timezone.localdate())
            else:
                # Hero images and portraits drawn now (home/demo/images.py).
                path = with_generated_images(directory, name, "ar" if ".ar." in name else "en")
            try:
                report = Importer(
                    path, progress=progress, translation_options=demo_translation_options
                ).run()
            except UnreadableFile as error:
                raise CommandError(f"{path}: {error}") from error
            for line in report.summary_lines():
                if "demo_state" not in line:
                    self.stdout.write(f"  {line}")
            if report.rejections:
                raise CommandError(f"{len(report.rejections)} demo records were rejected.")
        workdir.cleanup()
        self.stdout.write("Generating the demo podcast (audio, captions, artwork) and video …")
        with transaction.atomic():
            media_pages = load_podcasts(home, analysis, arabic)
        self.stdout.write(f"  {media_pages} new podcast, episode and video pages")
        with transaction.atomic():
            contributors = load_fikra_forum()
        self.stdout.write(f"  {contributors} new Fikra Forum contributors")
        with transaction.atomic():
            self._site_navigation(arabic)
        with transaction.atomic():
            hub_pages = load_hubs(home, analysis, arabic)
        self.stdout.write(f"  {hub_pages} new topic hub and program pages")
        portraits = self._portrait_focal_points()
        outdated = self._make_out_of_date(directory / FILES[1], arabic)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {Page.objects.count()} pages; focal points set on {portraits} "
                f"new portraits; {outdated} English source(s) edited for the out-of-date demo."
            )
        )

    def _point_site_at(self, url):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CommandError(f"--site-url needs a URL like http://127.0.0.1:8000, not {url!r}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        site = Site.objects.get(is_default_site=True)
        if (site.hostname, site.port) != (parts.hostname, port):
            site.hostname, site.port = parts.hostname, port
            site.save()
        Site.clear_site_root_paths_cache()

    def _site_pages(self, arabic):
        """Home, /experts/ and /policy-analysis/ in English and (as wagtail-localize
        translations) Arabic, with their titles and introductions."""
        home, experts, analysis = site_sections()
        events = events_section(home)
        for key, page in (
            ("home", home),
            ("experts", experts),
            ("analysis", analysis),
            ("events", events),
        ):
            english = SITE_PAGES[key]["en"]
            if any(getattr(page, name) != value for name, value in english.items()):
                for name, value in english.items():
                    setattr(page, name, value)
                page.save_revision().publish()
                # publish() saves a copy: reload, so the translation source records the new
                # live revision (else the queue shows "Out of date" on a fresh install).
                page.refresh_from_db()
            translate(page, arabic, SITE_PAGES[key]["ar"])
        return home, experts, analysis

    def _site_identity(self, arabic):
        """The default site's identity in English (kept when an editor already wrote one)
        and its Arabic translation."""
        site = Site.objects.get(is_default_site=True)
        english, _created = SiteIdentity.objects.get_or_create(
            site=site, locale=default_locale(), defaults=SITE_IDENTITY["en"]
        )
        translate(english, arabic, SITE_IDENTITY["ar"])

    def _site_navigation(self, arabic):
        """The header's main sections, the footer's links and the social accounts, in
        English (only when the identity names none yet: an editor's choice is kept) and in
        Arabic (labels translated; the header links each page's Arabic edition)."""
        english = SiteIdentity.objects.get(
            site=Site.objects.get(is_default_site=True), locale=default_locale()
        )
        if english.navigation.raw_data or english.footer_links.raw_data:
            return
        home = english.site.root_page
        sections = {
            page.slug: page.pk
            for page in Page.objects.child_of(home).filter(
                slug__in=[slug for slug, _label in SITE_NAVIGATION_PAGES]
            )
        }
        values = {"en": {}, "ar": {}}
        for language in ("en", "ar"):
            values[language]["navigation"] = [
                _link(f"nav-{slug}", page=sections.get(slug), label=label[language])
                for slug, label in SITE_NAVIGATION_PAGES
                if sections.get(slug)
            ] + [_link("nav-about", url="#about", label=SITE_ABOUT_LABEL[language])]
            values[language]["footer_links"] = [
                _link(f"footer-{key}", url=url[language], label=label[language])
                for key, url, label in SITE_FOOTER_LINKS
            ]
        english.navigation = values["en"]["navigation"]
        english.footer_links = values["en"]["footer_links"]
        english.social_links = [
            {"type": "social", "id": f"social-{network}", "value": {"network": network, "url": url}}
            for network, url in SITE_SOCIAL_LINKS
        ]
        english.save()
        translate(english, arabic, SITE_IDENTITY["ar"] | values["ar"])

    def _portrait_focal_points(self):
        """Centre-top focal points, so crops keep the face (portraits without one only)."""
        count = 0
        for expert in ExpertPage.objects.filter(
            photo__isnull=False, photo__focal_point_x__isnull=True
        ).select_related("photo"):
            image = expert.photo
            image.focal_point_x = image.width // 2
            image.focal_point_y = image.height * 3 // 8
            image.focal_point_width = image.width // 2
            image.focal_point_height = image.height // 2
            image.save(
                update_fields=[
                    "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"
                ]
            )  # fmt: skip
            count += 1
        return count

    def _make_out_of_date(self, path, arabic):
        """Edit the English source of each "out_of_date" record after its Arabic page was
        published, and sync the TranslationSource, so new strings lack translations."""
        edited = 0
        for _line_no, _offset, data in iter_lines(path):
            if data.get("demo_state") != "out_of_date":
                continue
            record = ImportedRecord.objects.get(
                kind=data["kind"], source_id=data["translation_of"], locale="en"
            )
            page = record.content_type.get_object_for_this_type(pk=record.object_id)
            source = TranslationSource.objects.get(
                object_id=page.translation_key, locale_id=page.locale_id
            )
            translation = Translation.objects.get(source=source, target_locale=arabic)
            total, done = translation.get_progress()
            if done < total:
                continue  # already out of date (an earlier run made the edit)
            with transaction.atomic():
                body = list(page.body.raw_data)
                for block in body:
                    if block["type"] == "paragraph":
                        block["value"] = block["value"].replace(
                            "</p>", OUT_OF_DATE_NOTE + "</p>", 1
                        )
                        break
                page.body = body
                page.save_revision().publish()
                source.update_from_db()
            edited += 1
        return edited
