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
