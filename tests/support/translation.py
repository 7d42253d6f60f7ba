"""Helpers for the Arabic edition tests: translate through wagtail-localize as the admin does.

Nothing here copies pages by hand: submission goes through ``translate_object`` (the admin's
Submit), strings through StringTranslation (what the editor saves), publishing through
``Translation.save_target`` (the editor's Publish). ``save_target`` publishes in an on-commit
callback, so publishing runs inside ``captureOnCommitCallbacks(execute=True)``.
"""

from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from tests.support import factories


def arabic_text(source_text):
    """A recognisable 'translation' of ``source_text``."""
    return f"عربي: {source_text}"


def submit(page, user=None):
    """Submit ``page`` (or a snippet) for Arabic translation; returns its Translation."""
    translate_object(getattr(page, "specific", page), [factories.arabic()], user=user)
    return translation_of(page)


def translation_of(page):
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    return Translation.objects.get(source=source, target_locale=factories.arabic())


def translate_strings(translation, user=None, limit=None, text_for=arabic_text):
    """Translate the first ``limit`` (default: all) untranslated segments; returns how many."""
    done = 0
    segments = translation.source.stringsegment_set.select_related("context", "string").order_by(
        "order"
    )
    for segment in segments:
        if limit is not None and done >= limit:
            break
        exists = StringTranslation.objects.filter(
            translation_of=segment.string, locale=translation.target_locale, context=segment.context
        ).exists()
        if exists:
            continue
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            data=text_for(segment.string.data),
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            last_translated_by=user,
        )
        done += 1
    return done


def publish(translation, user=None):
    """Publish the Arabic page (or term) with the current translations; returns it."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(user=user, publish=True)
    target = translation.get_target_instance()
    return getattr(target, "specific", target)  # snippets have no specific


def translate_and_publish(page, user=None):
    """Submit, translate every string and publish ``page``; returns the live Arabic page."""
    translation = submit(page, user)
    translate_strings(translation, user)
    return publish(translation, user)


def publish_english(page, **changes):
    """Edit an English page and publish the change as an editor would (a new revision)."""
    page = page.specific
    for name, value in changes.items():
        setattr(page, name, value)
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_translator(django_user_model, username="translator"):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password="password"
    )
    user.groups.add(Group.objects.get(name="Translators"))
    return user


def assert_refused(response):
    """Wagtail's admin turns PermissionDenied into a redirect to the dashboard with an error
    message (plain views and APIs answer 403)."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
        messages = [str(m) for m in response.wsgi_request._messages]
        assert any("permission" in m for m in messages), messages
    else:
        assert response.status_code == 403
