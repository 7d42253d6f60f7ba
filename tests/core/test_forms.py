"""The page editor's shared form and panels: the publication type as a plain select of the
page's edition named in the editor's language, and a new page's slug clash reported on its
title."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.admin_forms import brief_form


@pytest.fixture
def analysis(tree):
    return tree[2]


def add_url(analysis):
    return reverse("wagtailadmin_pages:add", args=["policyanalysis", "briefpage", analysis.pk])


def test_publication_type_is_a_select_of_this_editions_types(client, superuser, analysis):
    policy_notes = factories.publication_type("Policy Notes", "policy-notes")
    arabic_notes = factories.term(
        type(policy_notes), "مذكرات سياسية", "policy-notes", locale=factories.arabic()
    )
    arabic_notes.translation_key = policy_notes.translation_key
    arabic_notes.save()
    client.force_login(superuser)
    soup = BeautifulSoup(client.get(add_url(analysis)).content, "html.parser")
    select = soup.select_one("select#id_publication_type")
    options = [(o["value"], o.get_text()) for o in select.select("option") if o["value"]]
    assert options == [(str(policy_notes.pk), "Policy Notes")]
    # The snippet chooser's modal (with its locale switch) is gone.
    assert soup.select_one("#id_publication_type-chooser") is None


def test_publication_types_are_named_in_the_editors_language(client, analysis, django_user_model):
    policy_notes = factories.publication_type("Policy Notes", "policy-notes")
    arabic_notes = factories.term(
        type(policy_notes), "مذكرات سياسية", "policy-notes", locale=factories.arabic()
    )
    arabic_notes.translation_key = policy_notes.translation_key
    arabic_notes.save()
    user = django_user_model.objects.create_superuser("arabic-admin", password="password")
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="ar"
    )
    client.force_login(user)
    soup = BeautifulSoup(client.get(add_url(analysis)).content, "html.parser")
    options = [(o["value"], o.get_text()) for o in soup.select("select#id_publication_type option")]
    # The English brief's type, labelled with its Arabic name for an Arabic-speaking editor.
    assert options[1:] == [(str(policy_notes.pk), "مذكرات سياسية")]


def test_slug_clash_of_a_new_page_is_reported_next_to_the_title(client, superuser, analysis):
    kind = factories.publication_type()
    factories.brief("Water security", slug="water-security", publish=False)
    client.force_login(superuser)
    response = client.post(
        add_url(analysis), brief_form("Water security", "water-security", kind.pk)
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    title_errors = soup.select_one("#panel-child-content-child-title-errors")
    assert " ".join(title_errors.get_text().split()) == (
        "The address “water-security” is already used by “Water security” (draft) in this "
        "section. Change the title, or the slug on the Promote tab."
    )
    assert BriefPage.objects.filter(slug="water-security").count() == 1
