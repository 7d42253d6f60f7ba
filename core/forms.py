"""Admin forms shared by the page types."""

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale, Page, TranslatableMixin

from .localization import localize_many


class LocalizedChoicesPageForm(WagtailAdminPageForm):
    """Offers only the page's own locale's snippets (types, regions, issues) as choices,
    labelled in the editor's (admin) language; reports a new page's slug clash next to its
    title, where the editor is.

    Without the first, every term appears once per language edition in the choosers, and the
    form rejects the other editions' terms.
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
                if isinstance(field.widget, forms.Select | forms.CheckboxSelectMultiple):
                    label_terms_in_editors_language(field)

    def clean(self):
        cleaned_data = super().clean()
        slug_errors = self.errors.get("slug")
        if slug_errors and self.instance.pk is None and "title" in self.fields:
            # A new page's slug comes from its title: a clash (often with a draft autosave
            # kept from an abandoned attempt) is the title's problem as far as the editor sees.
            clash = self._slug_clash(cleaned_data.get("slug") or self.data.get("slug"))
            if clash is not None:
                self.add_error(
                    "title",
                    _(
                        "The address “%(slug)s” is already used by “%(title)s” (%(status)s) "
                        "in this section. Change the title, or the slug on the Promote tab."
                    )
                    % {
                        "slug": clash.slug,
                        "title": clash.get_admin_display_title(),
                        "status": clash.status_string,
                    },
                )
        return cleaned_data

    def _slug_clash(self, slug):
        if not slug or self.parent_page is None:
            return None
        return Page.objects.child_of(self.parent_page).filter(slug=slug).first()


def label_terms_in_editors_language(field):
    """Label a select's or checkbox list's terms with their names in the active language."""
    terms = list(field.queryset)
    names = {term.pk: str(local) for term, local in zip(terms, localize_many(terms), strict=True)}
    field.label_from_instance = lambda term: names.get(term.pk, str(term))
