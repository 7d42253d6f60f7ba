"""The apparatus of real publications: outlets, series, report, op-ed and testimony details.

``Outlet`` and ``Series`` are editor-managed, translatable vocabularies (snippets). Their
names and descriptions are translated; slugs, homepages and images are shared by every
language edition, as for the taxonomy in ``core``. ``PublicationDetails`` holds the fields
an analysis item carries beyond a plain brief: the outlet and address of an op-ed published
elsewhere, the series number, page count and PDF of a report, and the hearing of a
testimony. ``BriefPage`` inherits them (``models.py``).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.localization import visible_editions
from core.models import TaxonomyTerm
from core.panels import RowsInlinePanel


class Outlet(TranslatableMixin, index.Indexed, models.Model):
    """A newspaper, magazine or site where experts publish (The Hill, Foreign Policy…)."""

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("The newspaper or site as cards name it (“Read on …”) in this language."),
    )
    homepage = models.URLField(
        _("homepage"), blank=True, help_text=_("The outlet's own site, e.g. https://thehill.com/.")
    )

    panels = [FieldPanel("name"), FieldPanel("homepage")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("homepage", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Series(TaxonomyTerm, ClusterableModel):
    """A series, platform or format that cuts across publication types ("Policy Notes",
    "Militia Spotlight", "Fikra Forum", "Maps & Graphics", "Video"): shown as a badge on
    its items, with a page of its own that lists them. A vocabulary like the taxonomy's,
    with an image and, for a platform, its own contributors (experts, in order)."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown beside the description at the top of the series' page."),
    )

    panels = [
        *TaxonomyTerm.panels[:3],
        FieldPanel("image"),
        *TaxonomyTerm.panels[3:],
        RowsInlinePanel(
            "contributors",
            label=_("Contributor"),
            heading=_("Contributors (in this order)"),
            help_text=_(
                "For a platform with its own writers: shown on the series page and sent "
                "by the API, each linking to the expert's profile."
            ),
        ),
    ]
    translatable_fields = [
        *TaxonomyTerm.translatable_fields,
        SynchronizedField("image"),
        # The rows point at the source-language experts; readers get each expert's
        # edition in their language (get_contributors), as briefs do with authors.
        SynchronizedField("contributors", overridable=False),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("series")
        verbose_name_plural = _("series")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_series_slug_per_locale")
        ]

    def get_contributors(self, locale=None):
        """The contributors' expert profiles readers of ``locale`` may see, in order, each
        in that language when it has an edition there (``is_fallback`` otherwise). Hidden
        profiles (draft, private, expired) are left out. Two queries."""
        rows = self.contributors.select_related("expert").order_by("sort_order", "pk")
        return [person for person in visible_editions([r.expert for r in rows], locale) if person]


class SeriesContributor(Orderable):
    """An expert who writes for a series or platform, in the order the series lists them."""

    series = ParentalKey(Series, on_delete=models.CASCADE, related_name="contributors")
    expert = models.ForeignKey(
        "experts.ExpertPage",
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Listed on the series page in this order, linking to the expert's profile."),
    )

    panels = [FieldPanel("expert")]

    class Meta(Orderable.Meta):
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")

    def __str__(self):
        return str(self.expert)


class EndnoteBlock(blocks.RichTextBlock):
    """One endnote: its number is its position in the list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "document-link"])
        super().__init__(**kwargs)

    class Meta:
        icon = "list-ol"
        label = _("Note")


class PublicationDetails(models.Model):
    """Fields of reports, op-eds and testimony, each optional (a brief uses none)."""

    outlet = models.ForeignKey(
        "policyanalysis.Outlet",
        verbose_name=_("outlet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the full text was published (for op-eds and articles)."),
    )
    external_url = models.URLField(
        _("external address"),
        max_length=500,
        blank=True,
        help_text=_("The full text on the outlet's site; cards link there as “Read on …”."),
    )
    series = ParentalManyToManyField(
        "policyanalysis.Series",
        verbose_name=_("series"),
        blank=True,
        related_name="+",
        help_text=_(
            "The series this item is part of: it is listed on each series' page and can be "
            "filtered by series."
        ),
    )
    series_number = models.CharField(
        _("number in series"),
        max_length=20,
        blank=True,
        help_text=_("E.g. 31 for “Policy Notes 31”."),
    )
    page_count = models.PositiveIntegerField(
        _("page count"), null=True, blank=True, help_text=_("Pages of the printed report.")
    )
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The report as a PDF; shown as a download with its size and page count."),
    )
    committee = models.CharField(
        _("committee"),
        max_length=255,
        blank=True,
        help_text=_("For testimony: e.g. Subcommittee on the Middle East."),
    )
    chamber = models.CharField(
        _("chamber"), max_length=100, blank=True, help_text=_("E.g. House of Representatives.")
    )
    hearing_title = models.CharField(
        _("hearing title"),
        max_length=255,
        blank=True,
        help_text=_("For testimony: the hearing's name, shown in the Testimony box."),
    )
    hearing_date = models.DateField(
        _("hearing date"),
        null=True,
        blank=True,
        help_text=_("For testimony: the day of the hearing, shown in the Testimony box."),
    )
    hearing_video_url = models.URLField(
        _("hearing video"),
        max_length=500,
        blank=True,
        help_text=_("For testimony: a recording of the hearing, linked as “Watch the hearing”."),
    )
    endnotes = StreamField(
        [("note", EndnoteBlock())],
        blank=True,
        verbose_name=_("endnotes"),
        help_text=_(
            "Numbered in this order. In the body, mark a reference with a superscript number "
            "(the x² button): it links to its note, and the note links back."
        ),
    )

    publication_panels = [
        FieldPanel("endnotes"),
        MultiFieldPanel(
            [FieldPanel("outlet"), FieldPanel("external_url")],
            heading=_("Published elsewhere"),
            help_text=_("For op-eds and articles published by another outlet."),
        ),
        FieldPanel("series", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("series_number"), FieldPanel("page_count")]),
                FieldPanel("pdf"),
            ],
            heading=_("Report"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("committee"), FieldPanel("chamber")]),
                FieldRowPanel([FieldPanel("hearing_title"), FieldPanel("hearing_date")]),
                FieldPanel("hearing_video_url"),
            ],
            heading=_("Testimony"),
            help_text=_("For testimony: the hearing it was given at."),
        ),
    ]
    publication_translatable_fields = [
        SynchronizedField("outlet", overridable=False),
        SynchronizedField("external_url"),
        SynchronizedField("series", overridable=False),
        SynchronizedField("series_number", overridable=False),
        SynchronizedField("page_count"),
        SynchronizedField("pdf"),
        TranslatableField("committee"),
        TranslatableField("chamber"),
        TranslatableField("hearing_title"),
        SynchronizedField("hearing_date", overridable=False),
        SynchronizedField("hearing_video_url"),
        TranslatableField("endnotes"),
    ]

    class Meta:
        abstract = True

    def clean_publication_details(self):
        """An outlet without an address is fine (print only); an address needs an outlet
        to name in "Read on …"."""
        if self.external_url and not self.outlet_id:
            raise ValidationError(
                {"outlet": _("Choose the outlet that published the full text at this address.")}
            )

    @property
    def has_hearing(self):
        return bool(self.committee or self.hearing_title or self.hearing_date)


#: The Wagtail hook through which an app that renders analysis as PDF (``pdfs``, above this
#: one) gives the path of a brief's PDF edition, so that the API and the citation tags can
#: name it without importing that app: ``fn(brief) -> path or ""``.
PDF_EDITION_HOOK = "analysis_pdf_edition_url"


def pdf_edition_path(brief):
    """The site path of ``brief``'s PDF edition, "" when no installed app makes one (or
    the brief is not one readers can see yet)."""
    for fn in hooks.get_hooks(PDF_EDITION_HOOK):
        path = fn(brief)
        if path:
            return path
    return ""
