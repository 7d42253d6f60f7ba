"""The filterable, paginated analysis listing behind /policy-analysis/ and its landing pages.

Filters live in the query string (?type=&series=&region=&issue=&expert=&year=&tag=&q=&page=) so a
filtered listing can be shared. ``tag`` (a keyword's slug, what a brief's keyword chips link
to) is carried as a hidden field: keywords are too many to offer as a choice. Newest first;
with a keyword (q), best match first.
Unknown values are reported on the form and ignored; page numbers out of range give the
first or last page.
"""

import datetime
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from core.collation import sort_key
from core.localization import default_locale, localize_many, visible_editions
from core.models import Issue, PublicationType, Region
from core.pagination import get_page
from core.versioned import per_content_version
from core.visibility import visible_ids
from experts.models import ExpertPage

from .cards import build_cards
from .filtering import UnknownValues, filter_briefs, kept_count, matching
from .models import BriefAuthor, BriefPage, Series
from .search import UnsearchableQuery, by_relevance, matching_brief_ids

PER_PAGE = 20
#: The brief field and filter of each kind of term a listing can be limited to.
TERM_FIELDS = {
    Region: ("regions", "region"),
    Issue: ("issues", "issue"),
    Series: ("series", "series"),
}


class PresetChoicesForm(forms.Form):
    """A filter form whose choice fields get their options from a ``choices`` mapping
    ({field name: [(value, label)]}, e.g. kept by content version), each after "All"."""

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        for name, options in choices.items():
            self.fields[name].choices = everything + options


class AnalysisFilterForm(PresetChoicesForm):
    """Filter choices, labelled in the reader's language, valued by locale-independent slugs,
    in the editors' sort order and then alphabetically in the reader's language (Unicode
    collation: أ إ آ sort as ا)."""

    q = forms.CharField(label=_("Keyword"), required=False, max_length=200)
    type = forms.ChoiceField(label=_("Type"), required=False)
    series = forms.ChoiceField(label=_("Series"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    issue = forms.ChoiceField(label=_("Issue"), required=False)
    expert = forms.ChoiceField(label=_("Expert"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    tag = forms.SlugField(label=_("Keyword"), required=False, widget=forms.HiddenInput)

    def clean_tag(self):
        """A slug that names no keyword is reported (and ignored) like any unknown filter."""
        slug = self.cleaned_data["tag"]
        if slug and not Tag.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Unknown keyword."))
        return slug


def expert_choices(expert_ids, locale):
    """(slug, name) filter choices for the experts whose ids ``expert_ids`` (a values()
    queryset) gives, by name in ``locale``: only those whose profile readers may see, never
    a draft or private one (offering it would name it, and make its slug a valid filter
    where an unknown slug is not)."""
    source = list(ExpertPage.objects.filter(pk__in=expert_ids).order_by("title"))
    # Rows point at source-language experts: filter by the source's slug (any visible
    # edition's slug works), show the reader's-language name.
    editions = visible_editions(source, locale)
    source_shown = visible_ids(expert.pk for expert in source)
    choices = [
        (expert.slug if expert.pk in source_shown else edition.slug, edition.title)
        for expert, edition in zip(source, editions, strict=True)
        if edition is not None
    ]
    return sorted(choices, key=lambda choice: sort_key(choice[1]))


#: The vocabularies a listing filters by, with their form fields.
VOCABULARIES = (("type", PublicationType), ("series", Series), ("region", Region), ("issue", Issue))


@per_content_version(follows_clock=True)
def filter_choices(locale, term=None):
    """{field name: [(value, label)]} of the filters of the listing of ``locale`` (of
    ``term``'s briefs, or every brief): the vocabularies' terms, the years and the experts
    with something listed. Kept until the content changes (core.versioned): building them
    is eight queries and, for the experts' names, most of a listing's time."""
    base = _listed(locale, term)
    choices = {}
    for name, model in VOCABULARIES:
        terms = localize_many(list(model.objects.filter(locale=default_locale())), locale)
        terms.sort(key=lambda term: (term.sort_order, sort_key(term.name)))
        choices[name] = [(t.slug, t.name) for t in terms]
    authored = BriefAuthor.objects.filter(expert_id=OuterRef("pk"), page_id__in=base.values("pk"))
    choices["expert"] = expert_choices(
        ExpertPage.objects.filter(Exists(authored)).values("pk"), locale
    )
    choices["year"] = [(year, str(year)) for year in years_with_briefs(base)]
    return choices


def years_with_briefs(briefs):
    """The years in which ``briefs`` has a dated brief, newest first, in two queries whatever
    the archive's size or span: its newest and oldest dates (each a step along the date
    index), then whether each year between has a brief (one index probe per year), where
    reading every brief's date took seconds at 100,000 briefs."""
    dated = briefs.exclude(date=None).order_by("-date")
    oldest = dated.order_by("date").values("date")[:1]
    span = dated.annotate(oldest=Subquery(oldest)).values_list("date", "oldest").first()
    if span is None:
        return []
    years = list(range(span[0].year, span[1].year - 1, -1))
    probes = {
        f"in_{year}": Exists(
            dated.filter(
                date__gte=datetime.date(year, 1, 1), date__lt=datetime.date(year + 1, 1, 1)
            )
        )
        for year in years
    }
    found = dated.annotate(**probes).values_list(*probes).first()
    return [year for year, present in zip(years, found, strict=True) if present]


def _listed(locale, term):
    """The briefs readers of ``locale`` see on the listing (of ``term``, if any)."""
    briefs = BriefPage.objects.for_readers(locale)
    if term is not None:
        briefs = matching(briefs, f"{TERM_FIELDS[type(term)][0]}__in", [term.pk])
    return briefs


class AnalysisListing:
    """Live briefs of one locale, filtered by a query string, as localized cards."""

    def __init__(self, params, locale, term=None):
        self.locale = locale
        self.term = term
        self.base = _listed(locale, term)
        self.form = AnalysisFilterForm(params or None, choices=filter_choices(locale, term))
        if term is not None:
            # A landing or series page is about its term: the form shows it chosen (and
            # fixed) instead of "All".
            field = self.form.fields[TERM_FIELDS[type(term)][1]]
            field.disabled = True
            field.initial = term.slug
        self.form.is_valid()

    @property
    def filters(self):
        """The valid filters the reader applied, as {name: value} (not the page's own
        term, which the base queryset applies already)."""
        data = getattr(self.form, "cleaned_data", {})
        return {
            name: value
            for name, value in data.items()
            if value not in ("", None) and not self.form.fields[name].disabled
        }

    def queryset(self):
        filters = self.filters

        def chosen(name):
            return [filters[name]] if name in filters else None

        year = filters.get("year")
        try:
            queryset = filter_briefs(
                self.base,
                types=chosen("type"),
                series=chosen("series"),
                regions=chosen("region"),
                issues=chosen("issue"),
                experts=chosen("expert"),
                tags=chosen("tag"),
                date_from=datetime.date(year, 1, 1) if year else None,
                date_to=datetime.date(year, 12, 31) if year else None,
            )
        except UnknownValues:
            # The form only offers known values; a term deleted meanwhile matches nothing.
            queryset = self.base.none()
        if "q" in filters:
            try:
                ids = matching_brief_ids(self.locale, filters["q"])
            except UnsearchableQuery as error:
                self.form.add_error("q", str(error))
                ids = []
            if ids is not None:
                # A keyword search lists the best matches first.
                return by_relevance(queryset.filter(pk__in=ids), ids)
        return queryset.order_by("-date", "-pk")

    def page(self, number):
        """One page of cards; a missing, non-numeric or out-of-range number never errors."""
        paginator = Paginator(self.queryset(), PER_PAGE)
        if "q" not in self.filters:
            term = (type(self.term)._meta.label, self.term.pk) if self.term else None
            filters = tuple(sorted(self.filters.items()))
            paginator.count = kept_count(
                paginator.object_list, "html", self.locale.pk, term, filters
            )
        page = get_page(paginator, number)
        page.object_list = build_cards(page.object_list, self.locale)
        return page

    def query_string(self, **changes):
        """The current filters as a query string, with ``changes`` applied (for pagination)."""
        params = {**self.filters, **changes}
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})
