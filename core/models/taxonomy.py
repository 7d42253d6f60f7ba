"""Controlled vocabularies editors manage as snippets: publication types, regions and issues.

Names are translated through wagtail-localize; slugs are shared by every locale so that
filters and URLs (`?region=iraq`, `/policy-analysis/iraq/`) are the same in each edition.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """A named term of a controlled vocabulary, translatable, with a locale-independent slug."""

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_(
            "The term as readers see it in this language: on cards, in filters and as the heading "
            "of its page."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Used in URLs and filters; shared by every language edition."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_(
            "For regions and countries, issues and series: shown under the heading of the term's "
            "page. Other vocabularies do not show it."
        ),
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class PublicationType(TaxonomyTerm):
    """Brief Analysis, Articles & Testimony, Podcast… (editor-managed, not code)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("publication type")
        verbose_name_plural = _("publication types")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_type_slug_per_locale")
        ]


class Region(TaxonomyTerm):
    """A region or country that analysis is about."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("region or country")
        verbose_name_plural = _("regions and countries")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_region_slug_per_locale")
        ]


class Issue(TaxonomyTerm):
    """A policy issue that analysis is about."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_issue_slug_per_locale")
        ]
