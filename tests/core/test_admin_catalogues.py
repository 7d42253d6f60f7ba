"""Every string the project's Python code marks for translation (admin panels, help text,
messages, menu items, statuses, form errors…) has an Arabic translation, as
tests/core/test_catalogues.py checks for templates.

Strings are found with ``ast``: calls of gettext and its variants (``_``, ``gettext_lazy``,
``ngettext``, ``pgettext``…) with literal arguments, in every module of the project's apps
(migrations aside: they freeze labels, readers never see them). A string passes by the same
rule as a template string: a project catalogue translates it, or Django's or Wagtail's does.
"""

import ast
from pathlib import Path

from django.conf import settings

from tests.core.test_catalogues import project_translations, untranslated

ROOT = Path(settings.BASE_DIR)
APPS = [
    "core",
    "experts",
    "policyanalysis",
    "headless_api",
    "importexport",
    "translation_workflow",
    "webhooks",
    "home",
    "deployment",
    "config",
]
SINGULAR = {"_", "gettext", "gettext_lazy", "gettext_noop", "ugettext", "ugettext_lazy"}
PLURAL = {"ngettext", "ngettext_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}
CONTEXT_PLURAL = {"npgettext", "npgettext_lazy"}


def _name(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def python_strings(source, origin="<string>"):
    """[(context, msgid, plural)] marked for translation in a module's source."""
    found = []
    for node in ast.walk(ast.parse(source, filename=origin)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        literals = [
            arg.value
            for arg in node.args
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        ]
        if name in SINGULAR and len(literals) >= 1:
            found.append(("", literals[0], ""))
        elif name in PLURAL and len(literals) >= 2:
            found.append(("", literals[0], literals[1]))
        elif name in CONTEXT and len(literals) >= 2:
            found.append((literals[0], literals[1], ""))
        elif name in CONTEXT_PLURAL and len(literals) >= 3:
            found.append((literals[0], literals[1], literals[2]))
    return found


def all_python_strings():
    strings = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for key in python_strings(path.read_text(encoding="utf-8"), origin=str(path)):
                strings.setdefault(key, path.relative_to(ROOT))
    return strings


def test_modules_have_strings_to_check():
    strings = all_python_strings()
    assert ("", "Translation queue", "") in strings
    assert ("", "Taxonomy", "") in strings
    assert (
        "",
        "Not published: %(missing)d of %(total)d strings is not translated yet.",
        "Not published: %(missing)d of %(total)d strings are not translated yet.",
    ) in strings


def test_every_python_string_is_translated_into_arabic():
    missing = untranslated(all_python_strings(), project_translations())
    assert not missing, (
        "Strings marked in Python without an Arabic translation (cd <app> && "
        "../.venv/bin/python ../manage.py makemessages -l ar, translate, make messages):\n"
        + "\n".join(missing)
    )


def test_the_check_catches_a_new_untranslated_string():
    source = (
        "from django.utils.translation import gettext_lazy as _, ngettext\n"
        "LABEL = _('A brand new admin label')\n"
        "ngettext('%(n)d brand new thing', '%(n)d brand new things', 2)\n"
    )
    strings = {key: "new.py" for key in python_strings(source)}
    assert len(strings) == 2
    assert len(untranslated(strings, project_translations())) == 2
