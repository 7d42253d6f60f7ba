"""Inline rows the editor is still filling (``core.panels.RowsInlinePanel``): autosave does not
pause on a blank new author row, and the row is kept once the editor chooses its expert, by the
next autosave or by Save, even after autosave has counted it among the saved rows
(``INITIAL_FORMS``). The withdrawn first attempt lost that row (docs/editorial.md)."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.admin_forms import brief_form

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def draft(tree):
    kind = factories.publication_type()
    brief = factories.brief("Dams and diplomacy", type=kind, publish=False)
    return BriefPage.objects.get(pk=brief.pk)


def form(draft, authors):
    return brief_form(
        draft.title,
        draft.slug,
        draft.publication_type_id,
        authors=authors,
        comments=inline_formset([]),
    )


def blank_row():
    return {"id": "", "expert": "", "bio_override": "", "ORDER": "1"}


def test_autosave_with_a_blank_new_author_row_succeeds(client, superuser, draft):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(url, form(draft, inline_formset([blank_row()])), **AUTOSAVE)
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["success"] is True
    assert answer["field_updates"] == {"authors-INITIAL_FORMS": "1"}
    assert list(draft.get_latest_revision_as_object().authors.all()) == []


def test_a_row_skipped_blank_by_autosave_is_saved_once_its_expert_is_chosen(
    client, superuser, draft
):
    knights = factories.expert("Michael Knights")
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    client.post(url, form(draft, inline_formset([blank_row()])), **AUTOSAVE)
    # Autosave told the page the row is saved: it now posts it as an initial row, no id.
    row = {**blank_row(), "expert": str(knights.pk)}
    response = client.post(url, form(draft, inline_formset([row], initial=1)))
    assert response.status_code == 302
    saved = BriefPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert [author.expert.title for author in saved.authors.all()] == ["Michael Knights"]


def test_the_next_autosave_saves_the_row_and_sends_back_its_id(client, superuser, draft):
    knights = factories.expert("Michael Knights")
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    client.post(url, form(draft, inline_formset([blank_row()])), **AUTOSAVE)
    row = {**blank_row(), "expert": str(knights.pk)}
    response = client.post(url, form(draft, inline_formset([row], initial=1)), **AUTOSAVE)
    answer = json.loads(response.content)
    author = BriefPage.objects.get(pk=draft.pk).authors.get()
    assert answer["field_updates"] == {"authors-0-id": str(author.pk)}
    # Saving again with that id changes nothing: one author, not two.
    row["id"] = str(author.pk)
    client.post(url, form(draft, inline_formset([row], initial=1)))
    saved = BriefPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert [a.expert.title for a in saved.authors.all()] == ["Michael Knights"]


def test_an_author_row_with_only_a_bio_still_needs_its_expert(client, superuser, draft):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    row = {**blank_row(), "bio_override": "A bio without an expert."}
    response = client.post(url, form(draft, inline_formset([row])), **AUTOSAVE)
    answer = json.loads(response.content)
    assert answer["success"] is False


# --- every inline panel of the project ------------------------------------------------------

PROJECT_APPS = {"core", "experts", "policyanalysis", "events", "podcasts", "home"}


def _inline_panels():
    from wagtail.admin.panels import InlinePanel
    from wagtail.models import get_page_models

    def walk(panel):
        yield panel
        for child in getattr(panel, "children", ()):
            yield from walk(child)

    found = []
    for model in get_page_models():
        if model.__module__.split(".")[0] not in PROJECT_APPS:
            continue
        for panel in walk(model.get_edit_handler()):
            if isinstance(panel, InlinePanel):
                name = f"{model.__name__}.{panel.relation_name}"
                found.append(pytest.param(model, panel, id=name))
    return found


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "panel"), _inline_panels())
def test_every_inline_panel_ignores_a_blank_new_row(model, panel):
    """Authors, speakers, guests, fellows, links: a row the editor has just added and not yet
    filled is neither an error (autosave would pause) nor saved."""
    from core.panels import RowsInlinePanel

    relation = panel.relation_name
    formset_class = model.get_edit_handler().get_form_class().formsets[relation]
    # What the browser posts for a row just added: each field's initial value (a select's
    # default choice, for example), its position, no id.
    empty_row = formset_class(instance=model(), prefix=relation).empty_form
    data = {
        f"{relation}-TOTAL_FORMS": "1",
        f"{relation}-INITIAL_FORMS": "0",
        f"{relation}-MIN_NUM_FORMS": "0",
        f"{relation}-MAX_NUM_FORMS": "1000",
    }
    for field in empty_row:
        value = field.value()
        if value not in (None, False, ""):
            data[f"{relation}-0-{field.name}"] = "on" if value is True else str(value)
    data[f"{relation}-0-ORDER"] = "1"
    formset = formset_class(data, instance=model(), prefix=relation)
    assert (isinstance(panel, RowsInlinePanel), formset.is_valid(), formset.has_changed()) == (
        True,
        True,
        False,
    )
