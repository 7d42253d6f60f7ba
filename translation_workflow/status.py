"""The Arabic status of every translatable English page, in a fixed number of queries.

Statuses, in the order a page goes through them:

* not started: no Arabic page managed by wagtail-localize (none at all, or only an alias);
* in progress: submitted, some strings still untranslated (percentage of string segments done);
  also a live Arabic page that was published with untranslated strings (e.g. a converted alias);
* ready: every string translated, the Arabic page not published yet;
* published: the Arabic page is live and reflects the current English source;
* out of date: the Arabic page is live but the English source changed after it was published:
  either the source was synced since (new strings wait for the translator), or the English page
  has a live revision the source was not extracted from (the sync itself is pending).
"""

import datetime
import json
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Locale, Page, TranslatableMixin, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from core.localization import default_locale
from policyanalysis.models import BriefAuthor

from .conf import target_language


class TranslationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    READY = "ready", _("Ready to publish")
    PUBLISHED = "published", _("Published")
    OUT_OF_DATE = "out_of_date", _("Out of date")


#: A run of lowercase Latin letters: a word of English text (acronyms such as "U.S." or "GDP",
#: numbers and names of one letter are not).
LATIN_WORD = r"[a-z]{2,}"
#: The slug is written in Latin letters in every edition: a copy of the English one is fine.
SLUG_PATH = "slug"


def translated_segment(target_locale_id):
    """Exists() for a StringSegment queryset: the segment has a usable translation into the
    locale. Strings wagtail-localize rejected do not count (as in its own progress), nor do
    "translations" that are a verbatim copy of an English string with English words in it
    (a byline or a list of languages left in English): readers would see English text."""
    return Exists(
        StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=target_locale_id,
            has_error=False,
        ).exclude(
            Q(data=OuterRef("string__data"))
            & Q(data__regex=LATIN_WORD)
            & ~Q(context__path=SLUG_PATH)
        )
    )


def translation_progress(translation):
    """(string segments, of which translated) of ``translation``, by translated_segment."""
    counts = StringSegment.objects.filter(source_id=translation.source_id).aggregate(
        total=Count("pk"),
        translated=Count("pk", filter=Q(translated_segment(translation.target_locale_id))),
    )
    return counts["total"], counts["translated"]


def translatable_page_models():
    """Every concrete page type editors create (the tree root's bare Page excluded)."""
    return [model for model in get_page_models() if model is not Page]


def translatable_snippet_models():
    """Every snippet model with language editions (publication types, regions, issues…)."""
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def source_content_changed(snippet, content_json):
    """Whether a translated or synchronized field of ``snippet`` differs from the content its
    TranslationSource recorded (``content_json``): the English term was edited and the source
    was not synced since. Read from the loaded instance, no query (snippets with child
    relations, which would need queries to serialize, are not compared)."""
    if content_json is None or isinstance(snippet, ClusterableModel):
        return False
    recorded = json.loads(content_json)
    current = json.loads(
        json.dumps(get_serializable_data_for_fields(snippet), cls=DjangoJSONEncoder)
    )
    return any(
        recorded.get(name) != current.get(name)
        for name in (field.field_name for field in get_translatable_fields(type(snippet)))
    )


@dataclass
class QueueRow:
    """One English page (or translatable snippet: ``snippet`` set, ``page`` None) and where
    its Arabic edition stands."""

    page: Page | None
    content_type_id: int
    date: datetime.date | None
    authors: list = field(default_factory=list)
    status: str = TranslationStatus.NOT_STARTED
    total_segments: int = 0
    translated_segments: int = 0
    target: dict | None = None
    source_id: int | None = None
    translation_id: int | None = None
    needs_sync: bool = False
    snippet: object = None

    @property
    def obj(self):
        """The English page or snippet."""
        return self.page if self.page is not None else self.snippet

    @property
    def title(self):
        return self.page.title if self.page is not None else str(self.snippet)

    @property
    def sort_pk(self):
        """Ties broken by kind then id: pages first."""
        return (self.page is None, self.obj.pk)

    @property
    def source_edit_url(self):
        """The English page's or snippet's edit view."""
        if self.page is not None:
            return reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        return reverse(self.snippet.snippet_viewset.get_url_name("edit"), args=[self.snippet.pk])

    @property
    def percent(self):
        if not self.total_segments:
            return 100
        return round(100 * self.translated_segments / self.total_segments)

    @property
    def status_label(self):
        return TranslationStatus(self.status).label

    @property
    def page_type(self):
        if self.snippet is not None:
            return type(self.snippet)._meta.verbose_name
        model = self.page.content_type.model_class()
        return model._meta.verbose_name if model else self.page.content_type.model

    @property
    def action(self):
        """(label, url) of the next thing a translator does for this page."""
        if self.status == TranslationStatus.NOT_STARTED:
            if self.snippet is not None:
                meta = type(self.snippet)._meta
                url = reverse(
                    "wagtail_localize:submit_snippet_translation",
                    args=[meta.app_label, meta.model_name, self.snippet.pk],
                )
            else:
                url = reverse("wagtail_localize:submit_page_translation", args=[self.page.pk])
            return _("Translate"), f"{url}?{urlencode({'select_locale': target_language()})}"
        if self.needs_sync:
            return _("Sync"), reverse("wagtail_localize:update_translations", args=[self.source_id])
        if self.snippet is not None:
            edit_url = reverse(
                self.snippet.snippet_viewset.get_url_name("edit"), args=[self.target["id"]]
            )
        else:
            edit_url = reverse("wagtailadmin_pages:edit", args=[self.target["id"]])
        if self.status == TranslationStatus.PUBLISHED:
            return _("Edit translation"), edit_url
        if self.status == TranslationStatus.READY:
            return _("Review and publish"), edit_url
        return _("Open translation editor"), edit_url


def _status(row, target, source, translation):
    if translation is None or target is None or target.get("alias_of_id"):
        return TranslationStatus.NOT_STARTED
    complete = row.translated_segments >= row.total_segments
    if row.snippet is not None:
        # Snippets have no draft: the Arabic term is what readers see as soon as it exists.
        # Like a page, it is out of date when the English one changed since the source was
        # extracted (a sync is pending), or the source was synced after the Arabic term was
        # last saved from it (wagtail-localize logs every save of a target).
        row.needs_sync = source_content_changed(row.snippet, source["snippet_content"])
        saved = source["saved_to_target_at"]
        if row.needs_sync or (saved is not None and source["last_updated_at"] > saved):
            return TranslationStatus.OUT_OF_DATE
        return TranslationStatus.PUBLISHED if complete else TranslationStatus.IN_PROGRESS
    if not target["live"]:
        return TranslationStatus.READY if complete else TranslationStatus.IN_PROGRESS
    # The source records the English live revision it was extracted from; another one means an
    # English publish the sync handler did not see (e.g. content published before it existed).
    recorded = source["recorded_revision"]
    row.needs_sync = row.page.live_revision_id is not None and str(row.page.live_revision_id) != (
        str(recorded) if recorded is not None else None
    )
    arabic_published = target["last_published_at"]
    if row.needs_sync or (arabic_published and source["last_updated_at"] > arabic_published):
        return TranslationStatus.OUT_OF_DATE
    return TranslationStatus.PUBLISHED if complete else TranslationStatus.IN_PROGRESS


def queue_rows(
    page_type=None, expert=None, page_ids=None, target_locale=None, snippets=False, title=""
):
    """Rows for every translatable page of the default locale (7 queries, whatever the count)
    and, with ``snippets``, every translatable snippet (2 more queries per snippet model).

    ``page_type`` narrows to one ContentType id (of a page or snippet model); ``expert`` (an
    ExpertPage of any locale) to the briefs that expert wrote and the expert's own profile
    (no snippets); ``page_ids`` to those pages; ``title`` to titles containing it.
    """
    default = default_locale()
    target_locale = target_locale or Locale.objects.get(language_code=target_language())
    pages = (
        Page.objects.filter(locale=default, depth__gt=1, alias_of__isnull=True)
        .select_related("content_type")
        .annotate(brief_date=F("briefpage__date"))
    )
    if page_type:
        pages = pages.filter(content_type_id=page_type)
    if page_ids is not None:
        pages = pages.filter(pk__in=page_ids)
    if expert is not None:
        pages = pages.filter(
            Q(
                pk__in=BriefAuthor.objects.filter(
                    expert__translation_key=expert.translation_key
                ).values("page_id")
            )
            | Q(translation_key=expert.translation_key)
        )
    if title:
        pages = pages.filter(title__icontains=title)
    pages = list(pages)
    keys = [page.translation_key for page in pages]
    snippet_items = []
    snippet_targets = {}
    if snippets and expert is None and page_ids is None:
        snippet_items, snippet_targets = _snippets(default, target_locale, page_type, title)
        keys += [item.translation_key for item in snippet_items]

    targets = {
        target["translation_key"]: target
        for target in Page.objects.filter(locale=target_locale, translation_key__in=keys).values(
            "id", "translation_key", "live", "last_published_at", "alias_of_id"
        )
    }
    snippet_types = {type(item) for item in snippet_items}
    # A snippet has no revisions: its extracted content tells whether it changed.
    snippet_content = (
        Case(
            When(
                specific_content_type_id__in=[
                    ContentType.objects.get_for_model(model).pk for model in snippet_types
                ],
                then=F("content_json"),
            ),
            default=None,
        )
        if snippet_types
        else Value(None, output_field=models.TextField())
    )
    last_saved = (
        TranslationLog.objects.filter(source_id=OuterRef("pk"), locale_id=target_locale.pk)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    sources = {
        source["object_id"]: source
        for source in TranslationSource.objects.filter(object_id__in=keys, locale=default)
        .annotate(content=Cast("content_json", models.JSONField()))
        .annotate(recorded_revision=KT("content__live_revision"))
        .annotate(
            snippet_content=snippet_content,
            saved_to_target_at=Subquery(last_saved),
        )
        .values(
            "id",
            "object_id",
            "last_updated_at",
            "recorded_revision",
            "snippet_content",
            "saved_to_target_at",
        )
    }
    translations = {
        translation["source_id"]: translation
        for translation in Translation.objects.filter(
            source_id__in=[s["id"] for s in sources.values()],
            target_locale=target_locale,
            enabled=True,
        ).values("id", "source_id")
    }
    progress = {
        item["source_id"]: item
        for item in StringSegment.objects.filter(source_id__in=list(translations))
        .values("source_id")
        .annotate(
            total=Count("pk"),
            translated=Count("pk", filter=Q(translated_segment(target_locale.pk))),
        )
        .order_by()
    }
    authors = {}
    for author in (
        BriefAuthor.objects.filter(page_id__in=[p.pk for p in pages])
        .order_by("page_id", "sort_order", "pk")
        .values("page_id", "expert__title")
    ):
        authors.setdefault(author["page_id"], []).append(author["expert__title"])

    rows = []
    for page in pages:
        row = QueueRow(
            page=page,
            content_type_id=page.content_type_id,
            date=page.brief_date
            or (page.last_published_at.date() if page.last_published_at else None),
            authors=authors.get(page.pk, []),
        )
        source = sources.get(page.translation_key)
        translation = translations.get(source["id"]) if source else None
        target = targets.get(page.translation_key)
        row.target = target
        if source:
            row.source_id = source["id"]
        if translation:
            row.translation_id = translation["id"]
            counts = progress.get(source["id"], {"total": 0, "translated": 0})
            row.total_segments, row.translated_segments = counts["total"], counts["translated"]
        row.status = _status(row, target, source, translation)
        rows.append(row)
    for item in snippet_items:
        row = QueueRow(
            page=None,
            snippet=item,
            content_type_id=ContentType.objects.get_for_model(type(item)).pk,
            date=None,
        )
        source = sources.get(item.translation_key)
        translation = translations.get(source["id"]) if source else None
        row.target = snippet_targets.get((type(item), item.translation_key))
        if source:
            row.source_id = source["id"]
        if translation:
            row.translation_id = translation["id"]
            counts = progress.get(source["id"], {"total": 0, "translated": 0})
            row.total_segments, row.translated_segments = counts["total"], counts["translated"]
        row.status = _status(row, row.target, source, translation)
        rows.append(row)
    return rows


def _snippets(default, target_locale, content_type_id, title):
    """The default locale's translatable snippets, and their targets by (model, key): two
    queries per snippet model (ContentType lookups are cached)."""
    items, targets = [], {}
    for model in translatable_snippet_models():
        model_type = ContentType.objects.get_for_model(model).pk
        if content_type_id and content_type_id != model_type:
            continue
        found = list(model.objects.filter(locale=default))
        if title:
            found = [item for item in found if title.casefold() in str(item).casefold()]
        items.extend(found)
        for target in model.objects.filter(
            locale=target_locale, translation_key__in=[item.translation_key for item in found]
        ).values("id", "translation_key"):
            targets[(model, target["translation_key"])] = target
    return items, targets


def status_for_page(page):
    """The queue row of one English page (for tests, commands and the page editor)."""
    for row in queue_rows(page_ids=[page.pk]):
        return row
    raise LookupError(f"{page!r} is not a translatable page of the default locale")
