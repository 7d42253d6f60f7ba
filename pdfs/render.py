"""An analysis page as a PDF, made with WeasyPrint from the page's own content.

The document has the institute's name, the type, title, subtitle, authors and date, the hero
image, the body blocks and their notes, a report's chapters (each from a new page, with its
own notes), About the authors and the canonical URL, in the page's language and direction.
Arabic is set in IBM Plex Sans Arabic (OFL, bundled in ``pdfs/fonts``): its glyphs map back
to the letters, so the text copied or extracted from the PDF reads in logical order (Naskh
faces that build letters from shared skeletons do not extract cleanly).

Resources come from this server only: media files from the default storage, static files
through the static finders, the bundled fonts. Any other URL (an external image in the body,
say) is left out rather than fetched.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from core.templatetags.core_tags import get_site_identity
from core.visibility import visible
from policyanalysis.models import ChapterPage

FONTS = Path(__file__).resolve().parent / "fonts"


def _static(path, prefix):
    return finders.find(path.removeprefix(prefix))


_PROBE = "pdfs-storage-probe"


def _storage_name(url):
    """The name in the default storage of the file at ``url`` (a rendition or an original
    image), or None when ``url`` is not a file of that storage.

    The storage says where its files live: MEDIA_URL on the file system, the bucket's (or
    its custom domain's) address with django-storages' S3 backend, where renditions have
    absolute URLs that do not start with MEDIA_URL. The file is then read through the
    storage, never downloaded from an address the page names.
    """
    parts = urlsplit(url)
    base = urlsplit(default_storage.url(_PROBE))
    base_path = unquote(base.path).removesuffix(_PROBE)
    path = unquote(parts.path)
    same_host = not base.netloc or parts.netloc in ("", base.netloc)
    if base_path and same_host and path.startswith(base_path) and path != base_path:
        return path.removeprefix(base_path)
    return None


def _local_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = unquote(urlsplit(url).path)
            if url.startswith("file:") and Path(path).resolve().is_relative_to(FONTS):
                body = Path(path).read_bytes()
                return URLFetcherResponse(url, body, {"Content-Type": "font/ttf"})
            static = settings.STATIC_URL
            if (name := _storage_name(url)) is not None:
                with default_storage.open(name) as handle:
                    body = handle.read()
            elif static and path.startswith(static) and (found := _static(path, static)):
                name, body = found, Path(found).read_bytes()
            else:
                raise ValueError(f"left out of the PDF (not a file of this site): {url}")
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return LocalFetcher()


def css_string(value):
    """``value`` as a quoted CSS string, safe inside a <style> element."""
    escaped = "".join(f"\\{ord(char):x} " if char in '\\"<>&\n\r' else char for char in str(value))
    return mark_safe(f'"{escaped}"')  # noqa: S308 - every special character escaped above


def render_pdf(page, request):
    """The PDF (bytes) of ``page`` (a specific analysis page) as readers see it now."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    language = page.locale.language_code
    with translation.override(language):
        context = page.get_context(request)
        context.update(
            {
                "fonts": {
                    "regular": (FONTS / "IBMPlexSansArabic-Regular.ttf").as_uri(),
                    "bold": (FONTS / "IBMPlexSansArabic-Bold.ttf").as_uri(),
                },
                "canonical_url": page.get_full_url(request=request),
                # The institute's name in the edition's language (core.models.SiteIdentity).
                "header_css": css_string(get_site_identity(request).name),
                "footer_css": css_string(page.get_full_url(request=request)),
                "language": language,
                "rtl": translation.get_language_bidi(),
                # A report's chapters follow its own text, each with its own notes.
                "pdf_chapters": list(visible(ChapterPage.objects.child_of(page)).order_by("path"))
                if page.numchild
                else [],
            }
        )
        html = render_to_string("pdfs/analysis.html", context, request=request)
    fonts = FontConfiguration()
    return HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=_local_fetcher()
    ).write_pdf(font_config=fonts)
