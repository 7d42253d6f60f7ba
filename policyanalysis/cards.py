"""Analysis cards: what an item is (type, series badges, outlet, page count), its title,
summary, thumbnail, date, authors and link, shown in every listing.

The one implementation of what a card shows, for the HTML listings (analysis index,
expert profile, home page, Recommended) and the API. Cards are built from ``values()``
rows, not page instances: a brief's page row is wide and instantiating it (and its
experts) was most of a listing's cost. Any number of cards costs the same queries: the
briefs, their author rows with the experts' columns, the publication types, and one
query per model to swap in the reader's language when needed. Outlets come with the briefs
(a join); series badges cost one query for all the cards. Thumbnails (the hero image's
rendition) are read only when a template shows one: two queries for all the cards built
together (the images and their prefetched renditions), none for the API, which sends the
image itself.
"""

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from wagtail.images import get_image_model

from core.localization import active_locale, localize_rows
from core.models import PublicationType
from core.renditions import get_renditions
from core.visibility import visible, visible_ids
from experts.models import ExpertPage

from .models import BriefAuthor, BriefPage, Outlet, Series
from .page_urls import PageUrls

#: The brief columns a card reads.
CARD_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "date",
    "summary",
    "subtitle",
    "byline",
    "locale_id",
    "translation_key",
    "hero_image_id",
    "hero_alt",
    "publication_type_id",
    "outlet_id",
    "external_url",
    "series_number",
    "page_count",
)
#: The rendition a card's thumbnail shows (16:9, WebP; the card column is at most ~22rem).
CARD_THUMBNAIL = "fill-480x270-c100|format-webp"
#: The expert columns a card's author reads.
AUTHOR_FIELDS = ("id", "title", "url_path", "translation_key", "locale_id")
#: The publication type columns a card's label reads.
TYPE_FIELDS = ("id", "name", "slug", "translation_key", "locale_id")
#: The outlet columns a card's "Read on …" link reads.
OUTLET_FIELDS = ("id", "name", "homepage", "translation_key", "locale_id")
#: The series columns a card's badges read.
SERIES_FIELDS = ("id", "name", "slug", "translation_key", "locale_id")


class CardTerm:
    """A card's publication type, series badge or outlet (``name`` and ``slug`` or
    ``homepage``), in the reader's language when it exists; ``model`` is the vocabulary's
    model (what ``{% term_url %}`` links a series badge by)."""

    def __init__(self, row, model):
        self.__dict__.update(row)
        self.pk = row["id"]
        self.model = model

    def __str__(self):
        return self.name


class CardAuthor:
    """An author on a card (an expert profile, in the reader's language when it exists)."""

    def __init__(self, row, urls):
        self.pk = self.id = row["id"]
        self.title = row["title"]
        self.url_path = row["url_path"]
        self.translation_key = row["translation_key"]
        self.locale_id = row["locale_id"]
        self.is_fallback = row["is_fallback"]
        self.fallback_language = row["fallback_language"]
        self._urls = urls

    @property
    def url(self):
        return self._urls.url(self.url_path)

    def __str__(self):
        return self.title


class CardThumbnails:
    """The thumbnail renditions of a batch of cards, read together on first use: the
    images and their ``CARD_THUMBNAIL`` renditions (Wagtail's ``prefetch_renditions``) in
    two queries, whatever the number of cards. A rendition missing from the database is
    made then (once per image, on the first page that shows it); an image that cannot be
    rendered gives no thumbnail."""

    def __init__(self, image_ids):
        self.image_ids = {pk for pk in image_ids if pk is not None}
        self._renditions = None

    def get(self, image_id):
        """The rendition of image ``image_id``, or None (no image, or its file is gone)."""
        if image_id is None or image_id not in self.image_ids:
            return None
        if self._renditions is None:
            self._renditions = {}
            images = (
                get_image_model()
                .objects.filter(pk__in=self.image_ids)
                .prefetch_renditions(CARD_THUMBNAIL)
            )
            for image in images:
                # A missing, damaged, SVG or oversized file: no thumbnail (core.renditions).
                renditions = get_renditions(image, CARD_THUMBNAIL)
                if renditions is not None:
                    self._renditions[image.pk] = renditions[CARD_THUMBNAIL]
        return self._renditions.get(image_id)


class Card:
    """One brief as a card: its columns (``CARD_FIELDS``) plus ``card_type`` (the localized
    PublicationType or None), ``card_series`` (series badges), ``card_outlet`` (the outlet
    of an item published elsewhere, or None), ``card_authors`` (CardAuthor list in byline
    order, only the authors readers may see), ``url``, ``thumbnail`` (the hero image's
    rendition or None) and ``is_fallback`` (set by Recommended when a pick has no
    translation)."""

    def __init__(self, row, urls, thumbnails=None):
        self.__dict__.update({field: row[field] for field in CARD_FIELDS})
        self.pk = row["id"]
        self.card_type = None
        self.card_outlet = None
        self.card_series = []
        self.card_authors = []
        self.is_fallback = False
        self.fallback_language = ""
        self._urls = urls
        self._thumbnails = thumbnails

    @property
    def url(self):
        return self._urls.url(self.url_path)

    @property
    def thumbnail(self):
        """The hero image's ``CARD_THUMBNAIL`` rendition, or None."""
        if self._thumbnails is None:
            self._thumbnails = CardThumbnails([self.hero_image_id])
        return self._thumbnails.get(self.hero_image_id)

    @property
    def read_on(self):
        """The outlet and address of the full text published elsewhere, or None."""
        if self.external_url and self.card_outlet is not None:
            return {"outlet": self.card_outlet, "url": self.external_url}
        return None

    def get_url(self, request=None):
        return self.url

    def __str__(self):
        return self.title

    def __repr__(self):
        return f"<Card {self.pk}: {self.title}>"


def visible_experts():
    """The expert profiles readers may see (core.visibility)."""
    return visible(ExpertPage.objects.all())


def is_shown(person):
    """Whether an author row, after the swap to the reader's language, may be named: a
    translation comes from ``visible_experts`` (it has no ``visible`` key); the row itself
    says whether the source profile is visible. A hidden author is left off the card, so a
    draft or private profile's name and address never reach readers."""
    return person.get("visible", True)


def card_queryset(queryset):
    """Prefetch what a brief page shows of its card onto a BriefPage queryset (for code
    that needs page instances, such as a brief's own detail)."""
    return queryset.select_related(
        "publication_type", "locale", "hero_image", "outlet", "pdf"
    ).prefetch_related(
        Prefetch(
            "authors",
            queryset=BriefAuthor.objects.select_related("expert").order_by("sort_order", "pk"),
        ),
        "series",
    )


def _rows_from_queryset(queryset):
    """(brief rows, {brief id: [expert rows]}) in two queries."""
    types = (f"publication_type__{field}" for field in TYPE_FIELDS)
    outlets = (f"outlet__{field}" for field in OUTLET_FIELDS)
    rows = list(queryset.prefetch_related(None).values(*CARD_FIELDS, *types, *outlets))
    authors = {row["id"]: [] for row in rows}
    if rows:
        author_rows = (
            BriefAuthor.objects.filter(page_id__in=authors)
            # Whether readers may see the expert's own profile, in the same query.
            .annotate(expert_visible=Exists(visible_experts().filter(pk=OuterRef("expert_id"))))
            # Byline order as BriefPage.get_authors: rows without a position last.
            .order_by("page_id", F("sort_order").asc(nulls_last=True), "pk")
            .values("page_id", "expert_visible", *(f"expert__{field}" for field in AUTHOR_FIELDS))
        )
        for author in author_rows:
            authors[author["page_id"]].append(
                {
                    **{field: author[f"expert__{field}"] for field in AUTHOR_FIELDS},
                    "visible": author["expert_visible"],
                }
            )
    return rows, authors


def _rows_from_instances(briefs):
    """The same rows from brief instances (a preview draft keeps its authors in memory)."""
    rows, authors = [], {}
    for brief in briefs:
        row = {field: getattr(brief, field) for field in CARD_FIELDS}
        kind = brief.publication_type
        for field in TYPE_FIELDS:
            row[f"publication_type__{field}"] = getattr(kind, field) if kind else None
        outlet = brief.outlet
        for field in OUTLET_FIELDS:
            row[f"outlet__{field}"] = getattr(outlet, field) if outlet else None
        row["series"] = [
            {field: getattr(series, field) for field in SERIES_FIELDS}
            for series in sorted(brief.series.all(), key=lambda s: (s.sort_order, s.name))
        ]
        rows.append(row)
        ordered = sorted(
            brief.authors.all(),
            key=lambda row: (row.sort_order is None, row.sort_order or 0, row.pk or 0),
        )
        authors[row["id"]] = [author.expert for author in ordered]
    shown = visible_ids(expert.pk for people in authors.values() for expert in people)
    for brief_id, people in authors.items():
        authors[brief_id] = [
            {
                **{field: getattr(expert, field) for field in AUTHOR_FIELDS},
                "visible": expert.pk in shown,
            }
            for expert in people
        ]
    return rows, authors


def _series_rows(rows):
    """{brief id: [series rows]} in one query (rows built from instances carry theirs)."""
    if all("series" in row for row in rows):
        return {row["id"]: row["series"] for row in rows}
    links = (
        BriefPage.series.through.objects.filter(briefpage_id__in=[row["id"] for row in rows])
        .order_by("series__sort_order", "series__name")
        .values("briefpage_id", *(f"series__{field}" for field in SERIES_FIELDS))
    )
    result = {row["id"]: [] for row in rows}
    for link in links:
        result[link["briefpage_id"]].append(
            {field: link[f"series__{field}"] for field in SERIES_FIELDS}
        )
    return result


def _localized_terms(model, rows, prefix, fields, locale):
    """{brief id: CardTerm} for the rows that have a ``prefix`` term (type, outlet)."""
    linked = [row for row in rows if row[f"{prefix}_id"] is not None]
    terms = localize_rows(
        lambda: model.objects.all(),
        [{field: row[f"{prefix}__{field}"] for field in fields} for row in linked],
        locale,
        fields,
    )
    return {row["id"]: CardTerm(term, model) for row, term in zip(linked, terms, strict=True)}


def build_cards(briefs, locale=None, urls=None):
    """Cards in the reader's ``locale`` for ``briefs``: a BriefPage queryset (sliced or
    not; read with ``values()``, in its order) or an iterable of BriefPage instances."""
    locale = locale or active_locale()
    urls = urls or PageUrls()
    if isinstance(briefs, QuerySet):
        rows, authors = _rows_from_queryset(briefs)
    else:
        rows, authors = _rows_from_instances(briefs)
    if not rows:
        return []

    types_by_brief = _localized_terms(
        PublicationType, rows, "publication_type", TYPE_FIELDS, locale
    )
    outlets_by_brief = _localized_terms(Outlet, rows, "outlet", OUTLET_FIELDS, locale)
    series = _series_rows(rows)
    series_list = [item for row in rows for item in series[row["id"]]]
    localized_series = iter(
        localize_rows(lambda: Series.objects.all(), series_list, locale, SERIES_FIELDS)
    )

    people = [person for row in rows for person in authors[row["id"]]]
    localized_people = iter(localize_rows(visible_experts, people, locale, AUTHOR_FIELDS))
    thumbnails = CardThumbnails(row["hero_image_id"] for row in rows)
    cards = []
    for row in rows:
        card = Card(row, urls, thumbnails)
        card.card_type = types_by_brief.get(row["id"])
        card.card_outlet = outlets_by_brief.get(row["id"])
        card.card_series = [CardTerm(next(localized_series), Series) for _item in series[row["id"]]]
        card.card_authors = [
            CardAuthor(person, urls)
            for person in (next(localized_people) for _person in authors[row["id"]])
            if is_shown(person)
        ]
        cards.append(card)
    return cards
