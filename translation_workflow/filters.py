"""The translation queue's filter form: title, status, page or snippet type, and author."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.models import Page

from core.localization import default_locale
from experts.models import ExpertPage

from .status import TranslationStatus, translatable_page_models, translatable_snippet_models


def page_type_choices(request):
    models = [*translatable_page_models(), *translatable_snippet_models()]
    return ContentType.objects.filter(
        pk__in=[ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
    ).order_by("model")


def expert_choices(request):
    return ExpertPage.objects.filter(locale=default_locale()).order_by("title")


class TranslationQueueFilterSet(WagtailFilterSet):
    """Filters read by the view; statuses are computed in Python (see status.py), so the
    filterset only validates input and renders Wagtail's filter drawer."""

    title = django_filters.CharFilter(label=_("Title contains"), method="keep")
    status = django_filters.ChoiceFilter(
        label=_("Arabic status"), choices=TranslationStatus.choices, method="keep"
    )
    page_type = ContentTypeFilter(label=_("Type"), queryset=page_type_choices, method="keep")
    expert = django_filters.ModelChoiceFilter(
        label=_("Author"), queryset=expert_choices, method="keep"
    )

    class Meta:
        model = Page
        fields = []

    def keep(self, queryset, name, value):
        return queryset
