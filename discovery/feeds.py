"""RSS 2.0 and Atom feeds of the latest analysis, whole or narrowed by the listing's filters.

/feeds/analysis.rss and /feeds/analysis.atom (and /ar/… for the Arabic edition) take the
listing's ``type``, ``region``, ``issue`` and ``expert`` parameters (several values of one
parameter are alternatives, as in the listing and the API). A value that names nothing
readers may see answers 404, never an empty feed that looks valid. Built with Django's
syndication framework; each item carries the summary, every author in byline order (Atom
``<author>`` elements; RSS ``dc:creator``, since RSS's own ``<author>`` wants an e-mail
address), the type, regions and issues as categories, a GUID that survives retitling and
moving (a UUID derived from the brief's translation key and language), the publication
date and the time it was last published.
"""

import datetime
import uuid

from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.http import Http404
from django.utils import feedgenerator
from django.utils.translation import gettext as _

from core.localization import active_locale, default_locale, language_code_for, localize_many
from core.models import Issue, PublicationType, Region
from core.routing import find_site
from core.visibility import restrictions_read_once, visible
from experts.models import ExpertPage
from policyanalysis.cards import build_cards
from policyanalysis.filtering import UnknownValues, filter_briefs
from policyanalysis.models import AnalysisIndexPage, BriefPage

#: Items in a feed (the newest).
FEED_ITEMS = 30
#: The filters a feed accepts, with the vocabulary naming their values.
FEED_FILTERS = (
    ("type", PublicationType),
    ("region", Region),
    ("issue", Issue),
    ("expert", ExpertPage),
)
DC = "http://purl.org/dc/elements/1.1/"


def brief_guid(translation_key, language_code):
    """The stable GUID of one edition of a brief."""
    return uuid.uuid5(translation_key, language_code).urn


class Selection:
    """What one feed request asks for: the locale, the valid filters and their names."""

    def __init__(self, request):
        self.request = request
        self.locale = active_locale()
        self.filters = {name: request.GET.getlist(name) for name, _vocabulary in FEED_FILTERS}
        self.filters = {name: values for name, values in self.filters.items() if values}
        for values in self.filters.values():
            for value in values:
                # Not a slug (a NUL byte PostgreSQL refuses, markup…) names nothing.
                try:
                    validate_unicode_slug(value)
                except ValidationError as error:
                    raise Http404("Unknown filter value.") from error
        try:
            self.briefs = filter_briefs(
                BriefPage.objects.for_readers(self.locale),
                types=self.filters.get("type"),
                regions=self.filters.get("region"),
                issues=self.filters.get("issue"),
                experts=self.filters.get("expert"),
                tags=None,
                date_from=None,
                date_to=None,
            )
        except UnknownValues as error:
            raise Http404(str(error)) from error

    def names(self):
        """The chosen values' names in the reader's language (for the feed's title)."""
        names = []
        for name, vocabulary in FEED_FILTERS:
            slugs = self.filters.get(name)
            if not slugs:
                continue
            if vocabulary is ExpertPage:
                found = visible(ExpertPage.objects.filter(slug__in=slugs)).order_by("title")
            else:
                # Terms are written in the default language and translated from it.
                found = vocabulary.objects.filter(slug__in=slugs, locale=default_locale()).order_by(
                    "slug"
                )
            seen = set()
            for obj in localize_many(list(found), self.locale):
                if obj.translation_key not in seen:
                    seen.add(obj.translation_key)
                    names.append(str(getattr(obj, "name", None) or obj.title))
        return names

    def listing_url(self):
        """The listing page showing what this feed holds."""
        index = visible(AnalysisIndexPage.objects.filter(locale=self.locale)).first()
        url = index.get_url(request=self.request) if index else "/"
        query = self.request.GET.urlencode()
        return f"{url}?{query}" if query else url


class MultipleAuthorsRssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with one ``dc:creator`` per author, in byline order."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item.get("authors", ()):
            handler.addQuickElement("dc:creator", name)


class MultipleAuthorsAtomFeed(feedgenerator.Atom1Feed):
    """Atom with one ``<author>`` (name and profile URL) per author, in byline order."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, link in item.get("author_links", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if link:
                handler.addQuickElement("uri", link)
            handler.endElement("author")


class AnalysisRssFeed(Feed):
    """The latest analysis of the active language edition, as RSS 2.0."""

    feed_type = MultipleAuthorsRssFeed

    def __call__(self, request, *args, **kwargs):
        with restrictions_read_once():
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return Selection(request)

    def title(self, selection):
        site = find_site(selection.request)
        site_name = site.site_name if site and site.site_name else ""
        names = selection.names()
        subject = ", ".join(names) if names else _("Latest analysis")
        return f"{site_name}: {subject}" if site_name else subject

    def link(self, selection):
        return selection.listing_url()

    def description(self, selection):
        names = selection.names()
        if names:
            return _("The latest analysis on %(subjects)s.") % {"subjects": ", ".join(names)}
        return _("The latest analysis.")

    def feed_url(self, selection):
        return selection.request.get_full_path()

    def items(self, selection):
        cards = build_cards(selection.briefs[:FEED_ITEMS], selection.locale)
        self._decorate(cards, selection)
        return cards

    def _decorate(self, cards, selection):
        """Categories (type, regions, issues in the reader's language) and publication
        times, two queries for all cards."""
        ids = [card.pk for card in cards]
        times = {
            pk: (first, last)
            for pk, first, last in BriefPage.objects.filter(pk__in=ids).values_list(
                "pk", "first_published_at", "last_published_at"
            )
        }
        regions = BriefPage.regions.through.objects.filter(briefpage_id__in=ids)
        issues = BriefPage.issues.through.objects.filter(briefpage_id__in=ids)
        terms = list(regions.select_related("region")) + list(issues.select_related("issue"))
        localized = localize_many(
            [getattr(row, "region", None) or row.issue for row in terms], selection.locale
        )
        by_brief = {pk: [] for pk in ids}
        for row, term in zip(terms, localized, strict=True):
            by_brief[row.briefpage_id].append(term.name)
        for card in cards:
            card.categories = [card.card_type.name] if card.card_type else []
            card.categories += by_brief[card.pk]
            card.first_published_at, card.last_published_at = times[card.pk]
            card.author_links = [
                (person.title, selection.request.build_absolute_uri(person.url))
                for person in card.card_authors
            ]

    def item_title(self, card):
        return card.title

    def item_description(self, card):
        return card.summary

    def item_link(self, card):
        return card.url

    def item_guid(self, card):
        return brief_guid(card.translation_key, self._language(card))

    item_guid_is_permalink = False

    def _language(self, card):
        return language_code_for(card.locale_id)

    def item_pubdate(self, card):
        if card.date is None:
            return card.first_published_at
        return datetime.datetime.combine(card.date, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, card):
        published = self.item_pubdate(card)
        return max(filter(None, (published, card.last_published_at)))

    def item_categories(self, card):
        return card.categories

    def item_extra_kwargs(self, card):
        return {
            "authors": [name for name, _url in card.author_links],
            "author_links": card.author_links,
        }


class AnalysisAtomFeed(AnalysisRssFeed):
    """The same feed as Atom 1.0."""

    feed_type = MultipleAuthorsAtomFeed
    subtitle = AnalysisRssFeed.description
