"""Topic hubs and program pages (issue #14): curated pages that gather a topic's or a
program's experts, featured work and latest items.

- ``TopicPage``: the editable landing page of one region or issue, a child of the
  AnalysisIndexPage whose slug is the term's slug, so it is served at the term's landing
  URL (``/policy-analysis/iraq/``). A term without a (live, public) hub keeps the
  pre-filtered listing the index routes to it.
- ``ProgramIndexPage`` (``/programs/``) and ``ProgramPage`` (``/programs/<slug>/``): a named
  program with its director and fellows, featured work and the items of its series and
  keywords.

Models only, with string references to the briefs (``models.py`` imports this module; what
the pages show is computed by ``hub_content.py`` for the templates).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.localization import PAGE_TRANSLATABLE_FIELDS, default_locale
from core.models import RoutedPageMixin
from core.panels import RowsInlinePanel
from core.preview import HeadlessPreviewMixin
from core.visibility import visible

from .blocks import MAX_PICKS, AnalysisChooserBlock

#: Hook through which an app higher up (events) adds a section to a topic hub:
#: ``fn(term, locale, request) -> str`` (HTML, escaped by the app), ``term`` being the
#: default-locale region or issue.
TOPIC_SECTIONS_HOOK = "policyanalysis_topic_sections"

#: How many items of each publication type a hub shows under "Latest".
LATEST_PER_TYPE = 3

HUB_RICH_TEXT = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]

#: The slug follows the term's (shared by every language): never translated.
_HUB_PAGE_FIELDS = [
    field for field in PAGE_TRANSLATABLE_FIELDS if getattr(field, "field_name", "") != "slug"
]


def featured_block():
    """An ordered list of up to six hand-picked briefs."""
    return StreamField(
        [("item", AnalysisChooserBlock(label=_("Analysis")))],
        blank=True,
        max_num=MAX_PICKS,
        verbose_name=_("featured analysis"),
        help_text=_(
            "Up to six briefs, in the order shown. A draft or private pick is left out for "
            "readers; an Arabic page shows each pick's Arabic edition where it is live."
        ),
    )


class TopicPage(RoutedPageMixin, HeadlessPreviewMixin, Page):
    """The hub of one region or issue, served at the term's landing URL."""

    region = models.ForeignKey(
        "core.Region",
        verbose_name=_("region or country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The region or country this hub is about (or choose an issue below)."),
    )
    issue = models.ForeignKey(
        "core.Issue",
        verbose_name=_("issue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The issue this hub is about (or choose a region above)."),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=HUB_RICH_TEXT,
        help_text=_("Shown under the topic's name, above the featured analysis."),
    )
    featured = featured_block()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("region", widget=forms.Select),
                FieldPanel("issue", widget=forms.Select),
            ],
            heading=_("Topic"),
            help_text=_(
                "The page is served at the topic's address (/policy-analysis/<topic>/) and "
                "takes its slug; its experts, latest items and events follow the topic."
            ),
        ),
        FieldPanel("intro"),
        FieldPanel("featured"),
    ]
    promote_panels = [
        field for field in Page.promote_panels if getattr(field, "field_name", "") != "slug"
    ]
    parent_page_types = ["policyanalysis.AnalysisIndexPage"]
    subpage_types = []
    template = "policyanalysis/topic_page.html"
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    translatable_fields = [
        *_HUB_PAGE_FIELDS,
        SynchronizedField("slug", overridable=False),
        SynchronizedField("region", overridable=False),
        SynchronizedField("issue", overridable=False),
        TranslatableField("intro"),
        TranslatableField("featured"),
    ]

    class Meta:
        verbose_name = _("topic hub")
        verbose_name_plural = _("topic hubs")

    @property
    def term(self):
        """The region or issue, as the default-locale record (the one briefs point at)."""
        term = self.region or self.issue
        if term is None:
            return None
        default = default_locale()
        if term.locale_id == default.pk:
            return term
        return term.get_translation_or_none(default) or term

    def clean(self):
        # Page.clean (after full_clean set the slug from the term) refuses a second hub of
        # the same topic under one index: the slug is taken.
        super().clean()
        if bool(self.region_id) == bool(self.issue_id):
            raise ValidationError(_("Choose either a region or an issue."))

    def full_clean(self, *args, **kwargs):
        # The slug follows the term before Wagtail checks it (also on the page's creation,
        # when the slug field is not offered).
        term = self.region or self.issue
        if term is not None:
            self.slug = term.slug
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        term = self.region or self.issue
        if term is not None:
            self.slug = term.slug
        return super().save(*args, **kwargs)


class ProgramIndexPage(RoutedPageMixin, HeadlessPreviewMixin, Page):
    """/programs/: the institute's named programs."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the list of programs on /programs/."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = None
    subpage_types = ["policyanalysis.ProgramPage"]
    max_count_per_parent = 1
    template = "policyanalysis/program_index_page.html"
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    class Meta:
        verbose_name = _("program index page")

    def get_programs(self):
        """The programs readers may see, in the editors' order."""
        return visible(ProgramPage.objects.child_of(self)).order_by("path")


class ProgramPage(RoutedPageMixin, HeadlessPreviewMixin, Page):
    """A named program: description, director and fellows, featured work and the items of
    its series and keywords."""

    description = RichTextField(
        _("description"),
        blank=True,
        features=HUB_RICH_TEXT,
        help_text=_("What the program studies; shown under the title."),
    )
    director = models.ForeignKey(
        "experts.ExpertPage",
        verbose_name=_("director"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown first among the program's people."),
    )
    featured = featured_block()
    series = ParentalManyToManyField(
        "policyanalysis.Series",
        verbose_name=_("series"),
        blank=True,
        related_name="+",
        help_text=_("The program lists the items of these series and of the keywords below."),
    )
    keywords = ParentalManyToManyField(
        "taggit.Tag",
        verbose_name=_("keywords"),
        blank=True,
        related_name="+",
        help_text=_("The program lists the items with any of these keywords."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("director"),
                RowsInlinePanel("fellows", label=_("Fellow"), heading=_("Fellows (in order)")),
            ],
            heading=_("People"),
        ),
        FieldPanel("featured"),
        MultiFieldPanel(
            [
                FieldPanel("series", widget=forms.CheckboxSelectMultiple),
                FieldPanel("keywords"),
            ],
            heading=_("The program's items"),
        ),
    ]
    parent_page_types = ["policyanalysis.ProgramIndexPage"]
    subpage_types = []
    template = "policyanalysis/program_page.html"
    search_fields = [*Page.search_fields, index.SearchField("description")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("description"),
        TranslatableField("featured"),
        SynchronizedField("director", overridable=False),
        SynchronizedField("fellows", overridable=False),
        SynchronizedField("series", overridable=False),
        SynchronizedField("keywords", overridable=False),
    ]

    class Meta:
        verbose_name = _("program page")


class ProgramFellow(Orderable):
    """One fellow of a program, in the order shown (synchronized to translations: the row
    keeps pointing at the source-language ExpertPage; pages show the reader's edition)."""

    page = ParentalKey(ProgramPage, on_delete=models.CASCADE, related_name="fellows")
    expert = models.ForeignKey(
        "experts.ExpertPage",
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A fellow of the program, listed after the director in this order."),
    )

    panels = [FieldPanel("expert")]

    class Meta(Orderable.Meta):
        verbose_name = _("fellow")
