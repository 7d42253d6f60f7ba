"""The site-wide strings of the public chrome, one edition per language: the institute's name,
tagline, footer text and contact address.

Wagtail's settings (``BaseSiteSetting``) have one row per site and cannot be translated
(wagtail/wagtail#11508; wagtail-localize#681 closes it as a core matter). The way both projects
point to is a translatable snippet tied to the site: editors write the English identity under
Snippets, and translators translate it like any other snippet in wagtail-localize's editor, so
the header, footer, ``<title>`` and OpenGraph tags of an Arabic page are written in Arabic.

The same row holds the header's main sections and the footer's links (StreamFields of links):
their labels and addresses are translated with the rest. wagtail-localize keeps a chosen page
as it is (an overridable value); ``core_tags.site_links`` links the chosen page's edition in
the reader's language when readers may see one. The links come with the identity's own query;
their pages cost one query for header and footer together.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

#: Where a link that is not a page may point: another site, a path of this one, an anchor.
LINK_PREFIXES = ("https://", "http://", "mailto:", "/", "#")


class NavigationLinkBlock(blocks.StructBlock):
    """One link of the header or footer: a page of the site (its title is the label unless
    one is given) or an address with a label."""

    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("address"),
        required=False,
        max_length=500,
        help_text=_("Instead of a page: https://…, /a/path/ or #an-anchor."),
    )
    label = blocks.CharBlock(
        label=_("label"),
        required=False,
        max_length=80,
        help_text=_("Shown as the link's text; a page's title when empty."),
    )

    class Meta:
        label = _("link")
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        page, url, label = value.get("page"), (value.get("url") or "").strip(), value.get("label")
        if bool(page) == bool(url):
            raise ValidationError(_("Choose a page or write an address (one of the two)."))
        if url and not url.startswith(LINK_PREFIXES):
            raise ValidationError(_("An address starts with https://, http://, mailto:, / or #."))
        if url and not label:
            raise ValidationError(_("A link to an address needs a label."))
        return value


#: The networks the footer names (the link's text is the network's name, its accessible name).
SOCIAL_NETWORKS = [
    ("x", "X"),
    ("linkedin", "LinkedIn"),
    ("facebook", "Facebook"),
    ("youtube", "YouTube"),
    ("instagram", "Instagram"),
    ("bluesky", "Bluesky"),
    ("mastodon", "Mastodon"),
    ("rss", "RSS"),
]


class SocialLinkBlock(blocks.StructBlock):
    """The institute's account on one network."""

    network = blocks.ChoiceBlock(label=_("network"), choices=SOCIAL_NETWORKS)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        label = _("social link")
        icon = "site"


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

    navigation = StreamField(
        [("link", NavigationLinkBlock())],
        blank=True,
        verbose_name=_("main sections"),
        help_text=_(
            "The header's links, in order. Empty: the home page's children shown in menus."
        ),
    )
    footer_links = StreamField(
        [("link", NavigationLinkBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_("E.g. About, Contact, Privacy."),
    )
    social_links = StreamField(
        [("social", SocialLinkBlock())],
        blank=True,
        verbose_name=_("social links"),
        help_text=_("The institute's accounts, listed in the footer."),
    )

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("tagline"),
        FieldPanel("footer_text"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [FieldPanel("navigation"), FieldPanel("footer_links"), FieldPanel("social_links")],
            heading=_("Navigation"),
        ),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("tagline"),
        TranslatableField("footer_text"),
        TranslatableField("navigation"),
        TranslatableField("footer_links"),
        SynchronizedField("social_links"),
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
