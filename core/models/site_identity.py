"""The site-wide strings of the public chrome, one edition per language: the institute's name,
tagline, footer text and contact address.

Wagtail's settings (``BaseSiteSetting``) have one row per site and cannot be translated
(wagtail/wagtail#11508; wagtail-localize#681 closes it as a core matter). The way both projects
point to is a translatable snippet tied to the site: editors write the English identity under
Snippets, and translators translate it like any other snippet in wagtail-localize's editor, so
the header, footer, ``<title>`` and OpenGraph tags of an Arabic page are written in Arabic.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class SiteIdentity(TranslatableMixin, models.Model):
    """What the chrome of one Wagtail site says about the institute, in one language."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="identities",
        help_text=_("The Wagtail site whose pages show this identity (one per site and language)."),
    )
    name = models.CharField(
        _("institute name"),
        max_length=255,
        help_text=_("Shown in the header, the footer, browser tabs and link previews."),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=255,
        blank=True,
        help_text=_("One line under the name in the footer."),
    )
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        help_text=_("A short paragraph in the footer, e.g. the copyright holder."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Shown in the footer; the same in every language."),
    )

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("tagline"),
        FieldPanel("footer_text"),
        FieldPanel("contact_email"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("tagline"),
        TranslatableField("footer_text"),
        SynchronizedField("site", overridable=False),
        SynchronizedField("contact_email", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site identity")
        verbose_name_plural = _("site identities")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "locale"], name="unique_site_identity_per_locale"
            )
        ]

    def __str__(self):
        return self.name
