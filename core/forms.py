"""Admin forms shared by the page types."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, TranslatableMixin

from .localization import default_locale, localize_many


def _as_list(value):
    """A form value (a pk, a model, a list or queryset of either) as a list of pks."""
    if value is None or value == "":
        return []
    items = [value] if isinstance(value, str | int) or hasattr(value, "pk") else list(value)
    return [getattr(item, "pk", item) for item in items]


class LocalizedChoicesPageForm(WagtailAdminPageForm):
    """Offers the page's own locale's snippets (types, regions, issues) as choices.

    Without this every term appears once per language edition in the choosers. A translated
    page holds the terms wagtail-localize synchronized from its source page (the English
    ones): the form shows their counterparts in the page's language as chosen, and accepts
    either the counterpart or the synchronized term on submission, so Wagtail's own editor
    can save an Arabic brief ("Select a valid choice" otherwise). A synchronized term with
    no counterpart yet stays offered as it is. Selects and checkbox lists label the terms in
    the editor's (admin) language. A new page's slug clash is reported next to its title,
    where the editor is.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = getattr(self.instance, "locale_id", None) or default_locale().pk
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if (
                isinstance(field, forms.ModelChoiceField)
                and queryset is not None
                and issubclass(queryset.model, TranslatableMixin)
                and not hasattr(queryset.model, "depth")
            ):
                self._localize_choices(name, field, queryset, locale_id)
                if isinstance(field.widget, forms.Select | forms.CheckboxSelectMultiple):
                    label_terms_in_editors_language(field)

    def _localize_choices(self, name, field, queryset, locale_id):
        model = queryset.model
        current = _as_list(self.initial.get(name))
        submitted = []
        if self.is_bound:
            key = self.add_prefix(name)
            getter = getattr(self.data, "getlist", None)
            submitted = getter(key) if getter else _as_list(self.data.get(key))
        # Only ids are looked up: an empty choice or a malformed value is left to the field,
        # which refuses it with its own message.
        ids = [pk for pk in (_pk(value) for value in [*current, *submitted]) if isinstance(pk, int)]
        foreign = {
            term["pk"]: term["translation_key"]
            for term in model.objects.filter(pk__in=ids)
            .exclude(locale_id=locale_id)
            .values("pk", "translation_key")
        }
        counterparts = dict(
            model.objects.filter(
                locale_id=locale_id, translation_key__in=foreign.values()
            ).values_list("translation_key", "pk")
        )
        counterpart_of = {
            pk: counterparts[key] for pk, key in foreign.items() if key in counterparts
        }
        # Synchronized terms without a counterpart stay valid choices.
        synchronized = {_pk(pk) for pk in current}
        untranslated = [pk for pk in foreign if pk not in counterpart_of and pk in synchronized]
        field.queryset = queryset.filter(Q(locale_id=locale_id) | Q(pk__in=untranslated))
        if current:
            localized = [counterpart_of.get(_pk(pk), pk) for pk in current]
            self.initial[name] = (
                localized if isinstance(field, forms.ModelMultipleChoiceField) else localized[0]
            )
        if submitted and any(_pk(pk) in counterpart_of for pk in submitted):
            data = self.data.copy()
            values = [str(counterpart_of.get(_pk(pk), pk)) for pk in submitted]
            if hasattr(data, "setlist"):
                data.setlist(self.add_prefix(name), values)
            else:
                data[self.add_prefix(name)] = values if len(values) > 1 else values[0]
            self.data = data

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


def _pk(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def label_terms_in_editors_language(field):
    """Label a select's or checkbox list's terms with their names in the active language."""
    terms = list(field.queryset)
    names = {term.pk: str(local) for term, local in zip(terms, localize_many(terms), strict=True)}
    field.label_from_instance = lambda term: names.get(term.pk, str(term))
