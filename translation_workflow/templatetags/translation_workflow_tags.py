"""Template tags of the translators' tools (wagtail-localize's editor, extended)."""

from django import template
from django.utils.translation import get_language_info

from translation_workflow.po_checks import missing_strings

register = template.Library()


def _direction(locale):
    try:
        bidi = get_language_info(locale.language_code)["bidi"]
    except KeyError:  # a language Django does not know: assume left to right
        bidi = False
    return {"code": locale.language_code, "dir": "rtl" if bidi else "ltr"}


@register.simple_tag
def text_directions(translation):
    """{"source": {"code", "dir"}, "target": {...}}: each language's writing direction."""
    return {
        "source": _direction(translation.source.locale),
        "target": _direction(translation.target_locale),
    }


@register.simple_tag
def untranslated_strings(translation):
    """{"missing", "total"}: string segments not (or not validly) translated, of all."""
    missing, total = missing_strings(translation)
    return {"missing": missing, "total": total}
