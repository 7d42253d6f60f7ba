"""Writing the archive back out in the interchange format.

Order (documented in docs/import-format.md): terms (types, regions, issues, event types;
by slug), experts (by id), media (the audio and video the exported pages play; by id),
podcast shows (by id), analysis (by date, then id; each report followed by its live
chapters in the report's order), episodes and videos (each by date, then id), events (by
start, then id), topic hubs (by slug), programs (by id), then for each other locale in
``LANGUAGES`` order the translations of terms, experts, shows, analysis (each followed by
its chapters' translations), episodes, videos, events, topics and programs in the same
order.
Records keep the id they were imported with; objects that were not imported get their
slug as id. Image files are copied into ``media/`` beside the file, named by content, so
exporting, importing into an empty database and exporting again gives identical output.
"""

import hashlib
import shutil
from pathlib import Path

import orjson
from django.conf import settings
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from core.localization import language_code_for, list_separator
from core.models import Issue, PublicationType, Region
from events.models import EventPage, EventType
from experts.models import ExpertLink, ExpertPage
from podcasts.models import EpisodePage, MediaItem, PodcastShowPage, VideoPage
from policyanalysis.models import BriefPage, ChapterPage, ProgramPage, Series, TopicPage

from .html.footnotes import endnotes_html
from .html.from_blocks import blocks_to_html, rich_text_to_html
from .models import ImportedRecord
from .records import DEFAULT_LOCALE
from .writers import content_type_id

VOCABULARIES = (
    ("type", PublicationType),
    ("region", Region),
    ("issue", Issue),
    ("event_type", EventType),
    ("series", Series),
)
LINK_LABELS = dict(ExpertLink.KIND_CHOICES) | {
    "email": "Email", "website": "Website", "x": "X", "linkedin": "LinkedIn",
    "bluesky": "Bluesky", "other": "Link",
}  # fmt: skip
MEDIA_DIR = "media"


class Exporter:
    """Exports terms, experts, analysis and translations to one JSON Lines file."""

    def __init__(self, path, locales=None, since=None, progress=None):
        self.path = Path(path)
        self.since = since
        codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        wanted = set(locales or codes)
        self.translation_locales = [c for c in codes if c != DEFAULT_LOCALE and c in wanted]
        self.progress = progress
        self.counts = {}
        self._ids = {}
        self._paths = None

    def run(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".part")
        with tmp.open("wb") as out:
            self._out = out
            default = Locale.objects.get(language_code=DEFAULT_LOCALE)
            terms = self._terms(default)
            experts = list(self._pages(ExpertPage, default, "expert"))
            # Episodes and videos are briefs too: each is exported once, as its own kind.
            briefs = self._pages(BriefPage, default, "analysis").exact_type(BriefPage)
            briefs = self._by_date(briefs, "analysis")
            episodes = self._by_date(self._pages(EpisodePage, default, "episode"), "episode")
            videos = self._by_date(self._pages(VideoPage, default, "video"), "video")
            experts.sort(key=lambda p: self._id(p, "expert"))
            shows = list(self._pages(PodcastShowPage, default, "podcast_show"))
            shows.sort(key=lambda p: self._id(p, "podcast_show"))
            events = list(self._pages(EventPage, default, "event"))
            events.sort(
                key=lambda p: (p.start.isoformat() if p.start else "", self._id(p, "event"))
            )
            topics = list(self._pages(TopicPage, default, "topic").order_by("slug"))
            programs = list(self._pages(ProgramPage, default, "program"))
            programs.sort(key=lambda p: self._id(p, "program"))
            media_ids = {page.audio_id for page in episodes} | {page.video_id for page in videos}
            media_ids |= {page.recording_id for page in events}
            media = list(MediaItem.objects.filter(pk__in=media_ids - {None}))
            media.sort(key=lambda item: self._media_id(item))
            for kind, _model, term in terms:
                self._write(self._term_record(kind, term))
            for page in experts:
                self._write(self._expert_record(page))
            for item in media:
                self._write(self._media_record(item))
            for page in shows:
                self._write(self._show_record(page))
            for page in briefs:
                self._write(self._analysis_record(page))
                for order, chapter in enumerate(self._chapters(page), start=1):
                    self._write(self._chapter_record(chapter, page, order))
            for page in episodes:
                self._write(self._episode_record(page))
            for page in videos:
                self._write(self._video_record(page))
            for page in events:
                self._write(self._event_record(page))
            for page in topics:
                self._write(self._topic_record(page))
            for page in programs:
                self._write(self._program_record(page))
            for code in self.translation_locales:
                locale = Locale.objects.filter(language_code=code).first()
                if locale is None:
                    continue
                self._translations(
                    locale, terms, experts, shows, briefs, episodes, videos, events, topics,
                    programs,
                )  # fmt: skip
        tmp.replace(self.path)
        return self.counts

    # --- helpers -----------------------------------------------------------------------
    def _write(self, record):
        self._out.write(orjson.dumps(record) + b"\n")
        label = (
            record["kind"]
            if record["locale"] == DEFAULT_LOCALE
            else (f"{record['kind']} ({record['locale']})")
        )
        self.counts[label] = self.counts.get(label, 0) + 1
        if self.progress:
            self.progress.advance()

    def _id(self, obj, kind, fallback=None, model=None):
        """The id the object was imported with, else ``fallback`` (default: its slug)."""
        model = model or type(obj)
        if (kind, model) not in self._ids:
            self._ids[(kind, model)] = dict(
                ImportedRecord.objects.filter(
                    kind=kind, locale=DEFAULT_LOCALE, content_type_id=content_type_id(model)
                ).values_list("object_id", "source_id")
            )
        return self._ids[(kind, model)].get(obj.pk, fallback or obj.slug)

    def _terms(self, locale):
        terms = []
        for kind, model in VOCABULARIES:
            for term in model.objects.filter(locale=locale).order_by("slug"):
                terms.append((kind, model, term))
        # Ids are unique per kind: a slug used by two vocabularies gets a prefix.
        slugs = [term.slug for _kind, _model, term in terms]
        self._term_ids = {
            (model, term.pk): self._id(
                term, "term", term.slug if slugs.count(term.slug) == 1 else f"{kind}-{term.slug}"
            )
            for kind, model, term in terms
        }
        return terms

    def _pages(self, model, locale, kind):
        queryset = model.objects.live().filter(locale=locale)
        if self.since:
            queryset = queryset.filter(last_published_at__date__gte=self.since)
        return queryset

    def _by_date(self, pages, kind):
        return sorted(
            pages, key=lambda p: (p.date.isoformat() if p.date else "", self._id(p, kind))
        )

    def _brief_id(self, target):
        """The record id of a brief, whichever kind (analysis, episode, video) it was."""
        model = target.specific_class
        kind = {EpisodePage: "episode", VideoPage: "video"}.get(model, "analysis")
        return self._id(target, kind, model=model)

    def _media_id(self, item):
        return self._id(item, "media", f"media-{item.pk}")

    def _live_brief_ids(self, stream):
        """Record ids of the live briefs a Recommended (or related) stream picks."""
        picked = []
        for block in stream.raw_data:
            for item in (block.get("value") or {}).get("items") or []:
                pk = item.get("value") if isinstance(item, dict) else item
                target = BriefPage.objects.filter(pk=pk).live().first()
                if target is not None:
                    picked.append(self._brief_id(target))
        return picked

    def page_path(self, page_id):
        """Public path of a page (``/policy-analysis/slug/``, ``/ar/experts/slug/``)."""
        if self._paths is None:
            self._paths = {
                pk: (url_path, code)
                for pk, url_path, code in Page.objects.filter(depth__gte=2).values_list(
                    "pk", "url_path", "locale__language_code"
                )
            }
        if page_id not in self._paths:
            return None
        url_path, code = self._paths[page_id]
        parts = url_path.strip("/").split("/")[1:]
        prefix = "" if code == DEFAULT_LOCALE else f"/{code}"
        return f"{prefix}/{'/'.join(parts)}/" if parts else f"{prefix}/"

    def image_file(self, image):
        """Copy an image into media/ (named by content) and return its relative path."""
        if image is None:
            return None
        return self._media_copy(image.file_hash or image.get_file_hash(), image)

    def document_file(self, document):
        """Copy a document (a report's PDF) into media/ and return its relative path."""
        if document is None:
            return None
        return self._media_copy(document.get_file_hash(), document)

    def _media_copy(self, digest, obj):
        name = f"{MEDIA_DIR}/{digest[:20]}{Path(obj.file.name).suffix.lower()}"
        target = self.path.parent / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            with obj.open_file() as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
        return name

    def field_file(self, field_file):
        """Copy a media item's file (or captions) into media/, named by content."""
        if not field_file:
            return None
        digest = hashlib.sha256()
        with field_file.open("rb") as source:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                digest.update(chunk)
        name = f"{MEDIA_DIR}/{digest.hexdigest()[:20]}{Path(field_file.name).suffix.lower()}"
        target = self.path.parent / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            with field_file.open("rb") as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
        return name

    def _image_src(self, image_id):
        image = get_image_model().objects.filter(pk=image_id).first()
        return self.image_file(image)

    def _body(self, page):
        endnotes = getattr(page, "endnotes", None)  # analysis items have them; events do not
        notes = [rich_text_to_html(item.get("value"), self.page_path)
                 for item in (endnotes.raw_data if endnotes is not None else [])]  # fmt: skip
        body = blocks_to_html(list(page.body.raw_data), self.page_path, self._image_src)
        return body + endnotes_html(notes)

    @staticmethod
    def _compact(record):
        return {k: v for k, v in record.items() if v not in ("", None, [])}

    # --- records -----------------------------------------------------------------------
    @staticmethod
    def _record_head(kind, source_id, obj, translation):
        """The fields every record starts with: kind, id, locale, and for a translation the
        id of its source record (the locale from the process-wide cache: no query)."""
        record = {"kind": kind, "id": source_id, "locale": language_code_for(obj.locale_id)}
        if translation is not None:
            record["translation_of"] = source_id
        return record

    def _term_record(self, kind, term, translation=None):
        obj = translation or term
        source_id = self._term_ids[(type(term), term.pk)]
        record = self._record_head("term", source_id, obj, translation)
        record.update(vocabulary=kind, name=obj.name, slug=term.slug, description=obj.description)
        return self._compact(record)

    def _expert_record(self, page, translation=None):
        obj = translation or page
        source_id = self._id(page, "expert")
        record = self._record_head("expert", source_id, obj, translation)
        record.update(
            name=obj.title,
            slug=obj.slug,
            position=obj.position,
            short_bio=obj.short_bio,
            bio_html=rich_text_to_html(obj.bio, self.page_path),
            languages=[
                lang.strip()
                for lang in obj.languages.split(
                    list_separator(language_code_for(obj.locale_id)).strip()
                )
                if lang.strip()
            ],
        )
        if translation is None:
            record.update(
                photo=self.image_file(page.photo),
                expertise=[t.name for t in page.expertise_regions.all()]
                + [t.name for t in page.expertise_issues.all()],
                links=[
                    {"label": link.label or LINK_LABELS.get(link.kind, "Link"), "url": link.url}
                    for link in page.links.all()
                ],
            )
        return self._compact(record)

    def _analysis_record(self, page, translation=None, kind="analysis"):
        obj = translation or page
        source_id = self._id(page, kind)
        record = self._record_head(kind, source_id, obj, translation)
        record.update(title=obj.title, slug=obj.slug, subtitle=obj.subtitle, summary=obj.summary)
        if translation is None:
            authors = []
            for row in page.authors.select_related("expert").order_by("sort_order", "pk"):
                expert = row.expert
                authors.append(
                    self._id(expert, "expert") if expert.live else {"name": expert.title}
                )
            picked = self._live_brief_ids(page.recommended)
            record.update(
                type=page.publication_type.name if page.publication_type else None,
                date=page.date.isoformat() if page.date else None,
                doi=page.doi,
                authors=authors,
                regions=[t.name for t in page.regions.all()],
                issues=[t.name for t in page.issues.all()],
                tags=sorted(tag.name for tag in page.tags.all()),
                recommended=picked,
                image=self.image_file(page.hero_image),
                series=[s.name for s in page.series.order_by("sort_order", "name")],
                series_number=page.series_number,
                page_count=page.page_count,
                pdf=self.document_file(page.pdf),
                outlet=(
                    self._compact({"name": page.outlet.name, "homepage": page.outlet.homepage})
                    if page.outlet
                    else None
                ),
                external_url=page.external_url,
                hearing_date=page.hearing_date.isoformat() if page.hearing_date else None,
                hearing_video_url=page.hearing_video_url,
            )
        record.update(
            byline=obj.byline,
            body_html=self._body(obj),
            image_alt=obj.hero_alt,
            image_caption=obj.hero_caption,
            image_credit=obj.hero_credit,
            committee=obj.committee,
            chamber=obj.chamber,
            hearing_title=obj.hearing_title,
        )
        return self._compact(record)

    def _event_record(self, page, translation=None):
        obj = translation or page
        source_id = self._id(page, "event")
        record = self._record_head("event", source_id, obj, translation)
        record.update(title=obj.title, slug=obj.slug, summary=obj.summary)
        if translation is None:
            speakers = []
            for row in page.speakers.select_related("expert").order_by("sort_order", "pk"):
                if row.expert_id and row.expert.live:
                    speaker = {"expert": self._id(row.expert, "expert")}
                else:
                    speaker = {"name": row.expert.title if row.expert_id else row.name}
                    if row.affiliation:
                        speaker["affiliation"] = row.affiliation
                if row.role != "speaker":
                    speaker["role"] = row.role
                speakers.append(speaker)
            related = self._live_brief_ids(page.related)
            record.update(
                type=page.event_type.name if page.event_type else None,
                # In the event's own zone: the wall-clock time an editor would type.
                start=page.local_start.isoformat() if page.start else None,
                end=page.local_end.isoformat() if page.end else None,
                time_zone=page.time_zone,
                online_url=page.online_url,
                join_link_lead_minutes=page.join_link_lead_minutes,
                registration_url=page.registration_url,
                registration_closed=page.registration_closed or None,
                cancelled=page.cancelled or None,
                recording_url=page.recording_url,
                recording=self._media_id(page.recording) if page.recording_id else None,
                speakers=speakers,
                regions=[t.name for t in page.regions.all()],
                issues=[t.name for t in page.issues.all()],
                related=related,
            )
        record.update(
            venue=obj.venue,
            address=obj.address,
            body_html=self._body(obj),
            report_html=rich_text_to_html(obj.report, self.page_path),
        )
        return self._compact(record)

    # --- chapters ----------------------------------------------------------------------
    @staticmethod
    def _chapters(report):
        """The live chapters of ``report`` in the report's order (the page tree's)."""
        return list(ChapterPage.objects.child_of(report).live().order_by("path"))

    def _chapter_id(self, chapter, report):
        # Chapter slugs are unique per report only: a chapter made in the admin gets its
        # report's id in front of its slug.
        return self._id(chapter, "chapter", f"{self._id(report, 'analysis')}/{chapter.slug}")

    def _chapter_record(self, chapter, report, order, translation=None):
        obj = translation or chapter
        source_id = self._chapter_id(chapter, report)
        record = self._record_head("chapter", source_id, obj, translation)
        if translation is None:
            record.update(report=self._id(report, "analysis"), order=order)
        record.update(title=obj.title, slug=obj.slug, body_html=self._body(obj))
        return self._compact(record)

    def _chapter_translations(self, report, translated_report):
        """The live editions, under ``translated_report``, of the report's exported
        chapters, in the source's order."""
        editions = {
            chapter.translation_key: chapter for chapter in self._chapters(translated_report)
        }
        for order, chapter in enumerate(self._chapters(report), start=1):
            edition = editions.get(chapter.translation_key)
            if edition is not None:
                self._write(self._chapter_record(chapter, report, order, edition))

    # --- topic hubs and programs ----------------------------------------------------------
    def _featured_ids(self, stream):
        """Record ids of the live briefs a ``featured`` stream picks, in order."""
        ids = [block.get("value") for block in stream.raw_data]
        live = {page.pk: page for page in BriefPage.objects.filter(pk__in=ids).live()}
        return [self._brief_id(live[pk]) for pk in ids if pk in live]

    def _topic_record(self, page, translation=None):
        obj = translation or page
        source_id = self._id(page, "topic")
        record = self._record_head("topic", source_id, obj, translation)
        record["title"] = obj.title
        if translation is None:
            record.update(
                region=page.region.name if page.region_id else None,
                issue=page.issue.name if page.issue_id else None,
                featured=self._featured_ids(page.featured),
            )
        record["intro_html"] = rich_text_to_html(obj.intro, self.page_path)
        return self._compact(record)

    def _program_record(self, page, translation=None):
        obj = translation or page
        source_id = self._id(page, "program")
        record = self._record_head("program", source_id, obj, translation)
        record.update(title=obj.title, slug=obj.slug)
        if translation is None:
            director = page.director
            fellows = page.fellows.select_related("expert").order_by("sort_order", "pk")
            record.update(
                director=self._id(director, "expert") if director and director.live else None,
                fellows=[self._id(row.expert, "expert") for row in fellows if row.expert.live],
                featured=self._featured_ids(page.featured),
                series=[s.name for s in page.series.order_by("sort_order", "name")],
                keywords=sorted(tag.name for tag in page.keywords.all()),
            )
        record["description_html"] = rich_text_to_html(obj.description, self.page_path)
        return self._compact(record)

    # --- podcasts ----------------------------------------------------------------------
    def _media_record(self, item):
        record = {
            "kind": "media",
            "id": self._media_id(item),
            "locale": DEFAULT_LOCALE,
            "title": item.title,
            "media_type": item.type,
        }
        if item.file:
            record["file"] = self.field_file(item.file)  # MIME type, size, duration: from it
        else:
            record.update(
                url=item.external_url,
                mime_type=item.mime_type,
                file_size=item.file_size,
                duration=item.duration or None,
            )
        record.update(
            width=item.width,
            height=item.height,
            poster=self.image_file(item.poster),
            captions=self.field_file(item.captions),
            captions_language=(
                item.captions_language if item.captions_language != DEFAULT_LOCALE else None
            ),
        )
        return self._compact(record)

    def _show_record(self, page, translation=None):
        obj = translation or page
        source_id = self._id(page, "podcast_show")
        record = self._record_head("podcast_show", source_id, obj, translation)
        record.update(
            title=obj.title, slug=obj.slug, description=obj.description, author=obj.author,
            copyright=obj.copyright,
        )  # fmt: skip
        if translation is None:
            record.update(
                artwork=self.image_file(page.artwork),
                owner_name=page.owner_name,
                owner_email=page.owner_email,
                category=page.category,
                explicit=page.explicit or None,
                show_type=page.show_type,
                feed_locked=page.feed_locked,
            )
        return self._compact(record)

    def _people(self, rows, default_role):
        people = []
        for row in rows.select_related("expert").order_by("sort_order", "pk"):
            if row.expert_id and row.expert.live:
                person = {"expert": self._id(row.expert, "expert")}
            else:
                person = {"name": row.expert.title if row.expert_id else row.name}
            if row.affiliation:
                person["affiliation"] = row.affiliation
            if row.role != default_role:
                person["role"] = row.role
            people.append(person)
        return people

    def _episode_record(self, page, translation=None):
        record = self._analysis_record(page, translation, kind="episode")
        obj = translation or page
        if translation is None:
            show = PodcastShowPage.objects.filter(pk=page.show_id).first()
            record.update(
                show=self._id(show, "podcast_show") if show is not None else None,
                audio=self._media_id(page.audio) if page.audio_id else None,
                season=page.season,
                episode_number=page.episode_number,
                episode_type=page.episode_type,
                explicit=page.explicit or None,
                guests=self._people(page.guests, "guest"),
            )
        record["transcript_html"] = rich_text_to_html(obj.transcript, self.page_path)
        return self._compact(record)

    def _video_record(self, page, translation=None):
        record = self._analysis_record(page, translation, kind="video")
        obj = translation or page
        if translation is None:
            record.update(
                video=self._media_id(page.video) if page.video_id else None,
                speakers=self._people(page.speakers, "speaker"),
            )
        record["transcript_html"] = rich_text_to_html(obj.transcript, self.page_path)
        return self._compact(record)

    def _translations(
        self, locale, terms, experts, shows, briefs, episodes, videos, events, topics, programs
    ):
        for kind, model, term in terms:
            translated = model.objects.filter(
                translation_key=term.translation_key, locale=locale
            ).first()
            if translated is not None:
                self._write(self._term_record(kind, term, translated))
        for pages, build in (
            (experts, self._expert_record),
            (shows, self._show_record),
            (briefs, self._analysis_record),
            (episodes, self._episode_record),
            (videos, self._video_record),
            (events, self._event_record),
            (topics, self._topic_record),
            (programs, self._program_record),
        ):
            for page in pages:
                translated = (
                    type(page)
                    .objects.live()
                    .filter(translation_key=page.translation_key, locale=locale)
                    .first()
                )
                if translated is not None:
                    self._write(build(page, translated))
                    if build == self._analysis_record:
                        self._chapter_translations(page, translated)
