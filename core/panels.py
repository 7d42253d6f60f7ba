"""Admin panels shared by the page types."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

#: Fields the formset adds to every row; a row where only these have values is blank.
FORMSET_BOOKKEEPING = {"ORDER", "DELETE", "id"}


class BlankRowsIgnoredForm(WagtailAdminModelForm):
    """A row of an inline panel that counts as unchanged until the editor fills a field.

    A row the editor has just added carries its position (ORDER), so Django's formset would
    validate it and report its empty required fields: autosave then pauses "with validation
    errors" while the editor is still choosing an expert. A blank new row is skipped instead,
    by autosave and by Save alike (Django's rule for unchanged extra rows)."""

    def has_changed(self):
        return any(name not in FORMSET_BOOKKEEPING for name in self.changed_data)


class RowsInlinePanel(InlinePanel):
    """Wagtail's InlinePanel whose blank new rows are ignored (``BlankRowsIgnoredForm``)."""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        base = formset.get("form")
        if base is None:
            formset["form"] = BlankRowsIgnoredForm
        else:
            formset["form"] = type(base.__name__, (BlankRowsIgnoredForm, base), {})
        return options
