"""The home page: featured analysis and the latest briefs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.localization import PAGE_TRANSLATABLE_FIELDS
from core.models import RoutedPageMixin
from policyanalysis.blocks import RecommendedStreamBlock
from policyanalysis.models import BriefPage
from policyanalysis.recommendations import (
    cards_in_order,
    recommended_cards,
    recommended_choice,
    recommended_picks,
)


class HomePage(RoutedPageMixin, Page):
    """The site's front page, one per language edition."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown on the home page above the featured analysis, and sent by the API."),
    )
    featured = StreamField(
        RecommendedStreamBlock(),
        blank=True,
        verbose_name=_("featured analysis"),
        help_text=_("Hand-pick up to six briefs; fewer than three are topped up with the newest."),
    )
    latest_count = models.PositiveSmallIntegerField(
        _("number of latest briefs"),
        default=6,
        help_text=_("How many of the newest briefs to list."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("featured"),
        FieldPanel("latest_count"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "experts.ExpertIndexPage",
        "policyanalysis.AnalysisIndexPage",
        "policyanalysis.ProgramIndexPage",
        "events.EventIndexPage",
        "podcasts.PodcastShowPage",
    ]
    max_count_per_parent = 1
    api_fields = [APIField("intro"), APIField("featured"), APIField("latest_count")]
    template = "home/home_page.html"
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("featured"),
        SynchronizedField("latest_count", overridable=False),
    ]

    class Meta:
        verbose_name = _("home page")

    def get_featured(self):
        """(heading, cards) for the featured block; the newest briefs when none is set."""
        heading, picks = self._featured_picks()
        return heading, recommended_cards(self, picks)

    def get_featured_and_latest(self):
        """(heading, featured cards, latest cards): the latest leave out the featured
        briefs, and both sets of cards are built in one pass (one set of queries)."""
        heading, picks = self._featured_picks()
        chosen = recommended_choice(self, picks, self.locale)
        latest = (
            BriefPage.objects.for_readers(self.locale)
            .exclude(pk__in=list(chosen))
            .values_list("pk", flat=True)[: self.latest_count]
        )
        featured, latest = cards_in_order(chosen, self.locale, more=list(latest))
        return heading, featured, latest

    def _featured_picks(self):
        return recommended_picks(self, self.featured, default_heading=_("Featured analysis"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        (
            context["featured_heading"],
            context["featured_cards"],
            context["latest"],
        ) = self.get_featured_and_latest()
        return context
