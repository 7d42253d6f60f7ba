"""Images as renditions, documents and embeds, loaded in bulk for one response."""

import os

from django.conf import settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model

from core.renditions import get_renditions

#: Widths generated for every image; each in WebP and in a fallback format.
DEFAULT_IMAGE_WIDTHS = (480, 960, 1600)

_FORMATS = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp"}


def image_widths():
    return tuple(getattr(settings, "API_IMAGE_WIDTHS", DEFAULT_IMAGE_WIDTHS))


def fallback_format(image):
    """PNG for originals that may have transparency, JPEG otherwise."""
    ext = os.path.splitext(image.file.name)[1].lower()
    return "png" if ext in (".png", ".gif") else "jpeg"


def rendition_specs(image):
    """Filter specs for ``image``: each width as WebP, then in its fallback format."""
    fallback = fallback_format(image)
    specs = []
    for width in image_widths():
        specs.append(f"width-{width}|format-webp")
        specs.append(f"width-{width}|format-{fallback}")
    return specs


def _all_specs():
    return [
        f"width-{width}|format-{fmt}" for width in image_widths() for fmt in ("webp", "jpeg", "png")
    ]


def load_images(image_ids, urls):
    """{image id: payload without alt} for the images that exist. Existing renditions come
    from one prefetch query; missing ones are generated in bulk (first request only)."""
    if not image_ids:
        return {}
    images = get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(*_all_specs())
    result = {}
    for image in images:
        specs = rendition_specs(image)
        renditions = get_renditions(image, *specs)
        if renditions is None:  # an image that cannot be rendered is left out (null)
            continue
        seen = set()
        items = []
        for spec in specs:
            rendition = renditions[spec]
            fmt = _FORMATS.get(os.path.splitext(rendition.file.name)[1].lower(), "jpeg")
            key = (rendition.width, rendition.height, fmt)
            if key in seen:  # an original narrower than several widths
                continue
            seen.add(key)
            items.append(
                {
                    "url": urls.media_url(rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                    "format": fmt,
                }
            )
        focal = None
        if image.focal_point_x is not None:
            focal = {
                "x": image.focal_point_x,
                "y": image.focal_point_y,
                "width": image.focal_point_width or 0,
                "height": image.focal_point_height or 0,
            }
        result[image.pk] = {
            "id": image.pk,
            "title": image.title,
            "description": getattr(image, "description", "") or "",
            "width": image.width,
            "height": image.height,
            "focal_point": focal,
            "renditions": items,
        }
    return result


def load_documents(document_ids, urls):
    """{document id: {title, url, file_size, extension}} for the documents that exist."""
    if not document_ids:
        return {}
    result = {}
    for document in get_document_model().objects.filter(pk__in=document_ids):
        result[document.pk] = {
            "title": document.title,
            "url": urls.media_url(document.url),
            "file_size": document.file_size,
            "extension": document.file_extension.lower(),
        }
    return result


def load_embeds(embed_urls):
    """{url: html} of the embeds the site has already fetched (never fetched here: a
    request must not wait on a provider)."""
    if not embed_urls:
        return {}
    rows = (
        Embed.objects.filter(url__in=embed_urls, max_width=None)
        .exclude(cache_until__lte=timezone.now())
        .values_list("url", "html")
    )
    return {url: html for url, html in rows if html}
