"""The publishing guard: wagtail-localize's "Publish in Arabic" stops while strings are
untranslated; publishing anyway needs a separate, explicit confirmation."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.support import factories
from tests.support.translation import (
    assert_refused,
    make_translator,
    publish_english,
    submit,
    translate_and_publish,
    translate_strings,
    translation_of,
)


@pytest.fixture
def translator(db, django_user_model):
    return make_translator(django_user_model)


@pytest.fixture
def half_translated(tree, superuser):
    """A brief submitted for Arabic with its first 2 strings translated (of 5: title,
    slug, summary, body paragraph, Recommended… see total_of)."""
    brief = factories.brief(
        "Water and power in Basra",
        summary="Shortages grow every summer.",
        body=[("paragraph", "<p>Generators hum all night.</p>")],
    )
    translation = submit(brief, superuser)
    translate_strings(translation, superuser, limit=2)
    return translation


def total_of(translation):
    return translation.get_progress()[0]


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_editor_says_how_many_strings_are_missing(half_translated, translator, client):
    client.force_login(translator)
    arabic = half_translated.get_target_instance()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk])).content.decode()
    total = total_of(half_translated)
    assert f"{total - 2} of {total} strings are not translated yet." in html


def test_publishing_an_incomplete_translation_is_stopped(half_translated, translator, client):
    client.force_login(translator)
    arabic = half_translated.get_target_instance()
    edit_url = reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    response = client.post(edit_url, {"action": "publish"})
    confirm_url = reverse("translation_publish_incomplete", args=[half_translated.pk])
    assert (response.status_code, response["Location"]) == (302, confirm_url)
    total = total_of(half_translated)
    assert messages_of(response) == [
        f"Not published: {total - 2} of {total} strings are not translated yet."
    ]
    arabic.refresh_from_db()
    assert not arabic.live


def test_the_confirmation_lists_what_readers_would_see_in_english(
    half_translated, translator, client
):
    client.force_login(translator)
    confirm_url = reverse("translation_publish_incomplete", args=[half_translated.pk])
    response = client.get(confirm_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Publish Water and power in Basra in Arabic with missing translations?" in html
    assert "Shortages grow every summer." in html
    assert "Generators hum all night." in html
    assert "Water and power in Basra</span>" not in html  # translated: not listed


def test_publishing_anyway_needs_the_box_ticked(
    half_translated, translator, client, django_capture_on_commit_callbacks
):
    client.force_login(translator)
    confirm_url = reverse("translation_publish_incomplete", args=[half_translated.pk])
    response = client.post(confirm_url, {})
    assert response.status_code == 400
    assert "Tick the box to publish with missing translations." in response.content.decode()
    arabic = half_translated.get_target_instance()
    assert not arabic.live

    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        response = client.post(confirm_url, {"confirm": "on"})
    edit_url = reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    assert (response.status_code, response["Location"]) == (302, edit_url)
    arabic.refresh_from_db()
    assert arabic.live
    assert arabic.title == "عربي: Water and power in Basra"
    assert arabic.specific.summary == "Shortages grow every summer."  # the English fallback
    total = total_of(half_translated)
    assert messages_of(response) == [f"Published with {total - 2} of {total} strings in English."]


def test_a_complete_translation_publishes_at_once(
    half_translated, translator, client, django_capture_on_commit_callbacks
):
    translate_strings(half_translated)
    client.force_login(translator)
    arabic = half_translated.get_target_instance()
    edit_url = reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    html = client.get(edit_url).content.decode()
    assert "not translated yet" not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, {"action": "publish"})
    assert (response.status_code, response["Location"]) == (302, edit_url)
    arabic.refresh_from_db()
    assert arabic.live


def test_only_those_who_may_publish_get_the_confirmation(half_translated, editor, client):
    client.force_login(editor)  # Editors submit for moderation; they do not publish
    confirm_url = reverse("translation_publish_incomplete", args=[half_translated.pk])
    assert_refused(client.get(confirm_url))
    assert_refused(client.post(confirm_url, {"confirm": "on"}))
    assert not half_translated.get_target_instance().live


def test_an_unknown_or_stopped_translation_is_404(half_translated, translator, client):
    client.force_login(translator)
    missing = reverse("translation_publish_incomplete", args=[half_translated.pk + 1000])
    assert client.get(missing).status_code == 404
    half_translated.enabled = False
    half_translated.save(update_fields=["enabled"])
    stopped = reverse("translation_publish_incomplete", args=[half_translated.pk])
    assert client.get(stopped).status_code == 404


def test_a_half_translated_term_is_stopped_too(db, superuser, client):
    iraq = factories.region("Iraq", "iraq")
    iraq.description = "Between the rivers."
    iraq.save()
    translation = submit(iraq, superuser)
    translate_strings(translation, superuser, limit=1)
    arabic = translation.get_target_instance()
    client.force_login(superuser)
    edit_url = reverse("wagtailsnippets_core_region:edit", args=[arabic.pk])
    response = client.post(edit_url, {"action": "publish"})
    confirm_url = reverse("translation_publish_incomplete", args=[translation.pk])
    assert (response.status_code, response["Location"]) == (302, confirm_url)
    arabic.refresh_from_db()
    assert arabic.description == "Between the rivers."  # unchanged English fallback


def sync_and_publish(client, translation, **extra):
    """POST wagtail-localize's "Sync translated pages" form with "Publish immediately"."""
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    return client.post(url, {"publish_translations": "on", **extra})


def test_sync_with_publish_immediately_leaves_an_incomplete_translation_unpublished(
    half_translated, translator, client, django_capture_on_commit_callbacks
):
    client.force_login(translator)
    with django_capture_on_commit_callbacks(execute=True):
        response = sync_and_publish(client, half_translated)
    assert response.status_code == 302
    arabic = half_translated.get_target_instance()
    assert not arabic.live  # wagtail-localize alone published it, English strings and all
    total = total_of(half_translated)
    [synced, refused] = messages_of(response)
    assert synced == "Successfully updated translations for 'Water and power in Basra'"
    assert refused.startswith(
        "Not published in Arabic: “Water and power in Basra” has "
        f"{total - 2} of {total} strings not translated yet."
    )
    # The warning leads to the guard's confirmation page.
    confirm_url = reverse("translation_publish_incomplete", args=[half_translated.pk])
    assert f'href="{confirm_url}"' in refused


def test_sync_with_publish_immediately_publishes_a_complete_translation(
    half_translated, translator, client, django_capture_on_commit_callbacks
):
    translate_strings(half_translated)
    client.force_login(translator)
    with django_capture_on_commit_callbacks(execute=True):
        response = sync_and_publish(client, half_translated)
    assert response.status_code == 302
    arabic = half_translated.get_target_instance()
    arabic.refresh_from_db()
    assert arabic.live
    assert messages_of(response) == [
        "Successfully updated translations for 'Water and power in Basra'",
        "Published in Arabic: “Water and power in Basra”.",
    ]


def test_sync_with_publish_immediately_keeps_the_live_page_when_the_english_changed(
    tree, superuser, translator, client, django_capture_on_commit_callbacks
):
    brief = factories.brief("Kept live", summary="Old summary.")
    arabic = translate_and_publish(brief, superuser)
    publish_english(brief, summary="A new English summary.")
    client.force_login(translator)
    with django_capture_on_commit_callbacks(execute=True):
        response = sync_and_publish(client, translation_of(brief))
    assert response.status_code == 302
    arabic.refresh_from_db()
    assert arabic.live
    assert arabic.summary == "عربي: Old summary."  # not replaced by the English text
    assert messages_of(response)[1].startswith("Not published in Arabic: “Kept live” has 1 of ")


def test_sync_with_publish_immediately_leaves_a_half_translated_term_alone(
    db, superuser, client, django_capture_on_commit_callbacks
):
    iraq = factories.region("Iraq", "iraq")
    iraq.description = "Between the rivers."
    iraq.save()
    translation = submit(iraq, superuser)
    translate_strings(translation, superuser, limit=1)
    arabic = translation.get_target_instance()
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = sync_and_publish(client, translation)
    assert response.status_code == 302
    arabic.refresh_from_db()
    assert arabic.name == "Iraq"  # the translated name was not saved with the English fallback
    assert messages_of(response)[1].startswith("Not published in Arabic: ")
