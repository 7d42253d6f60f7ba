"""Admin forms shared by the page types."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale, TranslatableMixin


class LocalizedChoicesPageForm(WagtailAdminPageForm):
    """Offers only the page's own locale's snippets (types, regions, issues) as choices.

    Without this every term appears once per language edition in the choosers.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = getattr(self.instance, "locale_id", None) or Locale.get_default().pk
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if (
                isinstance(field, forms.ModelChoiceField)
                and queryset is not None
                and issubclass(queryset.model, TranslatableMixin)
                and not hasattr(queryset.model, "depth")
            ):
                field.queryset = queryset.filter(locale_id=locale_id)
