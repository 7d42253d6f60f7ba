"""The translation preview marks the English fallback text readers would see."""

import re

import pytest
from django.urls import reverse

from tests.support import factories
from tests.support.translation import make_translator, submit, translate_strings

MARK = '<mark class="translation-fallback" lang="en" dir="ltr"'


@pytest.fixture
def translator(db, django_user_model):
    return make_translator(django_user_model)


def test_english_fallback_text_is_marked_in_the_preview(tree, superuser, translator, client):
    brief = factories.brief(
        "Water and power in Basra",
        summary="Shortages grow every summer.",
        body=[("paragraph", "<p>Generators hum all night.</p>")],
    )
    translation = submit(brief, superuser)
    translate_strings(translation, superuser, limit=2)  # the title and the slug
    client.force_login(translator)
    url = reverse("wagtail_localize:preview_translation", args=[translation.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    marks = re.findall(rf"{MARK}[^>]*>([^<]*)</mark>", html)
    assert "Generators hum all night." in marks
    assert "عربي: Water and power in Basra</mark>" not in html  # translated: not marked
    assert f"{MARK} " not in html.split("<body", 1)[0]  # nothing marked in <head>


def test_a_complete_translation_has_nothing_marked(tree, superuser, translator, client):
    brief = factories.brief("Fully translated", summary="Every word in Arabic.")
    translation = submit(brief, superuser)
    translate_strings(translation, superuser)
    client.force_login(translator)
    url = reverse("wagtail_localize:preview_translation", args=[translation.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert MARK not in response.content.decode()


def test_the_preview_stays_refused_to_readers(tree, superuser, client, django_user_model):
    translation = submit(factories.brief("Private preview"), superuser)
    url = reverse("wagtail_localize:preview_translation", args=[translation.pk])
    assert client.get(url).status_code == 302  # to the admin's login page


def test_fallback_rich_text_with_links_and_bold_is_marked_as_a_whole(
    tree, superuser, translator, client
):
    brief = factories.brief(
        "Links left in English",
        summary="A summary.",
        body=[
            (
                "paragraph",
                '<p>Talks in <a href="https://example.org/baghdad">Baghdad</a> and '
                "<b>Erbil</b> stalled.</p>",
            )
        ],
    )
    translation = submit(brief, superuser)
    translate_strings(translation, superuser, limit=2)  # the title and the slug
    client.force_login(translator)
    url = reverse("wagtail_localize:preview_translation", args=[translation.pk])
    html = client.get(url).content.decode()
    marked = re.findall(rf"{MARK}[^>]*>(.*?)</mark>", html)
    assert (
        'Talks in <a href="https://example.org/baghdad">Baghdad</a> and <b>Erbil</b> stalled.'
        in marked
    )
