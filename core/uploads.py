"""Which image files the site accepts, checked by their content.

An image is accepted only if Pillow, restricted to the raster formats the site renders
(JPEG, PNG, WebP, GIF, and AVIF when this Pillow reads it), opens, verifies and decodes
it, its name ends in an extension of that format, and it stays under the size and pixel
limits (``WAGTAILIMAGES_MAX_UPLOAD_SIZE``, ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``). Everything
else is refused with a message an editor can act on: SVG (it can carry scripts that run on
the site's origin), HTML or any other file under an image name, damaged files, decompression
bombs.

One check, ``check_image``, serves the Wagtail admin (``core.image_forms.ImageForm``, installed
with the ``WAGTAILIMAGES_IMAGE_FORM_BASE`` setting) and the importer (``check_image_path``).
"""

import functools
import os
import warnings

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.images.utils import get_allowed_image_extensions

#: Pillow format -> (its name for editors, the file extensions it may have). MPO is how
#: Pillow reports a camera JPEG carrying a second picture; it is a JPEG to everyone else.
RASTER_FORMATS = {
    "JPEG": ("JPEG", ("jpg", "jpeg")),
    "MPO": ("JPEG", ("jpg", "jpeg")),
    "PNG": ("PNG", ("png",)),
    "WEBP": ("WebP", ("webp",)),
    "GIF": ("GIF", ("gif",)),
    "AVIF": ("AVIF", ("avif",)),
}
DEFAULT_MAX_IMAGE_PIXELS = 50_000_000
DEFAULT_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

SVG_REFUSED = _(
    "SVG images are not accepted: an SVG file can contain scripts. "
    "Upload a %(formats)s image instead."
)
NOT_AN_IMAGE = _("This file is not a %(formats)s image.")
DAMAGED = _("This image file is damaged or incomplete: it cannot be read.")
TOO_MANY_PIXELS = _(
    "This image has too many pixels: the limit is %(limit)s million (width x height x frames)."
)
TOO_LARGE = _("This file is too big (%(size)s). The largest image accepted is %(limit)s.")
EXTENSION_MISMATCH = _(
    'The file name ends in ".%(extension)s" but the file is a %(format)s image: '
    'name it ".%(expected)s".'
)
FORMATS_LIST = _("%(formats)s or %(last)s")

# Enough of the file's start to recognise SVG markup after an XML prologue or comments.
_SNIFF_BYTES = 4096


class ImageRefused(ValueError):
    """An image file the site does not accept; ``str(error)`` is the message for people."""

    def __init__(self, message, code, **params):
        super().__init__(str(message) % params if params else str(message))
        self.code = code


def max_image_pixels():
    """The pixel limit (width x height x frames) of an image, from the Wagtail setting."""
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS)


def max_upload_size():
    """The size limit of an image file in bytes, from the Wagtail setting (None: none)."""
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


def accepted_formats():
    """The Pillow formats accepted: the raster formats this Pillow decodes whose extensions
    ``WAGTAILIMAGES_EXTENSIONS`` allows. Pillow tries no other decoder on an upload, so a
    hostile file never reaches the parsers of formats the site does not use (EPS, PSD...)."""
    PILImage.init()
    allowed = set(get_allowed_image_extensions())
    return [
        name
        for name, (_label, extensions) in RASTER_FORMATS.items()
        if name in PILImage.OPEN and allowed.intersection(extensions)
    ]


def formats_text():
    """The accepted formats for people: "JPEG, PNG, WebP, GIF or AVIF"."""
    labels = list(dict.fromkeys(RASTER_FORMATS[name][0] for name in accepted_formats()))
    if len(labels) < 2:
        return "".join(labels)
    return str(FORMATS_LIST) % {"formats": ", ".join(labels[:-1]), "last": labels[-1]}


def _looks_like_svg(head):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<") and b"<svg" in text


def check_image(file, name):
    """Check the image file ``file`` (a binary file object) named ``name``; return its
    Pillow format (``"JPEG"``, ``"PNG"``...).

    Raises ``ImageRefused`` with the reason when the site does not accept it. The file's
    position is back at its start afterwards.
    """
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension in ("svg", "svgz"):
        raise ImageRefused(SVG_REFUSED, "svg", formats=formats_text())
    size, limit = _size(file), max_upload_size()
    if limit is not None and size > limit:
        raise ImageRefused(
            TOO_LARGE, "file_too_large", size=filesizeformat(size), limit=filesizeformat(limit)
        )
    if _looks_like_svg(file.read(_SNIFF_BYTES)):
        file.seek(0)
        raise ImageRefused(SVG_REFUSED, "svg", formats=formats_text())
    file_format = _decode(file, accepted_formats())
    label, extensions = RASTER_FORMATS[file_format]
    if extension not in extensions:
        raise ImageRefused(
            EXTENSION_MISMATCH,
            "extension_mismatch",
            extension=extension,
            format=label,
            expected=extensions[0],
        )
    return file_format


def check_image_path(path):
    """``check_image`` for a file on disk. An accepted file is not decoded again while its
    size and modification time stay the same (an archive names one photo many times)."""
    stat = os.stat(path)
    limits = (max_upload_size(), max_image_pixels(), tuple(accepted_formats()))
    return _check_unchanged_file(os.fspath(path), stat.st_size, stat.st_mtime_ns, limits)


@functools.lru_cache(maxsize=1024)
def _check_unchanged_file(path, _size, _mtime_ns, _limits):
    with open(path, "rb") as handle:
        return check_image(handle, os.path.basename(path))


def _size(file):
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


def _decode(file, formats):
    """Open, verify and decode ``file`` with Pillow limited to ``formats``; its format."""
    limit = max_image_pixels()
    too_many_pixels = ImageRefused(
        TOO_MANY_PIXELS, "file_too_many_pixels", limit=f"{(limit or 0) / 1_000_000:g}"
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own limit; the pixel count is compared below instead.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            file.seek(0)
            with PILImage.open(file, formats=formats) as image:
                file_format = image.format
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
                if limit is not None and width * height * frames > limit:
                    raise too_many_pixels
                image.verify()  # checksums and structure (PNG chunks, ...)
            # verify() leaves the image unusable: decode a fresh one to its last pixel.
            file.seek(0)
            with PILImage.open(file, formats=formats) as image:
                image.load()
    except ImageRefused:
        raise
    except UnidentifiedImageError:
        raise ImageRefused(NOT_AN_IMAGE, "not_an_image", formats=formats_text()) from None
    except PILImage.DecompressionBombError:
        raise too_many_pixels from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ImageRefused(DAMAGED, "damaged") from None
    finally:
        file.seek(0)
    return file_format
