"""Admin panels shared by the page types."""

from django.core.exceptions import ValidationError
from django.forms.formsets import ORDERING_FIELD_NAME as ORDER
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

#: Fields the formset adds to every row; a row where only these have values is blank.
FORMSET_BOOKKEEPING = {"ORDER", "DELETE", "id"}


class BlankRowsIgnoredForm(WagtailAdminModelForm):
    """A row of an inline panel that counts as unchanged until the editor fills a field.

    A row the editor has just added carries its position (ORDER), so Django's formset would
    validate it and report its empty required fields: autosave then pauses "with validation
    errors" while the editor is still choosing an expert."""

    def has_changed(self):
        return any(name not in FORMSET_BOOKKEEPING for name in self.changed_data)

    def full_clean(self):
        super().full_clean()
        # A blank row is not validated, but Wagtail's panel and the formset still sort every
        # row by its position: keep that one value.
        if self.is_bound and ORDER in self.fields and ORDER not in self.cleaned_data:
            try:
                self.cleaned_data[ORDER] = self.fields[ORDER].clean(self[ORDER].data)
            except ValidationError:
                self.cleaned_data[ORDER] = None


class UnsavedRowsFormSet(BaseChildFormSet):
    """A child formset that keeps the rows autosave skipped while they were blank.

    After an autosave Wagtail counts every row as saved (``INITIAL_FORMS`` becomes the total)
    and fills in the ids of the rows it created. A row that was blank then has no id but sits
    among the "initial" rows, which Django's formset validates whether blank or not: the next
    autosave would pause on it again. Here such a row stays optional while blank; once it has a
    value, modelcluster's formset saves it as a new row (an initial row without an id), by the
    next autosave and by Save alike, and the id Wagtail then sends back keeps it saved once.
    """

    def _is_unsaved_row(self, i):
        return (
            self.is_bound
            and i < self.initial_form_count()
            and not self.data.get(f"{self.add_prefix(i)}-{self.model._meta.pk.name}")
        )

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self._is_unsaved_row(i):
            form.empty_permitted = True
            form.use_required_attribute = False
        return form


class RowsInlinePanel(InlinePanel):
    """Wagtail's InlinePanel whose blank rows are ignored until the editor fills one
    (``BlankRowsIgnoredForm``) and whose rows skipped by an autosave are kept
    (``UnsavedRowsFormSet``)."""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        base = formset.get("form")
        if base is None:
            formset["form"] = BlankRowsIgnoredForm
        else:
            formset["form"] = type(base.__name__, (BlankRowsIgnoredForm, base), {})
        formset["formset"] = UnsavedRowsFormSet
        return options
