"""The language translators work into: ``TRANSLATION_TARGET_LANGUAGE`` (default ``"ar"``)."""

from django.conf import settings


def target_language():
    """The language code of the edition the translation workflow produces."""
    return getattr(settings, "TRANSLATION_TARGET_LANGUAGE", "ar")
