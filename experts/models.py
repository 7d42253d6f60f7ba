"""Expert profile pages and the index that lists them."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.forms import LocalizedChoicesPageForm
from core.localization import PAGE_TRANSLATABLE_FIELDS
from core.models import Issue, Region, RoutedPageMixin
from core.panels import RowsInlinePanel
from core.preview import HeadlessPreviewMixin
from core.visibility import visible
from core.vocabulary import linked_ids, localized_terms

#: Name of the hook through which the app that holds authored content (policyanalysis)
#: gives an expert's publications without experts importing it:
#: ``fn(expert_page, locale, page_number, per_page) -> django.core.paginator.Page`` of cards.
EXPERT_PUBLICATIONS_HOOK = "expert_publications"

PUBLICATIONS_PER_PAGE = 10


def validate_link_url(value):
    """Accept http(s) URLs and mailto: addresses."""
    if value.startswith("mailto:"):
        if "@" not in value:
            raise ValidationError(_("Enter a valid e-mail address after mailto:."))
        return
    URLValidator(schemes=["http", "https"])(value)


class ExpertIndexPage(RoutedPageMixin, HeadlessPreviewMixin, Page):
    """/experts/: every expert in this language edition, alphabetically."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Shown above the list of experts on the experts page (and sent by the API as its "
            "intro)."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # Any parent that allows it (the site's home page lists these as its subpage types).
    parent_page_types = None
    subpage_types = ["experts.ExpertPage"]
    max_count_per_parent = 1
    api_fields = [APIField("intro")]
    template = "experts/expert_index_page.html"
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    class Meta:
        verbose_name = _("expert index page")

    def get_experts(self):
        return visible(ExpertPage.objects.child_of(self)).select_related("photo").order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["experts"] = self.get_experts()
        return context


class ExpertPage(RoutedPageMixin, HeadlessPreviewMixin, Page):
    """A scholar's or fellow's public profile; the title is the expert's name."""

    routed_select_related = ("photo",)

    position = models.CharField(
        _("position"),
        max_length=255,
        blank=True,
        help_text=_("One line, e.g. 'Professor of Political Science, University of Akron'."),
    )
    short_bio = models.TextField(
        _("short bio"),
        max_length=600,
        help_text=_(
            "One or two sentences, shown at the top of the expert's page and under 'About the "
            "authors' on briefs (a brief may replace it with its own)."
        ),
    )
    bio = RichTextField(
        _("biography"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_(
            "The full biography on the expert's page. Bylines and “About the authors” use the "
            "short bio instead."
        ),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set the focal point on the face: crops keep it in view."),
    )
    expertise_regions = ParentalManyToManyField(
        "core.Region",
        verbose_name=_("regions and countries"),
        blank=True,
        related_name="experts",
        help_text=_("Listed under “Expertise” on the expert's page and sent by the API."),
    )
    expertise_issues = ParentalManyToManyField(
        "core.Issue",
        verbose_name=_("issues"),
        blank=True,
        related_name="experts",
        help_text=_("Listed under “Expertise” on the expert's page and sent by the API."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=255,
        blank=True,
        help_text=_("Languages the expert speaks, comma-separated, e.g. 'English, Arabic'."),
    )

    content_panels = [
        FieldPanel("title", heading=_("Name")),
        FieldPanel("position"),
        FieldPanel("short_bio"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    expertise_panels = [
        FieldPanel("expertise_regions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("expertise_issues", widget=forms.CheckboxSelectMultiple),
        FieldPanel("languages"),
        RowsInlinePanel("links", label=_("Links"), heading=_("Links (e-mail, website, social)")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(expertise_panels, heading=_("Expertise & links")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("position"),
        index.SearchField("short_bio"),
        index.SearchField("bio"),
    ]
    base_form_class = LocalizedChoicesPageForm
    parent_page_types = ["experts.ExpertIndexPage"]
    api_fields = [
        APIField("position"),
        APIField("short_bio"),
        APIField("bio"),
        APIField("photo"),
        APIField("languages"),
        APIField("links"),
    ]
    subpage_types = []
    template = "experts/expert_page.html"
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("position"),
        TranslatableField("short_bio"),
        TranslatableField("bio"),
        TranslatableField("languages"),
        SynchronizedField("photo"),
        SynchronizedField("expertise_regions", overridable=False),
        SynchronizedField("expertise_issues", overridable=False),
        SynchronizedField("links"),
    ]

    class Meta:
        verbose_name = _("expert page")

    @property
    def name(self):
        return self.title

    @property
    def photo_alt(self):
        return _("Portrait of %(name)s") % {"name": self.title}

    def get_expertise_terms(self, locale=None):
        """(regions, issues) of the expert's expertise in ``locale`` (default: the page's),
        in one query (core.vocabulary)."""
        locale = locale or self.locale
        linked = linked_ids(self, ["expertise_regions", "expertise_issues"])
        return (
            localized_terms(Region, linked["expertise_regions"], locale),
            localized_terms(Issue, linked["expertise_issues"], locale),
        )

    def get_expertise(self):
        """Regions then issues, in the reader's language."""
        regions, issues = self.get_expertise_terms()
        return [*regions, *issues]

    def get_publications(self, page_number=None, locale=None):
        """One page of the analysis this expert authored in ``locale`` (default: the
        page's own), newest first; empty when no app provides publications."""
        for fn in hooks.get_hooks(EXPERT_PUBLICATIONS_HOOK):
            return fn(self, locale or self.locale, page_number, PUBLICATIONS_PER_PAGE)
        return Paginator([], PUBLICATIONS_PER_PAGE).get_page(1)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["publications"] = self.get_publications(request.GET.get("page"))
        context["expertise"] = self.get_expertise()
        context["links"] = list(self.links.all())
        return context


class ExpertLink(Orderable):
    """An ordered link on an expert's profile: e-mail, website or social account."""

    KIND_CHOICES = [
        ("email", _("E-mail")),
        ("website", _("Website")),
        ("x", _("X (Twitter)")),
        ("linkedin", _("LinkedIn")),
        ("bluesky", _("Bluesky")),
        ("other", _("Other")),
    ]

    page = ParentalKey(ExpertPage, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=KIND_CHOICES,
        default="website",
        help_text=_(
            "What the address is; its name is the link text when the label is empty, and e-mail "
            "links are not marked as the expert's own profiles."
        ),
    )
    label = models.CharField(
        _("label"),
        max_length=100,
        blank=True,
        help_text=_(
            "The link text on the expert's page, e.g. “@handle”. Leave empty to show the kind's "
            "name in the reader's language."
        ),
    )
    url = models.CharField(
        _("URL"),
        max_length=500,
        validators=[validate_link_url],
        help_text=_("A web address (https://…) or, for e-mail, mailto:name@example.org."),
    )

    panels = [FieldPanel("kind"), FieldPanel("label"), FieldPanel("url")]
    api_fields = [APIField("kind"), APIField("label"), APIField("url")]

    def __str__(self):
        return self.label or self.get_kind_display()
