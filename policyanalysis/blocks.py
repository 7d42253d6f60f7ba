"""The Recommended block: hand-picked analysis cards, topped up automatically."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.visibility import visible_ids

MAX_PICKS = 6
MIN_CARDS = 3


class AnalysisChooserBlock(blocks.PageChooserBlock):
    """Chooses a brief with the chooser the admin registered for foreign keys to briefs (the
    editor's desk registers one that opens on the analysis, searchable and filterable by type
    and date); Wagtail's page chooser when none is registered."""

    def __init__(self, **kwargs):
        kwargs.setdefault("page_type", "policyanalysis.BriefPage")
        super().__init__(**kwargs)

    @cached_property
    def widget(self):
        from wagtail.admin.forms.models import registry

        field = models.ForeignKey(self.target_model, on_delete=models.CASCADE)
        override = registry.get(field) or {}
        override = override(field) if callable(override) else override
        widget = override.get("widget")
        if widget is None:
            return super().widget
        return widget() if isinstance(widget, type) else widget

    def get_form_state(self, value):
        from wagtail.admin.widgets import AdminPageChooser

        if isinstance(self.widget, AdminPageChooser):
            return super().get_form_state(value)
        return self.widget.get_value_data(value)


class RecommendedAnalysisBlock(blocks.StructBlock):
    """A heading and up to six hand-picked briefs; fewer than three are topped up with the
    newest live analysis sharing a region or issue with the page."""

    heading = blocks.CharBlock(label=_("Heading"), default=_("Recommended"), max_length=100)
    items = blocks.ListBlock(
        AnalysisChooserBlock(label=_("Analysis")),
        label=_("Hand-picked analysis"),
        max_num=MAX_PICKS,
        min_num=0,
        help_text=_(
            "Up to six. With fewer than three, the newest analysis sharing a region or issue "
            "fills the remaining places."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Recommended analysis")
        template = "policyanalysis/blocks/recommended.html"
        description = _("Cards linking to related analysis.")
        preview_value = {"heading": "Recommended", "items": []}

    def get_api_representation(self, value, context=None):
        """The heading and the ids of the picks readers may see (Wagtail's API v2): a
        draft, private or expired pick is left out, as on the page itself."""
        picks = [page.pk for page in value.get("items") or [] if page is not None]
        shown = visible_ids(picks)
        return {"heading": value.get("heading"), "items": [pk for pk in picks if pk in shown]}


class RecommendedStreamBlock(blocks.StreamBlock):
    """Holds at most one Recommended block (a StreamField must hold a StreamBlock)."""

    recommended = RecommendedAnalysisBlock()

    class Meta:
        max_num = 1
