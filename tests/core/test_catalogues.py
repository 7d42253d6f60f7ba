"""Every string the templates mark for translation has an Arabic translation.

Templates are read with Django's own ``templatize`` (what makemessages runs), so {% translate %},
{% blocktranslate %} with variables, plurals and contexts are extracted exactly as makemessages
would. A string passes when a project catalogue (``locale/`` or ``<app>/locale/``) has a
non-fuzzy Arabic msgstr for it, or when, with Arabic active, gettext returns something else
(Django's and Wagtail's own catalogues translate common words).
"""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [
    ROOT / "templates",
    ROOT / "core" / "templates",
    ROOT / "experts" / "templates",
    ROOT / "policyanalysis" / "templates",
    ROOT / "podcasts" / "templates",
    ROOT / "home" / "templates",
]
CATALOGUES = [
    ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po",
    *(
        ROOT / app / "locale" / "ar" / "LC_MESSAGES" / "django.po"
        for app in ("core", "experts", "policyanalysis", "podcasts", "home")
    ),
]
LITERAL = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
CALL = re.compile(rf"\b(gettext|ngettext|pgettext|npgettext)\(\s*((?:{LITERAL}\s*,?\s*)+)")


def template_strings(source, origin="<string>"):
    """[(context, msgid, plural)] marked for translation in a template's source."""
    found = []
    for function, arguments in CALL.findall(templatize(source, origin=origin)):
        literals = [ast.literal_eval(text) for text in re.findall(LITERAL, arguments)]
        if function == "gettext":
            found.append(("", literals[0], ""))
        elif function == "ngettext":
            found.append(("", literals[0], literals[1]))
        elif function == "pgettext":
            found.append((literals[0], literals[1], ""))
        else:
            found.append((literals[0], literals[1], literals[2]))
    return found


def all_template_strings():
    strings = {}
    for directory in TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*.html")) + sorted(directory.rglob("*.txt")):
            source = path.read_text(encoding="utf-8")
            for key in template_strings(source, origin=str(path)):
                strings.setdefault(key, path.relative_to(ROOT))
    return strings


def project_translations():
    translated = set()
    for path in CATALOGUES:
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            if entry.msgid_plural:
                ok = entry.msgstr_plural and all(entry.msgstr_plural.values())
            else:
                ok = bool(entry.msgstr)
            if ok:
                translated.add((entry.msgctxt or "", entry.msgid, entry.msgid_plural or ""))
    return translated


def untranslated(strings, translated):
    """The template strings Arabic readers would see in English."""
    missing = []
    with translation.override("ar"):
        for (context, msgid, plural), path in strings.items():
            if (context, msgid, plural) in translated:
                continue
            if plural:
                shown = (
                    translation.npgettext(context, msgid, plural, 5)
                    if context
                    else (translation.ngettext(msgid, plural, 5))
                )
                same = shown in (msgid, plural)
            else:
                shown = (
                    translation.pgettext(context, msgid) if context else translation.gettext(msgid)
                )
                same = shown == msgid
            if same:
                missing.append(
                    f"{path}: {msgid!r}" + (f" (context {context!r})" if context else "")
                )
    return missing


def test_the_catalogues_exist():
    for path in CATALOGUES:
        assert path.exists(), f"{path} is missing: run makemessages -l ar (docs/translation.md)"


def test_templates_have_strings_to_check():
    strings = all_template_strings()
    assert ("", "About the authors", "") in strings
    assert ("", "%(counter)s result", "%(counter)s results") in strings


def test_every_template_string_is_translated_into_arabic():
    missing = untranslated(all_template_strings(), project_translations())
    assert not missing, (
        "Template strings without an Arabic translation (run makemessages -l ar, translate, "
        "make messages):\n" + "\n".join(missing)
    )


@pytest.mark.parametrize(
    "source",
    [
        "{% load i18n %}{% translate 'A brand new label' %}",
        "{% load i18n %}{% blocktranslate with n=1 %}Chapter {{ n }} anew{% endblocktranslate %}",
        "{% load i18n %}{% translate 'May' context 'a brand new context' %}",
    ],
)
def test_the_check_catches_a_new_untranslated_string(source):
    strings = {key: "new.html" for key in template_strings(source)}
    assert len(strings) == 1
    assert untranslated(strings, project_translations()) != []


def test_known_strings_pass_the_check():
    strings = {key: "x.html" for key in template_strings("{% load i18n %}{% translate 'Next' %}")}
    assert untranslated(strings, project_translations()) == []
