"""Writing validated records into pages and snippets, one record at a time.

Each ``write_*`` method costs a bounded number of queries whatever the size of the
database: lookups go by indexed keys (source id, slug, exact title) and the small
vocabularies are cached for the run.
"""

import hashlib
import json
import re
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.models import Locale, PageLogEntry, Revision, Site
from wagtail.signals import page_published
from wagtail.utils.file import hash_filelike

from experts.models import ExpertIndexPage, ExpertLink, ExpertPage, validate_link_url
from policyanalysis.models import AnalysisIndexPage, BriefAuthor, BriefPage

from .html import Converter, html_to_rich_text
from .models import ImportedRecord
from .records import DEFAULT_LOCALE, RecordError
from .translation import TranslationOptions, translate
from .validation import VOCABULARY_MODELS, body_html, image_path, normalise_name

ARCHIVE_LINK = re.compile(
    r"^/(?:(?P<lang>[a-z]{2}(?:-[a-z]+)?)/)?(?P<section>policy-analysis|experts)/"
    r"(?P<slug>[A-Za-z0-9_-]+)/?(?:[?#].*)?$"
)
LINK_KINDS = {
    "email": "email", "e-mail": "email", "mail": "email", "website": "website", "web": "website",
    "x": "x", "twitter": "x", "linkedin": "linkedin", "bluesky": "bluesky",
}  # fmt: skip


def content_type_id(model):
    return ContentType.objects.get_for_model(model).pk


def site_sections():
    """(home, experts index, analysis index) of the default site, creating the indexes
    (published, under the home page) when they are missing."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    sections = []
    for model, title, slug in (
        (ExpertIndexPage, "Experts", "experts"),
        (AnalysisIndexPage, "Policy Analysis", "policy-analysis"),
    ):
        page = model.objects.child_of(home).first()
        if page is None:
            page = home.add_child(instance=model(title=title, slug=slug))
            page.save_revision().publish()
        sections.append(page)
    return home, *sections


class ArchiveWriter:
    """Creates or updates the objects of one import run."""

    def __init__(self, base_dir, report, publish=True, user=None, translation_options=None):
        self.base_dir = Path(base_dir)
        self.report = report
        self.publish = publish
        self.user = user
        self.translation_options = translation_options or (lambda record: TranslationOptions())
        self.home, self.experts_index, self.analysis_index = site_sections()
        self.default_locale = Locale.get_default()
        self._locales = {}
        self._terms = {}
        self._page_ids = {"expert": {}, "analysis": {}}
        self._experts_by_name = {}
        self._images = {}
        self._links = {}
        self.unresolved_links = False

    # --- bookkeeping -------------------------------------------------------------------
    @staticmethod
    def imported(kind, source_id, locale):
        return ImportedRecord.objects.filter(kind=kind, source_id=source_id, locale=locale).first()

    def remember(self, existing, entry, obj, checksum):
        if existing is None:
            ImportedRecord.objects.create(
                kind=entry.kind,
                source_id=entry.id,
                locale=entry.locale,
                content_type_id=content_type_id(type(obj)),
                object_id=obj.pk,
                checksum=checksum,
            )
        else:
            existing.content_type_id = content_type_id(type(obj))
            existing.object_id = obj.pk
            existing.checksum = checksum
            existing.save()
        if entry.kind in self._page_ids and not entry.translation_of:
            self._page_ids[entry.kind][entry.id] = obj.pk

    def locale(self, code):
        if code not in self._locales:
            self._locales[code] = Locale.objects.get_or_create(language_code=code)[0]
        return self._locales[code]

    def page_id_for(self, kind, source_id):
        """The page an earlier line or import made from record ``source_id``, or None."""
        cache = self._page_ids[kind]
        if source_id not in cache:
            record = self.imported(kind, source_id, DEFAULT_LOCALE)
            if record is None:
                return None
            cache[source_id] = record.object_id
        return cache[source_id]

    def _save_page(self, page, parent, created):
        if created and self.publish:
            return self._create_published(page, parent)
        if created:
            page.live = False
            parent.add_child(instance=page)
        revision = page.save_revision(user=self.user)
        if self.publish:
            revision.publish(user=self.user)
        return page

    def _create_published(self, page, parent):
        """A new page, live from the start with its first revision as the live one.

        Same end state as save_revision().publish(), but the row is written once with its
        content instead of being rebuilt from the revision (the slow part of publishing
        thousands of pages); the log entry and the page_published signal are kept.
        """
        now = timezone.now()
        page.live = True
        page.first_published_at = page.last_published_at = now
        parent.add_child(instance=page)
        revision = page.save_revision(user=self.user, clean=False)
        type(page).objects.filter(pk=page.pk).update(
            live_revision=revision, has_unpublished_changes=False, last_published_at=now
        )
        page.live_revision = revision
        page.has_unpublished_changes = False
        PageLogEntry.objects.log_action(
            instance=page, action="wagtail.publish", user=self.user, revision=revision,
            content_changed=True,
        )  # fmt: skip
        page_published.send(sender=page.specific_class, instance=page, revision=revision)
        return page

    # --- shared lookups ----------------------------------------------------------------
    def term(self, vocabulary, name):
        """The default-locale term called ``name`` (by name or slug), created if unknown."""
        model = VOCABULARY_MODELS[vocabulary]
        terms = self._vocabulary(vocabulary)
        key = normalise_name(name)
        if key not in terms:
            slug = base = slugify(name)[:90] or "term"
            number = 1
            while slug in terms:
                number += 1
                slug = f"{base}-{number}"
            obj = model.objects.create(name=name[:100], slug=slug, locale=self.default_locale)
            terms[key] = terms[slug] = obj
            self.report.new_terms.add(f"{vocabulary} {name!r}")
        return terms[key]

    def _vocabulary(self, vocabulary):
        if vocabulary not in self._terms:
            model = VOCABULARY_MODELS[vocabulary]
            terms = {}
            for obj in model.objects.filter(locale=self.default_locale):
                terms[obj.slug] = obj
                terms.setdefault(normalise_name(obj.name), obj)
            self._terms[vocabulary] = terms
        return self._terms[vocabulary]

    def expertise(self, name):
        for vocabulary in ("region", "issue"):
            found = self._vocabulary(vocabulary).get(normalise_name(name))
            if found is not None:
                return found
        return self.term("issue", name)

    def image(self, name, title):
        """A Wagtail image for the file ``name`` (relative to the import file), reusing an
        image with the same content."""
        path = image_path(self.base_dir, name)
        with path.open("rb") as handle:
            digest = hash_filelike(handle)
        if digest not in self._images:
            model = get_image_model()
            image = model.objects.filter(file_hash=digest).first()
            if image is None:
                with path.open("rb") as handle:
                    image = model(title=title[:255], file=ImageFile(handle, name=path.name))
                    image.file_hash = digest
                    image.save()
            self._images[digest] = image
        return self._images[digest]

    def resolve_link(self, href):
        """Page id for a link to a page of this archive (/policy-analysis/<slug>/ or
        /experts/<slug>/, by page slug or record id), else None."""
        match = ARCHIVE_LINK.match(href)
        if not match:
            return None
        key = (match["lang"] or DEFAULT_LOCALE, match["section"], match["slug"])
        if key not in self._links:
            kind, model = (
                ("analysis", BriefPage) if key[1] == "policy-analysis" else ("expert", ExpertPage)
            )
            page_id = (
                model.objects.filter(locale__language_code=key[0], slug=key[2])
                .values_list("pk", flat=True)
                .first()
            )
            if page_id is None and key[0] == DEFAULT_LOCALE:
                page_id = self.page_id_for(kind, key[2])
            if page_id is None:
                self.unresolved_links = True
                return None
            self._links[key] = page_id
        return self._links[key]

    def _resolve_image_src(self, src):
        try:
            return self.image(src, Path(src).stem).pk
        except RecordError:
            return None

    def body_blocks(self, record):
        converter = Converter(self.resolve_link, self._resolve_image_src)
        blocks = converter.convert(body_html(record, "body_html", "body_markdown"))
        for src in converter.dropped_images:
            self.report.warnings.append(
                f"{record.kind} {record.id!r}: image {src!r} dropped (file not supplied)"
            )
        return blocks

    # --- terms -------------------------------------------------------------------------
    def write_term(self, record, entry, existing):
        model = VOCABULARY_MODELS[record.vocabulary]
        terms = self._vocabulary(record.vocabulary)
        obj = None
        if existing is not None:
            obj = model.objects.filter(pk=existing.object_id).first()
        slug = record.slug or slugify(record.id)[:100] or slugify(record.name)[:100]
        if obj is None:
            obj = terms.get(slug) or terms.get(normalise_name(record.name))
        created = obj is None
        if created:
            obj = model(locale=self.default_locale, slug=slug)
        elif record.slug:
            obj.slug = record.slug
        obj.name = record.name
        obj.description = record.description
        obj.save()
        terms[obj.slug] = obj
        terms[normalise_name(obj.name)] = obj
        self.remember(existing, entry, obj, entry.checksum)
        return "created" if created else "updated"

    # --- experts -----------------------------------------------------------------------
    def write_expert(self, record, entry, existing):
        page = None
        if existing is not None:
            page = ExpertPage.objects.filter(pk=existing.object_id).first()
        slug = record.slug or slugify(record.name)[:255] or "expert"
        if page is None:
            # Adopt a profile at the same address (e.g. one created from an author name).
            page = ExpertPage.objects.child_of(self.experts_index).filter(slug=slug).first()
        created = page is None
        if created:
            page = ExpertPage(slug=find_available_slug(self.experts_index, slug))
        else:
            page = page.specific
            if record.slug and page.slug != record.slug:
                page.slug = find_available_slug(self.experts_index, slug, ignore_page_id=page.pk)
        bio = html_to_rich_text(body_html(record, "bio_html", "bio_markdown"), self.resolve_link)
        page.title = record.name
        page.position = record.position
        page.bio = bio
        page.short_bio = record.short_bio or _first_sentences(bio)
        page.languages = ", ".join(record.languages)[:255]
        page.photo = self.image(record.photo, record.name) if record.photo else None
        page.links = [
            ExpertLink(kind=LINK_KINDS.get(link.label.strip().lower(), "other"),
                       label=link.label, url=_link_url(link))
            for link in record.links
        ]  # fmt: skip
        terms = [self.expertise(name) for name in record.expertise]
        page.expertise_regions = [t for t in terms if t._meta.model_name == "region"]
        page.expertise_issues = [t for t in terms if t._meta.model_name == "issue"]
        self._save_page(page, self.experts_index, created)
        self._experts_by_name[record.name] = page.pk
        self.remember(existing, entry, page, entry.checksum)
        return "created" if created else "updated"

    def expert_by_name(self, name):
        """The default-locale expert titled exactly ``name``, else a new profile."""
        if name not in self._experts_by_name:
            page_id = (
                ExpertPage.objects.filter(locale=self.default_locale, title=name)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            if page_id is None:
                page = ExpertPage(
                    title=name,
                    slug=find_available_slug(self.experts_index, slugify(name) or "expert"),
                    # The profile needs a short bio; editors complete it (the summary
                    # lists the profiles created from names).
                    short_bio=f"{name} is a contributor to {settings.WAGTAIL_SITE_NAME}.",
                )
                self._save_page(page, self.experts_index, created=True)
                page_id = page.pk
                self.report.new_experts.append(name)
            self._experts_by_name[name] = page_id
        return self._experts_by_name[name]

    # --- analysis ----------------------------------------------------------------------
    def write_analysis(self, record, entry, existing):
        """Returns (outcome, deferred): deferred when a recommendation or archive link
        points at a record later in the file (resolved by :meth:`fix_references`)."""
        page = None
        if existing is not None:
            page = BriefPage.objects.filter(pk=existing.object_id).first()
        if page is None and record.slug:
            page = BriefPage.objects.child_of(self.analysis_index).filter(slug=record.slug).first()
        created = page is None
        slug = record.slug or slugify(record.title)[:255] or "analysis"
        if created:
            page = BriefPage(slug=find_available_slug(self.analysis_index, slug))
        elif record.slug and page.slug != record.slug:
            page.slug = find_available_slug(self.analysis_index, slug, ignore_page_id=page.pk)
        page.title = record.title
        page.subtitle = record.subtitle
        page.date = record.date
        page.summary = record.summary
        page.byline = record.byline
        page.publication_type = self.term("type", record.type)
        page.regions = [self.term("region", name) for name in record.regions]
        page.issues = [self.term("issue", name) for name in record.issues]
        page.tags.set(record.tags)
        page.hero_image = self.image(record.image, record.title) if record.image else None
        page.hero_caption = record.image_caption
        page.hero_credit = record.image_credit
        overrides = {} if created else dict(page.authors.values_list("expert_id", "bio_override"))
        expert_ids = []
        for author in record.authors:
            expert_id = (
                self.page_id_for("expert", author)
                if isinstance(author, str)
                else self.expert_by_name(author.name)
            )
            if expert_id not in expert_ids:
                expert_ids.append(expert_id)
        page.authors = [
            BriefAuthor(expert_id=pk, bio_override=overrides.get(pk, ""), sort_order=position)
            for position, pk in enumerate(expert_ids)
        ]
        deferred = self._set_references(page, record)
        self._save_page(page, self.analysis_index, created)
        self.remember(existing, entry, page, entry.checksum)
        return ("created" if created else "updated"), deferred

    def _set_references(self, page, record):
        body, recommended, deferred = self._references(record)
        page.body = body
        page.recommended = recommended
        return deferred

    def _references(self, record):
        """(body blocks, recommended blocks, whether some target is not imported yet)."""
        self.unresolved_links = False
        body = self.body_blocks(record)
        picked = [self.page_id_for("analysis", target) for target in record.recommended]
        items = [pk for pk in picked if pk is not None]
        recommended = (
            [{"type": "recommended", "value": {"heading": "Recommended", "items": items}}]
            if record.recommended
            else []
        )
        return body, recommended, self.unresolved_links or None in picked

    def fix_references(self, record, entry):
        """Second pass for a deferred brief: now that every page exists, resolve its
        recommendations and archive links inside the revision this run already made
        (and in the live row when that revision is live), without a new revision."""
        page_id = self.page_id_for("analysis", entry.id)
        body, recommended, _deferred = self._references(record)
        latest, live, live_revision = BriefPage.objects.filter(pk=page_id).values_list(
            "latest_revision_id", "live", "live_revision_id"
        )[0]
        revision = Revision.objects.get(pk=latest)
        revision.content["body"] = json.dumps(body)
        revision.content["recommended"] = json.dumps(recommended)
        revision.save(update_fields=["content"])
        if live and live_revision == latest:
            BriefPage.objects.filter(pk=page_id).update(body=body, recommended=recommended)

    # --- translations ------------------------------------------------------------------
    def write_translation(self, record, entry, existing):
        source_record = self.imported(entry.kind, entry.translation_of, DEFAULT_LOCALE)
        if source_record is None:
            raise RecordError(
                f"its source {entry.kind} {entry.translation_of!r} was not imported "
                "(see the line rejected above)"
            )
        options = self.translation_options(record)
        checksum = translation_checksum(entry.checksum, source_record.checksum, options)
        if existing is not None and existing.checksum == checksum:
            return "unchanged"
        source = source_record.content_type.get_object_for_this_type(pk=source_record.object_id)
        translation, _changed = translate(
            source, self.locale(record.locale), self._translated_values(record), options, self.user
        )
        self.remember(existing, entry, translation, checksum)
        return "created" if existing is None else "updated"

    def _translated_values(self, record):
        given = record.model_fields_set
        values = {}
        if record.kind == "term":
            values["name"] = record.name
            if "description" in given:
                values["description"] = record.description
            return values
        if record.kind == "expert":
            mapping = {"name": "title", "slug": "slug", "position": "position",
                       "short_bio": "short_bio"}  # fmt: skip
            if given & {"bio_html", "bio_markdown"}:
                values["bio"] = html_to_rich_text(body_html(record, "bio_html", "bio_markdown"))
            if "languages" in given:
                values["languages"] = ", ".join(record.languages)
        else:
            mapping = {"title": "title", "slug": "slug", "subtitle": "subtitle",
                       "summary": "summary", "byline": "byline", "image_caption": "hero_caption",
                       "image_credit": "hero_credit"}  # fmt: skip
            if given & {"body_html", "body_markdown"}:
                values["body"] = self.body_blocks(record)
        for name, field_name in mapping.items():
            if name in given:
                values[field_name] = getattr(record, name)
        return values


def _first_sentences(rich_text, limit=600):
    text = re.sub(r"\s+", " ", strip_tags(rich_text.replace("</p>", "</p> "))).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > 0 else cut[: limit - 1] + "…"


def _link_url(link):
    url = link.url.strip()
    if "@" in url and "://" not in url and not url.startswith("mailto:"):
        url = f"mailto:{url}"
    if url.startswith("mailto:") and "@" not in url:
        raise RecordError(f"link {link.label or url!r}: not an e-mail address")
    try:
        validate_link_url(url)
    except ValidationError as error:
        raise RecordError(f"link {link.label or url!r}: {' '.join(error.messages)}") from None
    return url


def translation_checksum(record_checksum, source_checksum, options):
    """A translation is re-applied when it, its source or the way it is applied changes."""
    parts = (record_checksum, source_checksum, options.fingerprint())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()
