"""What a translator's CAT tool shows beside each PO entry, and the header it reads.

wagtail-localize's ``msgctxt`` is a machine path (``body.6f1c….attribution``): it must stay
as it is for the file to come back, but it tells a translator nothing. So the exported file
adds, per entry, a readable context as an extracted comment (``#. Iraq and the oil law ›
Body › Quote (block 2 of 5) › Attribution``) and the English page's address as a reference
(``#: https://…/policy-analysis/iraq-oil-law/``), and the header CAT tools (Poedit, memoQ,
Trados, Lokalize) read: Language, Plural-Forms, Project-Id-Version and the charset.
"""

import functools
from pathlib import Path

import django
import polib
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import to_locale
from wagtail.blocks import ListBlock, StreamBlock, StructBlock
from wagtail.fields import StreamField

#: Separator of the readable context's parts.
SEPARATOR = " › "

#: Plural rules of the site's languages, as GNU gettext documents them. Other languages fall
#: back to the rule in Django's own catalogue for that language.
PLURAL_FORMS = {
    "ar": (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
    ),
    "en": "nplurals=2; plural=(n != 1);",
}


@functools.cache
def plural_forms(language_code):
    """The Plural-Forms header for ``language_code`` ("" when no rule is known)."""
    if language_code in PLURAL_FORMS:
        return PLURAL_FORMS[language_code]
    catalogue = (
        Path(django.__file__).parent
        / "conf"
        / "locale"
        / to_locale(language_code)
        / "LC_MESSAGES"
        / "django.po"
    )
    if not catalogue.exists():
        return ""
    return polib.pofile(str(catalogue)).metadata.get("Plural-Forms", "")


def source_url(translation):
    """The full URL of the English page a translation is made from (None for snippets, or
    when the page is gone or not routable)."""
    try:
        source = translation.source.get_source_instance()
    except ObjectDoesNotExist:
        return None
    get_full_url = getattr(source, "get_full_url", None)
    return get_full_url() if get_full_url else None


def describe(instance, path):
    """A translator's reading of the context ``path`` on ``instance`` (the source object):
    ``title › field › block type (position) › child field``. Parts that cannot be resolved
    (a block deleted since the export) are shown as they are in the path."""
    name = getattr(instance, "title", None) or str(instance)
    field_name, *rest = path.split(".")
    try:
        field = instance._meta.get_field(field_name)
    except FieldDoesNotExist:
        return SEPARATOR.join([name, field_name, *rest])
    parts = [name, capfirst(str(getattr(field, "verbose_name", field_name)))]
    if isinstance(field, StreamField):
        parts += _block_parts(field.stream_block, getattr(instance, field_name, None), rest)
    else:
        parts += rest
    return SEPARATOR.join(parts)


def _block_parts(block, value, components):
    """Labels for the path ``components`` below a block holding ``value``."""
    labels = []
    for index, component in enumerate(components):
        if isinstance(block, StreamBlock | ListBlock):
            children = _children(block, value)
            ids = [child_id for child_id, _block, _value in children]
            if component not in ids:
                return labels + components[index:]
            position = ids.index(component) + 1
            _id, child_block, value = children[position - 1]
            if isinstance(block, StreamBlock):
                kind = capfirst(str(child_block.label))
                labels.append(f"{kind} (block {position} of {len(children)})")
            else:
                labels.append(f"item {position} of {len(children)}")
            block = child_block
        elif isinstance(block, StructBlock) and component in block.child_blocks:
            labels.append(capfirst(str(block.child_blocks[component].label)))
            # ImageBlock is a StructBlock whose value is an image, not a StructValue.
            value = value.get(component) if hasattr(value, "get") else None
            block = block.child_blocks[component]
        else:
            return labels + components[index:]
    return labels


def _children(block, value):
    """[(id, block, value)] of a stream's blocks or a list's items, in order."""
    children = (
        (value or []) if isinstance(block, StreamBlock) else getattr(value, "bound_blocks", [])
    )
    return [(child.id, child.block, child.value) for child in children]


def annotate(po, translation):
    """Add the CAT-tool header and, on every current entry, the readable context and the
    source page's URL. msgctxt, msgid and msgstr are left exactly as wagtail-localize
    wrote them, so the file still imports."""
    language = translation.target_locale.language_code
    site_name = getattr(settings, "WAGTAIL_SITE_NAME", "") or "Wagtail site"
    po.metadata["Project-Id-Version"] = f"{site_name}: {translation.source.object_repr}"
    po.metadata["Language"] = language
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata["Content-Transfer-Encoding"] = "8bit"
    rule = plural_forms(language)
    if rule:
        po.metadata["Plural-Forms"] = rule
    instance = translation.source.as_instance()
    url = source_url(translation)
    for entry in po:
        if entry.obsolete:
            continue
        entry.comment = describe(instance, entry.msgctxt)
        if url:
            entry.occurrences = [(url, "")]
    return po
