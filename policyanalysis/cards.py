"""Analysis cards: what an item is (type, series badges, outlet, page count), its title,
summary, thumbnail, date, authors and link, shown in every listing.

The one implementation of what a card shows, for the HTML listings (analysis index,
expert profile, home page, Recommended) and the API. Cards are built from ``values()``
rows, not page instances: a brief's page row is wide and instantiating it (and its
experts) was most of a listing's cost. Any number of cards costs the same queries: the
briefs (with the ids of their series), their author rows with the experts' columns, and
one more to swap in the authors' profiles in the reader's language when needed. The type,
outlet and series badges come from the vocabularies kept by content version
(core.vocabulary). Thumbnails (the hero image's rendition) are read only when a template
shows one: two queries for all the cards built together (the images and their prefetched
renditions), none for the API, which sends the image itself. A brief's own detail builds
its card from what it has read already (``brief_card``).
"""

from django.db.models import F
from django.utils import timezone
from wagtail.images import get_image_model

from core.localization import active_locale, localize_rows
from core.models import PublicationType
from core.renditions import get_renditions
from core.statements import prepared
from core.visibility import visible
from core.vocabulary import linked_ids_column, localized_term, localized_terms, split_ids
from experts.models import ExpertPage

from .models import BriefAuthor, BriefPage, Outlet, Series, author_readers_see
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
#: The brief's many-to-many links a card carries the ids of (``Card.series_ids`` and so on),
#: read with the brief's row.
CARD_LINKS = ("series", "regions", "issues")
#: The rendition a card's thumbnail shows (16:9, WebP; the card column is at most ~22rem).
CARD_THUMBNAIL = "fill-480x270-c100|format-webp"
#: The expert columns a card's author reads.
AUTHOR_FIELDS = ("id", "title", "url_path", "translation_key", "locale_id")


class CardTerm:
    """A card's publication type, series badge or outlet (``name`` and ``slug`` or
    ``homepage``), in the reader's language when it exists; ``model`` is the vocabulary's
    model (what ``{% term_url %}`` links a series badge by)."""

    def __init__(self, row, model):
        self.__dict__.update(row)
        self.pk = row["id"]
        self.model = model

    @classmethod
    def of(cls, term):
        """A CardTerm of a vocabulary term as readers see it (core.vocabulary), or None."""
        if term is None:
            return None
        row = {field.attname: getattr(term, field.attname) for field in term._meta.concrete_fields}
        row.update(is_fallback=term.is_fallback, fallback_language=term.fallback_language)
        return cls(row, type(term))

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
    rendition or None), ``series_ids``, ``regions_ids`` and ``issues_ids`` (``CARD_LINKS``)
    and ``is_fallback`` (set by Recommended when a pick has no translation)."""

    def __init__(self, row, urls, thumbnails=None):
        self.__dict__.update({field: row[field] for field in CARD_FIELDS})
        for name in CARD_LINKS:
            setattr(self, f"{name}_ids", split_ids(row[f"{name}_ids"]))
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


def _card_values(queryset):
    """``queryset`` as card rows (``values()``: CARD_FIELDS and the ids of CARD_LINKS)."""
    return queryset.prefetch_related(None).values(
        *CARD_FIELDS,
        **{f"{name}_ids": linked_ids_column(BriefPage, name) for name in CARD_LINKS},
    )


@prepared
def _card_rows_by_id(ids):
    return _card_values(BriefPage.objects.filter(pk__in=ids))


@prepared
def _card_author_rows(page_ids, now):
    """The author rows of briefs ``page_ids`` in byline order (rows without a position
    last, as BriefPage.get_authors), each with whether readers may see the expert's own
    profile at ``now``, in one query."""
    return (
        BriefAuthor.objects.filter(page_id__in=page_ids)
        .annotate(expert_visible=author_readers_see(now))
        .order_by("page_id", F("sort_order").asc(nulls_last=True), "pk")
        .values("page_id", "expert_visible", *(f"expert__{field}" for field in AUTHOR_FIELDS))
    )


def _rows(rows):
    """(brief rows, {brief id: [expert rows]}): the authors in one more query."""
    authors = {row["id"]: [] for row in rows}
    if rows:
        for author in _card_author_rows(page_ids=sorted(authors), now=timezone.now()):
            authors[author["page_id"]].append(
                {
                    **{field: author[f"expert__{field}"] for field in AUTHOR_FIELDS},
                    "visible": author["expert_visible"],
                }
            )
    return rows, authors


def build_cards(briefs, locale=None, urls=None):
    """Cards in the reader's ``locale`` for ``briefs``, a BriefPage queryset (sliced or
    not; read with ``values()``, in its order): two queries, three in another language than
    the authors'."""
    return _build(list(_card_values(briefs)), locale, urls)


def build_cards_by_id(ids, locale=None, urls=None):
    """Cards of the briefs ``ids`` (in no particular order), as build_cards."""
    ids = sorted(set(ids))
    return _build(_card_rows_by_id(ids=ids) if ids else [], locale, urls)


def _build(rows, locale, urls):
    locale = locale or active_locale()
    rows, authors = _rows(rows)
    people = [person for row in rows for person in authors[row["id"]]]
    localized = iter(localize_rows(visible_experts, people, locale, AUTHOR_FIELDS))
    shown = {
        row["id"]: [
            person
            for person in (next(localized) for _person in authors[row["id"]])
            if is_shown(person)
        ]
        for row in rows
    }
    return _assemble(rows, shown, locale, urls)


def brief_card(brief, author_rows, linked, locale=None, urls=None):
    """The card of one brief instance (a stored brief or a preview draft) from what its
    detail has read already: ``author_rows`` (its ``get_authors()``: the authors readers
    may see, in their language) and ``linked`` (its ``get_linked_terms()``). No query."""
    row = {field: getattr(brief, field) for field in CARD_FIELDS}
    for name in CARD_LINKS:
        row[f"{name}_ids"] = ",".join(str(pk) for pk in linked[name])
    people = [
        {
            **{field: getattr(author.person, field) for field in AUTHOR_FIELDS},
            "is_fallback": author.person.is_fallback,
            "fallback_language": author.person.fallback_language,
        }
        for author in author_rows
    ]
    return _assemble([row], {brief.pk: people}, locale or active_locale(), urls)[0]


def _assemble(rows, people, locale, urls):
    """Cards of ``rows`` with ``people`` ({brief id: author rows readers may see, in their
    language}); the type, outlet and series come from the kept vocabularies (no query)."""
    urls = urls or PageUrls()
    thumbnails = CardThumbnails(row["hero_image_id"] for row in rows)
    cards = []
    for row in rows:
        card = Card(row, urls, thumbnails)
        card.card_type = CardTerm.of(
            localized_term(PublicationType, row["publication_type_id"], locale)
        )
        card.card_outlet = CardTerm.of(localized_term(Outlet, row["outlet_id"], locale))
        card.card_series = [
            CardTerm.of(series) for series in localized_terms(Series, card.series_ids, locale)
        ]
        card.card_authors = [CardAuthor(person, urls) for person in people[row["id"]]]
        cards.append(card)
    return cards
