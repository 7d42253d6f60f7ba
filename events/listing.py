"""The events listing behind /events/: upcoming events (soonest first) and past events
(newest first, paginated), filtered by the query string (?type=&region=&issue=&expert=&year=).

Upcoming and past are split with the clock at the moment of the request
(``EventPageQuerySet.upcoming``/``past``). Unknown filter values are reported on the form
and ignored, as on the analysis listing; a hidden expert's slug is as unknown as a slug
nobody has.
"""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.localization import default_locale, localize_many
from core.models import Issue, Region
from core.pagination import get_page
from core.versioned import per_content_version
from policyanalysis.filtering import expert_keys, filter_by_vocabularies
from policyanalysis.listing import PresetChoicesForm, expert_choices
from policyanalysis.page_urls import PageUrls

from .models import EventPage, EventType

PAST_PER_PAGE = 20


class EventFilterForm(PresetChoicesForm):
    """Filter choices labelled in the reader's language, valued by shared slugs."""

    type = forms.ChoiceField(label=_("Type"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    issue = forms.ChoiceField(label=_("Issue"), required=False)
    expert = forms.ChoiceField(label=_("Expert"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)


@per_content_version(follows_clock=True)
def filter_choices(locale, index=None):
    """{field name: [(value, label)]} of the filters of the events listing of ``locale``
    (under ``index``, or every event): the vocabularies' terms, the experts who speak and the
    years. Kept until the content changes (core.versioned)."""
    base = _listed(locale, index)
    choices = {}
    for name, model in (("type", EventType), ("region", Region), ("issue", Issue)):
        terms = localize_many(list(model.objects.filter(locale=default_locale())), locale)
        choices[name] = [(t.slug, t.name) for t in terms]
    choices["expert"] = expert_choices(base.values("speakers__expert"), locale)
    years = (
        base.annotate(year=ExtractYear("start"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    choices["year"] = [(year, str(year)) for year in years]
    return choices


def _listed(locale, index):
    """The dated events readers of ``locale`` see (under ``index``, if any)."""
    events = EventPage.objects.for_readers(locale).exclude(start=None)
    return events.child_of(index) if index is not None else events


def filter_events(queryset, *, types=None, regions=None, issues=None, experts=None, year=None):
    """``queryset`` narrowed by the filters (lists of alternative slugs, or None); returns
    (queryset, problems) where problems are [(filter name, message)] for unknown values."""
    queryset, problems = filter_by_vocabularies(
        queryset,
        [
            ("type", EventType, "event_type__slug__in", types),
            ("region", Region, "regions__slug__in", regions),
            ("issue", Issue, "issues__slug__in", issues),
        ],
    )
    if experts:
        queryset = queryset.filter(
            speakers__expert__translation_key__in=expert_keys(problems, experts)
        )
    if year is not None:
        queryset = queryset.filter(start__year=year)
    return queryset.distinct(), problems


class EventListing:
    """The events of one edition, split into upcoming and past at ``now``."""

    def __init__(self, params, locale, index=None, now=None):
        self.locale = locale
        self.now = now or timezone.now()
        self.base = _listed(locale, index)
        self.form = EventFilterForm(params or None, choices=filter_choices(locale, index))
        self.form.is_valid()

    @property
    def filters(self):
        data = getattr(self.form, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in ("", None)}

    def queryset(self):
        filters = self.filters

        def chosen(name):
            return [filters[name]] if name in filters else None

        queryset, _problems = filter_events(
            self.base,
            types=chosen("type"),
            regions=chosen("region"),
            issues=chosen("issue"),
            experts=chosen("expert"),
            year=filters.get("year"),
        )
        return queryset

    def upcoming(self):
        """Every upcoming event matching the filters, soonest first, as cards."""
        return event_cards(self.queryset().upcoming(self.now), self.locale)

    def past(self, number):
        """One page of the past events matching the filters, newest first, as cards."""
        page = get_page(Paginator(self.queryset().past(self.now), PAST_PER_PAGE), number)
        page.object_list = event_cards(page.object_list, self.locale)
        return page

    def query_string(self, **changes):
        params = {**self.filters, **changes}
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def event_cards(queryset, locale):
    """Events as cards: ``card_type`` is the event type in the reader's language.
    Two queries whatever the number of events."""
    events = list(queryset.select_related("event_type"))
    types = localize_many([event.event_type for event in events], locale)
    by_key = {term.translation_key: term for term in types}
    urls = PageUrls()
    for event in events:
        event.card_url = urls.url(event.url_path)
        event.card_type = by_key.get(event.event_type.translation_key) if event.event_type else None
    return events
