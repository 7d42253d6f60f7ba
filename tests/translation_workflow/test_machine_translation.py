"""Machine translation: off unless settings name a translator; the dummy one in tests."""

import importlib
import socket

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from tests.support import factories
from tests.support.libretranslate import LibreTranslateStub
from tests.support.translation import make_translator, publish, submit


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


@pytest.fixture
def libretranslate(settings):
    """A LibreTranslate server on 127.0.0.1 configured as the site's machine translator,
    as LIBRETRANSLATE_URL and LIBRETRANSLATE_API_KEY configure it (config/settings/base.py)."""
    stub = LibreTranslateStub(
        glossary={
            "Machine me": "ترجمني آليًا",
            "Short summary.": "ملخص قصير.",
            '<a id="a1">Baghdad</a> and Erbil.': '<a id="a1">بغداد</a> وأربيل.',
        },
        api_key="secret-key",
    )
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": stub.url, "API_KEY": "secret-key", "TIMEOUT": 5},
    }
    yield stub
    stub.close()


def test_the_environment_turns_libretranslate_on(monkeypatch):
    monkeypatch.setenv("LIBRETRANSLATE_URL", "http://127.0.0.1:5000/")
    monkeypatch.setenv("LIBRETRANSLATE_API_KEY", "k")
    base = importlib.reload(importlib.import_module("config.settings.base"))
    try:
        assert base.WAGTAILLOCALIZE_MACHINE_TRANSLATOR == {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": "http://127.0.0.1:5000",
                "API_KEY": "k",
                "TIMEOUT": 20,
            },
        }
    finally:
        monkeypatch.delenv("LIBRETRANSLATE_URL")
        importlib.reload(base)


def test_libretranslate_fills_the_untranslated_strings(
    libretranslate, tree, superuser, client, django_user_model
):
    brief = factories.brief(
        "Machine me",
        summary="Short summary.",
        body=[("paragraph", '<p><a href="https://example.org/baghdad">Baghdad</a> and Erbil.</p>')],
    )
    translation = submit(brief, superuser)
    client.force_login(make_translator(django_user_model))
    arabic = translation.get_target_instance()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk]))
    assert "&quot;machineTranslator&quot;: {&quot;name&quot;: &quot;LibreTranslate&quot;" in (
        editor.content.decode()
    )

    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]),
        {"next": reverse("wagtailadmin_pages:edit", args=[arabic.pk])},
    )
    assert response.status_code == 302

    # One request, in LibreTranslate's API: every string at once, HTML format, the key.
    [(path, request)] = libretranslate.requests
    assert path == "/translate"
    assert (request["source"], request["target"], request["format"], request["api_key"]) == (
        "en",
        "ar",
        "html",
        "secret-key",
    )
    assert set(request["q"]) >= {
        "Machine me",
        "Short summary.",
        '<a id="a1">Baghdad</a> and Erbil.',
    }
    machine = dict(
        StringTranslation.objects.filter(
            locale=factories.arabic(), translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
        ).values_list("translation_of__data", "data")
    )
    assert machine["Machine me"] == "ترجمني آليًا"
    assert machine["Short summary."] == "ملخص قصير."
    assert machine['<a id="a1">Baghdad</a> and Erbil.'] == '<a id="a1">بغداد</a> وأربيل.'
    assert not StringTranslation.objects.filter(has_error=True).exists()
    # The machine's strings reach the page with the link restored around the Arabic text.
    page = publish(translation, superuser)
    assert page.title == "ترجمني آليًا"
    assert '<a href="https://example.org/baghdad">بغداد</a> وأربيل.' in str(page.body)


def closed_port():
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_libretranslate(settings, url):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": url, "API_KEY": "", "TIMEOUT": 5},
    }


@pytest.fixture
def failing_stub():
    stubs = []

    def start(status, body):
        stub = LibreTranslateStub(failure=(status, body))
        stubs.append(stub)
        return stub

    yield start
    for stub in stubs:
        stub.close()


UNREACHABLE = (
    "LibreTranslate could not translate: the service cannot be reached. Nothing was changed; "
    "try again later or translate the strings yourself."
)
SERVER_ERROR = (
    "LibreTranslate could not translate: the service answered with an error (HTTP 500). "
    "Nothing was changed; try again later or translate the strings yourself."
)
UNREADABLE = (
    "LibreTranslate could not translate: the service's answer could not be read. Nothing was "
    "changed; try again later or translate the strings yourself."
)


def _machine_translate(client, translation):
    arabic = translation.get_target_instance()
    next_url = reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": next_url}
    )
    return response, next_url


def test_an_unreachable_libretranslate_is_an_error_message(
    translation, settings, client, django_user_model
):
    use_libretranslate(settings, f"http://127.0.0.1:{closed_port()}")
    client.force_login(make_translator(django_user_model))
    response, next_url = _machine_translate(client, translation)
    assert (response.status_code, response["Location"]) == (302, next_url)  # was a 500
    assert [str(m) for m in get_messages(response.wsgi_request)] == [UNREACHABLE]
    assert not StringTranslation.objects.filter(locale=factories.arabic()).exists()


def test_libretranslate_answering_500_is_an_error_message(
    translation, settings, client, django_user_model, failing_stub
):
    stub = failing_stub(500, b"<h1>Internal Server Error</h1>")
    use_libretranslate(settings, stub.url)
    client.force_login(make_translator(django_user_model))
    response, next_url = _machine_translate(client, translation)
    assert (response.status_code, response["Location"]) == (302, next_url)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [SERVER_ERROR]
    assert not StringTranslation.objects.filter(locale=factories.arabic()).exists()


@pytest.mark.parametrize(
    "body",
    [
        b"<html>captive portal</html>",  # not JSON
        b'{"error": "Slow down"}',  # JSON without translatedText
        b'{"translatedText": ["only one"]}',  # fewer texts than asked for
        b'{"translatedText": 7}',  # the wrong type
    ],
)
def test_libretranslate_answering_garbage_is_an_error_message(
    translation, settings, client, django_user_model, failing_stub, body
):
    stub = failing_stub(200, body)
    use_libretranslate(settings, stub.url)
    client.force_login(make_translator(django_user_model))
    response, next_url = _machine_translate(client, translation)
    assert (response.status_code, response["Location"]) == (302, next_url)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [UNREADABLE]
    assert not StringTranslation.objects.filter(locale=factories.arabic()).exists()


def test_sync_with_an_unreachable_machine_translator_changes_nothing(
    tree, superuser, settings, client, django_user_model
):
    brief = factories.brief("Synced by machine", summary="Old summary.")
    translation = submit(brief, superuser)
    type(brief).objects.filter(pk=brief.pk).update(summary="New summary.")
    use_libretranslate(settings, f"http://127.0.0.1:{closed_port()}")
    client.force_login(make_translator(django_user_model))
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    response = client.post(url, {"use_machine_translation": "on"})
    assert response.status_code == 200  # the form again, with the error
    assert [str(m) for m in get_messages(response.wsgi_request)] == [UNREACHABLE]
    # The sync was rolled back with the machine translation: the source has the old text.
    texts = set(translation.source.stringsegment_set.values_list("string__data", flat=True))
    assert "Old summary." in texts
    assert "New summary." not in texts
    assert not StringTranslation.objects.filter(locale=factories.arabic()).exists()
