"""The translation preview marks the English text readers would see.

wagtail-localize's preview fills every untranslated string with the English source. This view
wraps its preview (same URL, registered first) and marks each such string in the rendered page
with ``<mark class="translation-fallback" lang="en" dir="ltr">``, so a translator sees at a
glance which parts of the Arabic page are still English. Strings with inline markup (rich text
with links, bold, italics) are stored with their tags stripped of attributes
(``<a id="a1">Baghdad</a> and Erbil.``); they are found in the page with any attributes on the
same tags (``<a href="…">Baghdad</a> and Erbil.``) and the whole run is marked.
"""

import re

from django.urls import path
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import preview_translation

from .publishing import untranslated_segments

_TAG = re.compile(r"<[^>]+>")


#: An opening or closing tag in a stored segment (``<a id="a1">``, ``<b>``, ``</a>``).
_SEGMENT_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_MARK_CLASS = "translation-fallback"


def _fallback_texts(translation):
    """The untranslated strings: (plain texts as they appear in HTML text (escaped), strings
    with inline tags as stored), each longest first."""
    plain, tagged = set(), set()
    for segment in untranslated_segments(translation):
        data = segment.string.data
        if segment.context.path == "slug" or not data.strip():
            continue
        if _TAG.search(data):
            tagged.add(data)
        else:
            plain.add(escape(data))
    return (
        sorted(plain, key=len, reverse=True),
        sorted(tagged, key=len, reverse=True),
    )


def tagged_pattern(data):
    """A regular expression for the stored rich-text string ``data`` as the page renders it:
    the same text and tags, each opening tag with whatever attributes the page gives it (a
    link's ``id="a1"`` becomes its ``href``)."""
    pattern, position = [], 0
    for tag in _SEGMENT_TAG.finditer(data):
        pattern.append(re.escape(data[position : tag.start()]))
        closing, name = tag.group(1), re.escape(tag.group(2))
        pattern.append(f"</{name}\\s*>" if closing else f"<{name}(?:\\s[^<>]*)?>")
        position = tag.end()
    pattern.append(re.escape(data[position:]))
    return "".join(pattern)


def mark_fallbacks(html, texts, language, tagged=()):
    """``html`` with each of ``texts`` marked where it stands as text (not inside a tag), and
    each run of rich text matching one of ``tagged`` (stored strings with inline tags) marked
    as a whole."""
    if not texts and not tagged:
        return html
    title = escape(gettext("Not translated yet: readers see this text in English."))
    opening = f'<mark class="{_MARK_CLASS}" lang="{language}" dir="ltr" title="{title}">'

    def mark(match):
        return f"{opening}{match.group(0)}</mark>"

    head, separator, body = html.partition("<body")
    if not separator:
        return html
    if tagged:
        # Rich text with inline tags: the whole run, tags included, in one <mark> (phrasing
        # content, so valid around links and bold text inside a paragraph).
        body = re.sub("|".join(tagged_pattern(data) for data in tagged), mark, body)
    if texts:
        body = _mark_text_runs(body, re.compile("|".join(re.escape(t) for t in texts)), mark)
    return head + separator + body


def _mark_text_runs(body, pattern, mark):
    """Split into tags and text runs; only text outside scripts, styles and marks already
    made is marked."""
    parts = re.split(r"(<[^>]+>)", body)
    skipping = None
    for index, part in enumerate(parts):
        if part.startswith("<"):
            lowered = part.lower()
            if skipping is None:
                for name in ("script", "style", "title"):
                    if lowered.startswith(f"<{name}"):
                        skipping = name
                if lowered.startswith("<mark") and _MARK_CLASS in lowered:
                    skipping = "mark"
            elif lowered.startswith(f"</{skipping}"):
                skipping = None
            continue
        if skipping is None and part.strip():
            parts[index] = pattern.sub(mark, part)
    return "".join(parts)


def preview_with_fallbacks_marked(request, translation_id, mode=None):
    """wagtail-localize's translation preview, its English fallback text marked."""
    response = preview_translation(request, translation_id, mode)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content_type = response.get("Content-Type", "")
    if response.status_code != 200 or not content_type.startswith("text/html"):
        return response
    translation = Translation.objects.select_related("source__locale").get(pk=translation_id)
    charset = response.charset or "utf-8"
    html = response.content.decode(charset)
    plain, tagged = _fallback_texts(translation)
    marked = mark_fallbacks(html, plain, translation.source.locale.language_code, tagged)
    response.content = marked.encode(charset)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return response


def admin_urls():
    """The preview URLs of wagtail-localize, served by this wrapper. The register_admin_urls
    hooks of translation_workflow run before wagtail-localize's (INSTALLED_APPS order), so
    these patterns match first; reversing ``wagtail_localize:preview_translation`` still gives
    the same paths."""
    return [
        path(
            "localize/translate/<int:translation_id>/preview/",
            preview_with_fallbacks_marked,
            name="translation_preview_marked",
        ),
        path(
            "localize/translate/<int:translation_id>/preview/<str:mode>/",
            preview_with_fallbacks_marked,
            name="translation_preview_marked",
        ),
    ]
