"""Briefs (policy analysis pages), their authors and the analysis index.

The bottom of the app: listing, cards, recommendations, search and filtering import these
models, never the reverse. What a page shows beyond its own fields (the filtered listing, the
Recommended cards) is computed by those modules and handed to the templates through
``templatetags/analysis_tags.py``.
"""

from django import forms
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, get_page_models
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyBlock
from core.forms import LocalizedChoicesPageForm
from core.localization import (
    PAGE_TRANSLATABLE_FIELDS,
    localize,
    visible_editions,
)
from core.models import Issue, PublicationType, Region, RoutedPageMixin
from core.panels import RowsInlinePanel
from core.preview import HeadlessPreviewMixin
from core.statements import prepared
from core.versioned import per_content_version
from core.visibility import VisiblePageQuerySet, visible
from core.vocabulary import TAGS, linked_ids, localized_term, localized_terms, term_by_id
from experts.models import ExpertPage

from .blocks import RecommendedStreamBlock
from .chapters import ChapterPage, report_chapters
from .hubs import ProgramFellow, ProgramIndexPage, ProgramPage, TopicPage
from .publications import Outlet, PublicationDetails, Series

#: A brief's many-to-many links to vocabularies, read together (BriefPage.get_linked_terms).
LINKED_TERMS = ["regions", "issues", "series", TAGS]

#: /policy-analysis/series/<slug>/ lists a series' items.
SERIES_PREFIX = "series"


def term_model(term):
    """The vocabulary model of ``term``: a Region, Issue or Series instance, or a card's
    ``CardTerm`` (which names its model)."""
    return getattr(term, "model", None) or type(term)


__all__ = [
    "AnalysisIndexPage",
    "BriefAuthor",
    "BriefPage",
    "BriefPageTag",
    "ChapterPage",
    "Outlet",
    "ProgramFellow",
    "ProgramIndexPage",
    "ProgramPage",
    "Series",
    "TopicPage",
]


class BriefPageForm(LocalizedChoicesPageForm):
    """Publishing needs a date and a type; drafts may lack them. No expert twice."""

    # Inherit the parent Meta: it carries Wagtail's formfield_callback, without which every
    # field falls back to Django's plain widgets (no slug sync, no date picker).
    class Meta(LocalizedChoicesPageForm.Meta):
        defer_required_on_fields = ["date", "publication_type"]

    def is_valid(self):
        # Checked after the author formset is cleaned (ClusterForm cleans formsets after
        # the form itself, so Form.clean cannot see them).
        valid = super().is_valid()
        formset = self.formsets.get("authors")
        seen = set()
        for form in formset.forms if formset is not None else []:
            data = getattr(form, "cleaned_data", None) or {}
            expert = data.get("expert")
            if expert is None or data.get("DELETE"):
                continue
            if expert.pk in seen:
                form.add_error(
                    "expert",
                    _("%(name)s is already an author of this brief.") % {"name": expert.title},
                )
                valid = False
            seen.add(expert.pk)
        return valid


class AnalysisIndexPage(RoutedPageMixin, HeadlessPreviewMixin, Page):
    """/policy-analysis/: every brief, filterable; /policy-analysis/<region-or-issue>/ lands on
    one term's analysis."""

    #: Its ``route()`` hands a path to the child it names first (core.routing may skip it).
    routes_children_first = True

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Shown above the list of analysis on this page (not on its region, issue or series "
            "pages, which show the term's description) and sent by the API."
        ),
    )
    featured = StreamField(
        RecommendedStreamBlock(),
        blank=True,
        verbose_name=_("featured analysis"),
        help_text=_("Optional Recommended block shown above the listing."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("featured")]
    # Any parent that allows it (the site's home page lists these as its subpage types).
    parent_page_types = None
    subpage_types = ["policyanalysis.BriefPage", "policyanalysis.TopicPage"]
    max_count_per_parent = 1
    api_fields = [APIField("intro"), APIField("featured")]

    @classmethod
    def allowed_subpage_models(cls):
        """Briefs and every page type built on them (podcast episodes, videos: apps above
        this one subclass BriefPage), without this app naming them; and topic hubs."""
        briefs = [model for model in get_page_models() if issubclass(model, BriefPage)]
        return [*briefs, TopicPage]

    template = "policyanalysis/analysis_index_page.html"
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("featured"),
    ]

    class Meta:
        verbose_name = _("analysis index page")

    def route(self, request, path_components):
        # A term's live hub (TopicPage, whose slug is the term's) is a child page and
        # answers first; without one (or while it is a draft) the term's listing does.
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) == 1 and self.live:
                term = self.find_term(path_components[0])
                if term is not None:
                    return RouteResult(self, kwargs={"term": term})
            if len(path_components) == 2 and path_components[0] == SERIES_PREFIX and self.live:
                series = self.find_series(path_components[1])
                if series is not None:
                    return RouteResult(self, kwargs={"term": series})
            raise

    @staticmethod
    def find_series(slug):
        """The series (default-locale record) with this slug, if any."""
        series = Series.objects.filter(slug=slug).order_by("locale_id").first()
        if series is None:
            return None
        return series.get_translation_or_none(series.locale.get_default()) or series

    @staticmethod
    def find_term(slug):
        """The region or issue (default-locale record) with this slug, if any."""
        for model in (Region, Issue):
            term = model.objects.filter(slug=slug).order_by("locale_id").first()
            if term is not None:
                return term.get_translation_or_none(term.locale.get_default()) or term
        return None

    @classmethod
    def for_locale(cls, locale, request=None):
        """The live index of ``locale`` readers see, or None; kept until the content changes
        (and the listing itself seeds it for its request)."""
        found = request.__dict__.setdefault("_analysis_index_by_locale", {}) if request else {}
        if locale.pk not in found:
            found[locale.pk] = _readers_index(cls, locale.pk)
        return found[locale.pk]

    def term_url(self, term, request=None):
        """The landing page of a region or issue, or the page of a series."""
        prefix = f"{SERIES_PREFIX}/" if term_model(term) is Series else ""
        return f"{self.get_url(request=request)}{prefix}{term.slug}/"

    def get_context(self, request, *args, term=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.live:  # (a preview leaves the readers' index to be looked up)
            request.__dict__.setdefault("_analysis_index_by_locale", {})[self.locale_id] = self
        context["term_record"] = term
        context["term"] = localize(term, self.locale) if term else None
        return context


class BriefPageQuerySet(VisiblePageQuerySet):
    """Brief querysets with the readers' rule for one edition."""

    def for_readers(self, locale):
        """The briefs of ``locale`` readers may see, newest first: the rule behind every
        public listing (HTML, API, feeds, expert pages, home, Recommended)."""
        return self.visible().filter(locale=locale).order_by("-date", "-pk")


#: A DOI: the "10." directory prefix, a registrant code of 4 to 9 digits (with optional
#: ".sub" parts), a slash and a suffix without spaces (Crossref's recommended pattern).
DOI_PATTERN = r"^10\.\d{4,9}(\.\d+)*/\S+$"


@per_content_version(follows_clock=True)
def _readers_index(model, locale_id):
    return visible(model.objects.filter(locale_id=locale_id)).first()


class BriefPage(RoutedPageMixin, HeadlessPreviewMixin, PublicationDetails, Page):
    """A piece of policy analysis: brief, article, report, podcast…"""

    routed_select_related = ("hero_image",)

    objects = PageManager.from_queryset(BriefPageQuerySet)()

    subtitle = models.CharField(
        _("subtitle"),
        max_length=255,
        blank=True,
        help_text=_("Shown under the title on the brief and sent by the API; not on cards."),
    )
    publication_type = models.ForeignKey(
        "core.PublicationType",
        verbose_name=_("publication type"),
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Shown above the title on the brief and on cards; readers filter listings by it. "
            "Needed to publish."
        ),
    )
    date = models.DateField(
        _("publication date"),
        null=True,
        blank=False,
        db_index=True,
        help_text=_(
            "Shown on the brief and on cards; listings, feeds and the API order by it, newest "
            "first. Needed to publish."
        ),
    )
    doi = models.CharField(
        _("DOI"),
        max_length=255,
        blank=True,
        validators=[
            RegexValidator(
                DOI_PATTERN,
                message=_("Enter a DOI such as 10.1234/abcd.5678 (without https://doi.org/)."),
            )
        ],
        help_text=_(
            "Optional Digital Object Identifier, such as 10.1234/abcd.5678. Shown on the brief "
            "and used in its citations; the same for every language."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,
        help_text=_(
            "One or two sentences. The description search engines and link previews show "
            "(unless the Promote tab's search description is set) and the summary the API "
            "sends with its cards; keyword search ranks it just below the title. Public pages "
            "and cards do not show it."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown across the top of the brief and in link previews, and sent by the API; "
            "public cards show no image. Its alt text is the one below, else the image's own."
        ),
    )
    hero_alt = models.CharField(
        _("hero image alt text"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the hero image shows, for readers who cannot see it; translated with the "
            "page. Leave empty to use the image's own description."
        ),
    )
    hero_caption = models.CharField(
        _("hero image caption"),
        max_length=500,
        blank=True,
        help_text=_("Shown under the hero image."),
    )
    hero_credit = models.CharField(
        _("hero image credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or source, shown after the caption."),
    )
    byline = models.CharField(
        _("byline"),
        max_length=255,
        blank=True,
        help_text=_(
            "Shown as the byline on the brief and on cards only when the brief has no expert "
            "author, e.g. 'Staff of the institute'."
        ),
    )
    regions = ParentalManyToManyField(
        "core.Region",
        verbose_name=_("regions and countries"),
        blank=True,
        related_name="+",
        help_text=_(
            "Listed on the brief, linking to each term's landing page; readers filter by them "
            "and automatic Recommended cards share one with this brief."
        ),
    )
    issues = ParentalManyToManyField(
        "core.Issue",
        verbose_name=_("issues"),
        blank=True,
        related_name="+",
        help_text=_(
            "Listed on the brief, linking to each term's landing page; readers filter by them "
            "and automatic Recommended cards share one with this brief."
        ),
    )
    tags = ClusterTaggableManager(
        through="policyanalysis.BriefPageTag",
        blank=True,
        verbose_name=_("keywords"),
        help_text=_(
            "Free keywords, shown at the foot of the brief, each linking to the analysis "
            "listing filtered by it. Separate them with commas."
        ),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_(
            "The text of the item: headings, paragraphs, quotes, key points, images, embeds, "
            "tables and document downloads."
        ),
    )
    recommended = StreamField(
        RecommendedStreamBlock(),
        blank=True,
        verbose_name=_("recommended"),
        help_text=_("Without a Recommended block, three related briefs are chosen automatically."),
    )

    content_panels = [
        # TitleFieldPanel, not FieldPanel: it fills the slug from the title as editors type.
        TitleFieldPanel("title"),
        FieldPanel("subtitle"),
        MultiFieldPanel(
            # A plain select of this edition's types, named in the editor's language
            # (core.forms.LocalizedChoicesPageForm), not the snippet chooser's modal.
            [
                FieldPanel("publication_type", widget=forms.Select),
                FieldPanel("date"),
                FieldPanel("doi"),
            ],
            heading=_("Publication"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_credit"),
            ],
            heading=_("Hero image"),
            classname="collapsed",
        ),
        FieldPanel("body"),
        FieldPanel("recommended"),
    ]
    authors_panels = [
        RowsInlinePanel(
            "authors",
            label=_("Author"),
            heading=_("Authors (in byline order)"),
        ),
        FieldPanel("byline"),
        FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("issues", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(authors_panels, heading=_("Authors & taxonomy")),
            ObjectList(PublicationDetails.publication_panels, heading=_("Publication details")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = BriefPageForm
    # Relevance: the title (Page's boost 2) outranks the subtitle and summary (boost 1),
    # which outrank unboosted fields (see policyanalysis/search.py).
    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle", boost=1),
        index.SearchField("summary", boost=1),
        index.SearchField("body"),
        index.SearchField("byline"),
        index.FilterField("date"),
        index.FilterField("publication_type"),
        index.FilterField("locale"),
    ]
    parent_page_types = ["policyanalysis.AnalysisIndexPage"]
    # A long report may be split into chapters (policyanalysis/chapters.py).
    subpage_types = ["policyanalysis.ChapterPage"]
    # Wagtail's API v2 (/api/v2/) for generic tooling; front ends use /api/v1/.
    api_fields = [
        APIField("subtitle"),
        APIField("date"),
        APIField("doi"),
        APIField("summary"),
        APIField("hero_image"),
        APIField("hero_alt"),
        APIField("hero_caption"),
        APIField("hero_credit"),
        APIField("byline"),
        APIField("authors"),
        APIField("tags"),
        APIField("body"),
        APIField("recommended"),
    ]
    template = "policyanalysis/brief_page.html"
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("subtitle"),
        TranslatableField("summary"),
        TranslatableField("body"),
        TranslatableField("recommended"),
        TranslatableField("hero_alt"),
        TranslatableField("hero_caption"),
        TranslatableField("hero_credit"),
        TranslatableField("byline"),
        SynchronizedField("date", overridable=False),
        SynchronizedField("doi", overridable=False),
        SynchronizedField("publication_type", overridable=False),
        SynchronizedField("hero_image"),
        SynchronizedField("regions", overridable=False),
        SynchronizedField("issues", overridable=False),
        SynchronizedField("tags", overridable=False),
        SynchronizedField("tagged_items", overridable=False),
        SynchronizedField("authors", overridable=False),
        *PublicationDetails.publication_translatable_fields,
    ]

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("briefs")

    @property
    def hero_alt_text(self):
        """The hero image's alt text in this edition's language: the page's own (translated)
        text, else the image's description."""
        if self.hero_alt:
            return self.hero_alt
        return self.hero_image.default_alt_text if self.hero_image_id else ""

    def clean(self):
        super().clean()
        self.clean_publication_details()

    def get_authors(self):
        """Author rows in byline order with the expert in the reader's language.

        Each row gets ``person`` (the localized ExpertPage) and ``bio`` (the per-brief
        override, or the expert's short bio; on a translation whose expert has a live
        edition in its language, that edition's bio). Authors whose profile readers may not
        see (draft, private, expired, with no visible translation) are left out, as on cards."""
        if "authors" in getattr(self, "_prefetched_objects_cache", {}):
            # Prefetched (experts included, by the caller). Re-filtering a prefetched
            # modelcluster relation would lose the page condition, so use it as it is.
            rows = list(self.authors.all())
        else:
            rows = self.authors.select_related("expert")
            if isinstance(rows, QuerySet):  # (a preview's rows are in memory)
                rows = _author_rows(page_id=self.pk, now=timezone.now())
                for row in rows:
                    row.page = self  # (as the related manager would)
            rows = list(rows)
            for row in rows:
                if hasattr(row, "expert_readers_see"):
                    row.expert.readers_see = row.expert_readers_see
        # Byline order; rows saved without a position keep their creation order.
        rows.sort(key=lambda row: (row.sort_order is None, row.sort_order or 0, row.pk or 0))
        people = visible_editions([row.expert for row in rows], self.locale)
        shown = [(row, person) for row, person in zip(rows, people, strict=True) if person]
        for row, person in shown:
            row.person = person
            in_source_locale = self.locale_id == row.expert.locale_id
            if row.bio_override and (in_source_locale or person.is_fallback):
                row.bio = row.bio_override
                row.bio_is_fallback = not in_source_locale
            else:
                row.bio = person.short_bio
                row.bio_is_fallback = person.is_fallback
        return [row for row, _person in shown]

    @property
    def publication_type_slug(self):
        """The slug of the page's type as stored ("" without one), from the kept vocabulary."""
        kind = term_by_id(PublicationType, self.publication_type_id)
        return kind.slug if kind else ""

    def get_linked_terms(self):
        """{"regions", "issues", "series": term ids; "tags": [(id, name, slug)]}: what the
        page links to in its vocabularies, in one query (core.vocabulary.linked_ids)."""
        return linked_ids(self, LINKED_TERMS)

    def get_taxonomy(self, linked=None):
        """The type, regions and issues in the reader's language (``linked``: the page's
        ``get_linked_terms()``, when the caller has them already)."""
        linked = linked or self.get_linked_terms()
        return {
            "type": localized_term(PublicationType, self.publication_type_id, self.locale),
            "regions": localized_terms(Region, linked["regions"], self.locale),
            "issues": localized_terms(Issue, linked["issues"], self.locale),
        }

    def get_table_of_contents(self):
        """[{text, anchor, level}] of the body's headings, for long items (at least
        ``TOC_MIN_HEADINGS`` headings); empty otherwise. Anchors are the headings' own
        (``HeadingValue.anchor_id``), so a link to a section is the one the body renders."""
        # From the raw data: iterating the body would load every image and document of
        # it (two queries) only to read its headings.
        heading = self.body.stream_block.child_blocks["heading"]
        values = [
            heading.to_python(item["value"])
            for item in self.body.raw_data
            if item["type"] == "heading"
        ]
        headings = [
            {"text": value["text"], "anchor": value.anchor_id, "level": int(value["level"])}
            for value in values
        ]
        return headings if len(headings) >= TOC_MIN_HEADINGS else []

    def get_publication(self, linked=None):
        """The outlet and series in the reader's language (see get_taxonomy)."""
        linked = linked or self.get_linked_terms()
        return {
            "outlet": localized_term(Outlet, self.outlet_id, self.locale),
            "series": localized_terms(Series, linked["series"], self.locale),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        linked = context["linked_terms"] = self.get_linked_terms()
        context["authors"] = self.get_authors()
        context["taxonomy"] = self.get_taxonomy(linked)
        context["publication"] = self.get_publication(linked)
        context["tags"] = [{"name": name, "slug": slug} for _pk, name, slug in linked[TAGS]]
        context["contents"] = self.get_table_of_contents()
        context["chapters"] = self.get_chapters()
        return context

    def get_chapters(self):
        """The report's chapters readers may see, in order: one query, none for a brief
        without child pages (the page tree's ``numchild``) or never saved."""
        return report_chapters(self) if self.pk and self.path and self.numchild else []


#: A brief with this many headings or more shows a table of contents.
TOC_MIN_HEADINGS = 3


class BriefAuthor(Orderable):
    """One author of a brief, in byline order (synchronized to translations: the row keeps
    pointing at the source-language ExpertPage; templates localize it)."""

    page = ParentalKey(BriefPage, on_delete=models.CASCADE, related_name="authors")
    expert = models.ForeignKey(
        "experts.ExpertPage",
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="authorships",
        help_text=_(
            "The author's profile: the byline and “About the authors” show and link to it in the "
            "reader's language."
        ),
    )
    bio_override = models.TextField(
        _("short bio for this brief"),
        blank=True,
        help_text=_(
            "Replaces the expert's short bio under 'About the authors' on this brief only."
        ),
    )

    panels = [FieldPanel("expert"), FieldPanel("bio_override")]
    api_fields = [APIField("expert"), APIField("bio_override")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")

    def __str__(self):
        return str(self.expert)


@prepared
def _author_rows(page_id, now):
    """A stored brief's author rows, each with its expert and whether readers may see the
    expert's profile at ``now`` (``expert_readers_see``, see visible_editions): one query."""
    return (
        BriefAuthor.objects.filter(page_id=page_id)
        .select_related("expert")
        .annotate(expert_readers_see=author_readers_see(now))
    )


def author_readers_see(now):
    """For a BriefAuthor queryset: whether readers may see the row's expert profile at
    ``now``, in the row's own query (a subquery)."""
    return Exists(visible(ExpertPage.objects.filter(pk=OuterRef("expert_id")), now))


class BriefPageTag(TaggedItemBase):
    """Free keyword tags (django-taggit) on briefs."""

    content_object = ParentalKey(BriefPage, on_delete=models.CASCADE, related_name="tagged_items")
