"""Choosers that open where the editor expects: authors on the experts, Recommended picks on
the analysis.

Both are Wagtail ``ChooserViewSet``s over page models. Registering them makes them the widget
of every foreign key to ``ExpertPage`` (a brief's author rows) and to ``BriefPage`` (the
Recommended block's ``AnalysisChooserBlock`` looks the widget up the same way), so the content
apps need not import this app.
"""

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.images import get_image_model

from core.forms import label_terms_in_editors_language
from core.localization import default_locale
from core.models import PublicationType
from experts.models import ExpertPage
from policyanalysis.models import BriefAuthor, BriefPage

from .listings import ANALYSIS_READERS, DeskRows

PHOTO_FILTER = "fill-48x48"


class PhotoColumn(Column):
    """An expert's portrait, small (its rendition was prefetched with the rows)."""

    cell_template_name = "editorial/choosers/photo_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        photo = instance.photo
        context["rendition"] = photo.get_rendition(PHOTO_FILTER) if photo else None
        context["name"] = instance.title
        return context


class ExpertChooserMixin:
    """Live and draft expert profiles of the default language edition (authors of every
    edition point at those), searchable by name, with position and photo."""

    def get_object_list(self):
        images = get_image_model().objects.prefetch_renditions(PHOTO_FILTER)
        return (
            ExpertPage.objects.filter(locale=default_locale())
            .select_related("locale")
            .prefetch_related(Prefetch("photo", queryset=images))
            .order_by("title")
        )

    def get_filter_form_class(self):
        return type("ExpertFilterForm", (SearchFilterMixin, BaseFilterForm), {})

    @property
    def columns(self):
        return [
            PhotoColumn("photo", label=_("Photo"), width="8%"),
            self.title_column,
            Column("position", label=_("Position")),
        ]


class ExpertChooseView(ExpertChooserMixin, ChooseView):
    pass


class ExpertChooseResultsView(ExpertChooserMixin, ChooseResultsView):
    pass


class ExpertChooserViewSet(ChooserViewSet):
    """The author picker."""

    model = ExpertPage
    icon = "user"
    choose_one_text = _("Choose an expert")
    choose_another_text = _("Choose another expert")
    edit_item_text = _("Edit this expert")
    choose_view_class = ExpertChooseView
    choose_results_view_class = ExpertChooseResultsView
    per_page = 20


class AnalysisFilterForm(SearchFilterMixin, BaseFilterForm):
    """Search the analysis, narrow it by publication type and a date range."""

    publication_type = forms.ModelChoiceField(
        label=_("Publication type"),
        queryset=PublicationType.objects.none(),
        required=False,
        empty_label=_("All types"),
    )
    date_from = forms.DateField(
        label=_("Published on or after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("Published on or before"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["publication_type"]
        field.queryset = PublicationType.objects.filter(locale=default_locale())
        label_terms_in_editors_language(field)

    def filter(self, objects):
        # Narrow before searching: search backends accept a filtered queryset.
        if self.is_valid():
            term = self.cleaned_data.get("publication_type")
            if term is not None:
                objects = objects.filter(publication_type__translation_key=term.translation_key)
            if self.cleaned_data.get("date_from"):
                objects = objects.filter(date__gte=self.cleaned_data["date_from"])
            if self.cleaned_data.get("date_to"):
                objects = objects.filter(date__lte=self.cleaned_data["date_to"])
            self.is_filtering = any(
                self.cleaned_data.get(name) for name in ("publication_type", "date_from", "date_to")
            )
        return super().filter(objects)


class AnalysisChooserMixin:
    """Analysis of every language edition, newest first, with date, type and authors."""

    def get_object_list(self):
        return (
            BriefPage.objects.all()
            .select_related("locale")
            .prefetch_related(
                Prefetch("authors", queryset=BriefAuthor.objects.select_related("expert"))
            )
            .order_by("-date", "-pk")
        )

    def apply_object_list_ordering(self, objects):
        return objects

    def get_filter_form_class(self):
        return AnalysisFilterForm

    def get_results_page(self, request):
        page = super().get_results_page(request)
        DeskRows(page.object_list, ANALYSIS_READERS).decorate()
        return page

    @property
    def columns(self):
        return [
            self.title_column,
            DateColumn("date", label=_("Date"), width="12%"),
            Column("desk_type", label=_("Type"), width="16%"),
            Column("desk_authors", label=_("Authors"), width="24%"),
            Column("locale", label=_("Language"), accessor="locale.get_display_name", width="10%"),
        ]


class AnalysisChooseView(AnalysisChooserMixin, ChooseView):
    pass


class AnalysisChooseResultsView(AnalysisChooserMixin, ChooseResultsView):
    pass


class AnalysisChooserViewSet(ChooserViewSet):
    """The Recommended picker (and any other foreign key to a brief)."""

    model = BriefPage
    icon = "doc-full-inverse"
    choose_one_text = _("Choose analysis")
    choose_another_text = _("Choose other analysis")
    edit_item_text = _("Edit this analysis")
    choose_view_class = AnalysisChooseView
    choose_results_view_class = AnalysisChooseResultsView
    preserve_url_parameters = ["multiple"]
    per_page = 20


expert_chooser = ExpertChooserViewSet("expert_chooser", url_prefix="desk/choose-expert")
analysis_chooser = AnalysisChooserViewSet("analysis_chooser", url_prefix="desk/choose-analysis")
