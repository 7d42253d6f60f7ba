"""The writers' shared state: locales, vocabularies, images, links and page saving."""

import re
import uuid
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Site
from wagtail.utils.file import hash_filelike

from core.localization import default_locale, language_code_for
from experts.models import ExpertIndexPage, ExpertPage
from policyanalysis.models import AnalysisIndexPage, BriefPage, Outlet

from ..html.footnotes import split_endnotes
from ..html.to_blocks import Converter, html_to_rich_text
from ..models import ImportedRecord
from ..publishing import Children, create_published
from ..records import BRIEF_KINDS, DEFAULT_LOCALE, KINDS, RecordError
from ..translation import TranslationOptions
from ..validation import VOCABULARY_MODELS, body_html, image_path, normalise_name, pdf_path

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


class BaseWriter:
    """The state of one import run and the lookups every record kind shares."""

    def __init__(self, base_dir, report, publish=True, user=None, translation_options=None):
        self.base_dir = Path(base_dir)
        self.report = report
        self.publish = publish
        self.user = user
        self.translation_options = translation_options or (lambda record: TranslationOptions())
        self.home, self.experts_index, self.analysis_index = site_sections()
        self.default_locale = default_locale()
        self._locales = {}
        self._terms = {}
        self._page_ids = {kind: {} for kind in KINDS if kind != "term"}
        self._experts_by_name = {}
        self._images = {}
        #: Images of the archive that this run's pages use (see Importer._write).
        self.reused_images = set()
        self._links = {}
        #: {(language code, section, slug): page id} of the pages links can name (``_targets``),
        #: and the key of each of those pages.
        self._link_targets = None
        self._target_keys = {}
        #: {record key: (revision id, whether it is live, whether a body link was not
        #: resolved)} of the new briefs whose references wait for ``fix_references``.
        self._deferred = {}
        #: [(page id, revision id, whether it is live, {field: value})] that
        #: ``fix_references`` resolved and ``write_fixed_references`` has not written yet.
        self._fixed_references = []
        #: {name: taggit Tag} of the tags this run used (``tags_for``).
        self._tags = {}
        self._records = {}
        #: Source ids whose ImportedRecords (of any kind and locale) ``preload`` read.
        self._preloaded = set()
        #: {parent page id: Children} for the transaction in progress (``children``).
        self._children = {}
        self.unresolved_links = False

    # --- bookkeeping -------------------------------------------------------------------
    def preload(self, keys, batch_size=500):
        """Read what earlier imports recorded for ``keys`` ((kind, source id, locale)) in
        one query per ``batch_size`` ids, so that looking a record up costs no query (nor
        does looking up another kind or locale of a preloaded id: what this run writes is
        remembered, so what was not read does not exist)."""
        keys = [key for key in dict.fromkeys(keys) if key not in self._records]
        for start in range(0, len(keys), batch_size):
            batch = keys[start : start + batch_size]
            source_ids = {source_id for _kind, source_id, _locale in batch}
            found = {
                (row.kind, row.source_id, row.locale): row
                for row in ImportedRecord.objects.filter(source_id__in=source_ids)
            }
            for key in batch:
                self._records[key] = found.get(key)
            for key, row in found.items():
                self._records.setdefault(key, row)
            self._preloaded |= source_ids

    def imported(self, kind, source_id, locale):
        """The ImportedRecord of a record, or None when no import has written it yet."""
        key = (kind, source_id, locale)
        if key not in self._records and source_id in self._preloaded:
            self._records[key] = None
        elif key not in self._records:
            self._records[key] = ImportedRecord.objects.filter(
                kind=kind, source_id=source_id, locale=locale
            ).first()
        return self._records[key]

    def forget(self, key):
        """Drop what is known of record ``key`` (its write was rolled back)."""
        self._children.clear()  # it may have added a child, now rolled back
        self._link_targets = None  # or a page links could name
        self._tags.clear()  # or a tag
        self._deferred.pop(key, None)
        self._records.pop(key, None)
        kind, source_id, _locale = key
        self._preloaded.discard(source_id)  # the record may exist (an update rolled back)
        self._page_ids.get(kind, {}).pop(source_id, None)

    def remember(self, existing, entry, obj, checksum):
        if existing is None:
            self._records[entry.key] = ImportedRecord.objects.create(
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
        self._note_link_target(obj)
        if entry.kind in self._page_ids and not entry.translation_of:
            self._page_ids[entry.kind][entry.id] = obj.pk

    def find_page(self, model, existing, parent, slug):
        """The ``model`` page a record updates: the one an earlier import made from it
        (``existing``), else the child of ``parent`` with ``slug`` (made in the admin, or by
        an older loader, and adopted), else None (a new page)."""
        page = None
        if existing is not None:
            page = model.objects.filter(pk=existing.object_id).first()
        if page is None and slug and slug in self.children(parent).slugs:
            page = model.objects.child_of(parent).filter(slug=slug).first()
        return page

    def children(self, parent):
        """What this transaction knows of ``parent``'s children (``publishing.Children``):
        read, with the parent's row locked, on first use; forgotten when the transaction
        commits or a record's write is rolled back."""
        found = self._children.get(parent.pk)
        if found is None:
            found = self._children[parent.pk] = Children(parent)
            transaction.on_commit(self._children.clear)
        return found

    def available_slug(self, parent, slug, page=None):
        """``wagtail.coreutils.find_available_slug``: ``slug``, or ``slug-1``, ``slug-2``…,
        whichever no other child of ``parent`` has; for a new page, without a query."""
        if page is None:
            return self.children(parent).available_slug(slug)
        found = find_available_slug(parent, slug, ignore_page_id=page.pk)
        if parent.pk in self._children:
            self._children[parent.pk].slugs.add(found)
        return found

    def tags_for(self, page, names):
        """The tags called ``names`` for ``page.tags.set``, each found or created as taggit
        does it (``_to_tag_model_instances``) once per run, not once per page."""
        for name in names:
            if name not in self._tags:
                [self._tags[name]] = page.tags._to_tag_model_instances([name], {})
        return [self._tags[name] for name in names]

    def locale(self, code):
        if code not in self._locales:
            self._locales[code] = Locale.objects.get_or_create(language_code=code)[0]
        return self._locales[code]

    def page_id_for(self, kind, source_id):
        """The page (or media item) an earlier line or import made from record
        ``source_id``, or None. An "analysis" reference finds episodes and videos too:
        they are briefs."""
        for candidate in BRIEF_KINDS if kind == "analysis" else (kind,):
            cache = self._page_ids[candidate]
            if source_id not in cache:
                record = self.imported(candidate, source_id, DEFAULT_LOCALE)
                if record is None:
                    continue
                cache[source_id] = record.object_id
            return cache[source_id]
        return None

    def _save_page(self, page, parent, created):
        if created and self.publish:
            # Live from the start, its first revision the live one, its rows written once.
            return create_published(self.children(parent), page, self.user)
        if created:
            page.live = False
            children = self.children(parent)
            parent.add_child(instance=page)
            children.added(page)
        revision = page.save_revision(user=self.user)
        if self.publish:
            revision.publish(user=self.user)
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
            if image is None:  # its renditions are enqueued when it is saved (core.tasks)
                with path.open("rb") as handle:
                    image = model(title=title[:255], file=ImageFile(handle, name=path.name))
                    image.file_hash = digest
                    image.save()
            else:
                self.reused_images.add(image.pk)
            self._images[digest] = image
        return self._images[digest]

    def document(self, name, title):
        """A Wagtail document for the PDF ``name`` (relative to the import file), reusing a
        document with the same content."""
        path = pdf_path(self.base_dir, name)
        with path.open("rb") as handle:
            digest = hash_filelike(handle)
        model = get_document_model()
        document = model.objects.filter(file_hash=digest).first()
        if document is None:
            with path.open("rb") as handle:
                document = model(title=title[:255], file=File(handle, name=path.name))
                document.file_hash = digest
                document.save()
        return document

    def outlet(self, ref):
        """The default-locale outlet called ``ref.name`` (its homepage updated when given),
        created if unknown."""
        outlet = (
            Outlet.objects.filter(locale=self.default_locale, name__iexact=ref.name)
            .order_by("pk")
            .first()
        )
        if outlet is None:
            outlet = Outlet.objects.create(
                name=ref.name, homepage=ref.homepage, locale=self.default_locale
            )
            self.report.new_terms.add(f"outlet {ref.name!r}")
        elif ref.homepage and outlet.homepage != ref.homepage:
            outlet.homepage = ref.homepage
            outlet.save(update_fields=["homepage"])
        return outlet

    def resolve_link(self, href):
        """Page id for a link to a page of this archive (/policy-analysis/<slug>/ or
        /experts/<slug>/, by page slug or record id), else None."""
        match = ARCHIVE_LINK.match(href)
        if not match:
            return None
        key = (match["lang"] or DEFAULT_LOCALE, match["section"], match["slug"])
        if key not in self._links:
            page_id = self._targets().get(key)
            if page_id is None and key[0] == DEFAULT_LOCALE:
                kind = "analysis" if key[1] == "policy-analysis" else "expert"
                page_id = self.page_id_for(kind, key[2])
            if page_id is None:
                self.unresolved_links = True
                return None
            self._links[key] = page_id
        return self._links[key]

    def _targets(self):
        """{(language code, section, slug): id} of every brief (section "policy-analysis")
        and expert page ("experts"), the lowest id where a slug is used twice (what looking
        one up by language and slug finds first): read once per run, at its first archive
        link, then kept up to date by ``_note_link_target`` (one query, not one per link)."""
        if self._link_targets is None:
            targets, self._target_keys = {}, {}
            for model, section in ((BriefPage, "policy-analysis"), (ExpertPage, "experts")):
                rows = model.objects.order_by("-pk").values_list(
                    "pk", "locale__language_code", "slug"
                )
                for pk, language_code, slug in rows:
                    targets[(language_code, section, slug)] = pk
                    self._target_keys[pk] = (language_code, section, slug)
            self._link_targets = targets
        return self._link_targets

    def _note_link_target(self, page):
        """Keep ``_targets`` true after ``page`` was saved: a new page's id is higher than
        any other, so it is found by its slug unless a page had it already; a page whose
        slug changed makes the whole map be read again (no other lowest id is known), and
        the links resolved so far be resolved again."""
        targets = self._link_targets
        if targets is None or not isinstance(page, BriefPage | ExpertPage):
            return
        section = "policy-analysis" if isinstance(page, BriefPage) else "experts"
        key = (language_code_for(page.locale_id), section, page.slug)
        known = self._target_keys.get(page.pk)
        if known is None:
            targets.setdefault(key, page.pk)
            self._target_keys[page.pk] = key
        elif known != key:  # its slug changed (rare): links resolved by the old one too
            self._link_targets = None
            self._links.clear()

    def _resolve_image_src(self, src):
        try:
            return self.image(src, Path(src).stem).pk
        except RecordError:
            return None

    def body_blocks(self, record):
        """The body's blocks; its notes list (footnote conventions) is kept aside in
        ``self.endnotes`` as endnote blocks."""
        converter = Converter(self.resolve_link, self._resolve_image_src)
        html, notes = split_endnotes(body_html(record, "body_html", "body_markdown"))
        self.endnotes = [
            {"type": "note", "value": html_to_rich_text(note, self.resolve_link),
             "id": str(uuid.uuid4())}
            for note in notes
        ]  # fmt: skip
        blocks = converter.convert(html)
        for src in converter.dropped_images:
            self.report.warnings.append(
                f"{record.kind} {record.id!r}: image {src!r} dropped (file not supplied)"
            )
        return blocks

    # --- terms -------------------------------------------------------------------------


def first_sentences(rich_text, limit=600):
    text = re.sub(r"\s+", " ", strip_tags(rich_text.replace("</p>", "</p> "))).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > 0 else cut[: limit - 1] + "…"
