"""The translation preview marks the English text readers would see.

wagtail-localize's preview fills every untranslated string with the English source. This view
wraps its preview (same URL, registered first) and marks each such string in the rendered page
with ``<mark class="translation-fallback" lang="en" dir="ltr">``, so a translator sees at a
glance which parts of the Arabic page are still English. Strings with inline markup (rich text
with links) are rendered differently from how they are stored and stay unmarked; the editor and
the publishing guard list them.
"""

import re

from django.urls import path
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import preview_translation

from .publishing import untranslated_segments

_TAG = re.compile(r"<[^>]+>")


def _fallback_texts(translation):
    """The untranslated strings as they appear in HTML text (escaped), longest first."""
    texts = {
        escape(segment.string.data)
        for segment in untranslated_segments(translation)
        if not _TAG.search(segment.string.data) and segment.context.path != "slug"
    }
    return sorted((text for text in texts if text.strip()), key=len, reverse=True)


def mark_fallbacks(html, texts, language):
    """``html`` with each of ``texts`` marked where it stands as text (not inside a tag)."""
    if not texts:
        return html
    title = escape(gettext("Not translated yet: readers see this text in English."))
    pattern = re.compile("|".join(re.escape(text) for text in texts))

    def mark_text(match):
        return (
            f'<mark class="translation-fallback" lang="{language}" dir="ltr" title="{title}">'
            f"{match.group(0)}</mark>"
        )

    # Split into tags and text runs; only text runs inside <body> are marked.
    head, separator, body = html.partition("<body")
    if not separator:
        return html
    parts = re.split(r"(<[^>]+>)", body)
    in_script = False
    for index, part in enumerate(parts):
        if part.startswith("<"):
            lowered = part.lower()
            if lowered.startswith(("<script", "<style", "<title")):
                in_script = True
            elif lowered.startswith(("</script", "</style", "</title")):
                in_script = False
            continue
        if not in_script and part.strip():
            parts[index] = pattern.sub(mark_text, part)
    return head + separator + "".join(parts)


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
    marked = mark_fallbacks(
        html, _fallback_texts(translation), translation.source.locale.language_code
    )
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
