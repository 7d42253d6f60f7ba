"""Image renditions that fail soft: a broken image never breaks a page or an API response.

An image row can point at a file the site cannot render: the file is missing from storage,
damaged, an SVG (refused on upload now, but older rows may hold one), or too many pixels
for Pillow. Wagtail raises for all of these except the missing file, and for that one it
returns a rendition pointing at "not-found", a broken <img>. ``get_renditions`` answers
None instead and logs a warning naming the image, so the caller leaves the image out.

Every rendition the site makes goes through here: the fail-soft ``{% image %}``,
``{% srcset_image %}`` and ``{% picture %}`` tags of ``core_images``, the OpenGraph image
of ``seo_tags`` and the API's image payloads.
"""

import logging
import os

from PIL.Image import DecompressionBombError
from wagtail.images.models import Filter
from willow.registry import (
    UnavailableOperationError,
    UnrecognisedOperationError,
    UnroutableOperationError,
)

logger = logging.getLogger(__name__)

#: What Pillow, Willow and Wagtail raise for a file they cannot render: OSError covers a
#: missing file (SourceImageIOError), an unknown format and a truncated file; ValueError
#: covers Wagtail's refusal to convert an SVG to a raster format; SyntaxError and EOFError
#: come from some of Pillow's decoders on damaged data.
RENDITION_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    DecompressionBombError,
    UnavailableOperationError,
    UnrecognisedOperationError,
    UnroutableOperationError,
)

# Renditions the site may show: a vector (SVG) rendition would be served from the media
# origin as image/svg+xml, where its scripts run.
_VECTOR_EXTENSIONS = (".svg", ".svgz")


def get_renditions(image, *specs):
    """``image.get_renditions(*specs)`` (a dict keyed by spec string), or None when the
    image cannot be rendered; the failure is logged as a warning.

    ``specs`` are filter spec strings or ``Filter`` objects. A malformed spec is a bug in
    the caller, not a broken image: it still raises ``InvalidFilterSpecError``.
    """
    filters = [Filter(spec=spec) if isinstance(spec, str) else spec for spec in specs]
    for filter_ in filters:
        filter_.operations  # noqa: B018 -- parses the spec now, so a typo raises here
    if _is_vector(image.file.name):
        logger.warning(
            "Image %s (%s) not rendered: SVG images are not shown", image.pk, image.file.name
        )
        return None
    try:
        renditions = image.get_renditions(*filters)
    except RENDITION_ERRORS as error:
        logger.warning(
            "Image %s (%s) not rendered: %s: %s",
            image.pk,
            image.file.name,
            type(error).__name__,
            error,
        )
        return None
    if any(_is_vector(rendition.file.name) for rendition in renditions.values()):
        # An SVG stored under a raster name (.png): Wagtail keeps its format when the spec
        # has no format-* operation.
        logger.warning("Image %s (%s) not rendered: its content is SVG", image.pk, image.file.name)
        return None
    return renditions


def get_rendition(image, spec):
    """One rendition of ``image`` (see ``get_renditions``), or None."""
    filter_ = Filter(spec=spec) if isinstance(spec, str) else spec
    renditions = get_renditions(image, filter_)
    return None if renditions is None else renditions[filter_.spec]


def _is_vector(name):
    return os.path.splitext(name or "")[1].lower() in _VECTOR_EXTENSIONS
