"""Machine translation: off unless settings name a translator; the dummy one in tests."""

import importlib

import pytest
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from tests.support import factories
from tests.support.translation import make_translator, submit


@pytest.fixture
def translation(tree, superuser):
    return submit(factories.brief("Machine me", summary="Short summary."), superuser)


def test_off_in_the_base_settings():
    base = importlib.import_module("config.settings.base")
    assert base.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None


def test_the_dummy_translator_fills_every_string(translation, client, django_user_model):
    client.force_login(make_translator(django_user_model))
    arabic = translation.get_target_instance()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk]))
    assert "Dummy translator" in editor.content.decode()  # the editor offers it

    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]),
        {"next": reverse("wagtailadmin_pages:edit", args=[arabic.pk])},
    )
    assert response.status_code == 302
    total, translated = translation.get_progress()
    assert translated == total > 0
    machine = StringTranslation.objects.filter(
        locale=factories.arabic(), translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    assert machine.count() == total
    assert machine.filter(data="summary. Short").exists()  # the dummy reverses the words


def test_without_a_translator_the_editor_offers_nothing_and_the_url_refuses(
    translation, client, settings, superuser
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    client.force_login(superuser)
    arabic = translation.get_target_instance()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk]))
    assert editor.status_code == 200
    assert "Dummy translator" not in editor.content.decode()
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert response.status_code == 404
    assert not StringTranslation.objects.filter(locale=factories.arabic()).exists()
