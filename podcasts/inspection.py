"""What an audio or video file is, read from its content.

One check, ``inspect_media``, serves the admin's media form (``podcasts.forms``) and the
importer: it refuses files that are not the audio or video their name claims, and reports
the MIME type, duration and size the feed's enclosures and the players need. Audio is read
with mutagen (MP3, AAC, M4A, Ogg, FLAC, WAV); video containers are recognised by their
signature (MP4/M4V/MOV, WebM, Ogg), their duration by mutagen where it reads them (MP4).
"""

import mimetypes
import os

import mutagen
from django.utils.translation import gettext_lazy as _

AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "aac": "audio/aac",
    "ogg": "audio/ogg",
    "oga": "audio/ogg",
    "opus": "audio/ogg",
    "flac": "audio/flac",
    "wav": "audio/wav",
}
VIDEO_TYPES = {
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "mov": "video/quicktime",
    "webm": "video/webm",
    "ogv": "video/ogg",
}
#: Largest upload accepted (audio of a long episode at 128 kbit/s is about 60 MB an hour).
MAX_MEDIA_SIZE = 500 * 1024 * 1024

NOT_AUDIO = _("This file is not a readable %(formats)s audio file.")
NOT_VIDEO = _("This file is not a %(formats)s video file.")
UNKNOWN_EXTENSION = _('Files ending in ".%(extension)s" are not accepted: use one of %(formats)s.')
TOO_LARGE = _("This file is too big: the largest media file accepted is 500 MB.")
NOT_WEBVTT = _('This is not a WebVTT captions file: it must start with "WEBVTT".')


class MediaRefused(ValueError):
    """A media file the site does not accept; ``str(error)`` is the message for people."""


def _extension(name):
    return os.path.splitext(name or "")[1][1:].lower()


def _formats(types):
    return ", ".join(sorted(ext.upper() for ext in types))


def _video_signature(head):
    """The container a video file's first bytes announce, or None."""
    if head[4:8] == b"ftyp":
        return "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    if head[:4] == b"OggS":
        return "ogg"
    return None


def inspect_media(fileobj, name, media_type):
    """(mime_type, duration in seconds, size in bytes) of an ``"audio"`` or ``"video"`` file.

    Raises ``MediaRefused`` with a message for editors when the file is not accepted."""
    types = AUDIO_TYPES if media_type == "audio" else VIDEO_TYPES
    extension = _extension(name)
    if extension not in types:
        raise MediaRefused(
            str(UNKNOWN_EXTENSION) % {"extension": extension, "formats": _formats(types)}
        )
    fileobj.seek(0, os.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    if size > MAX_MEDIA_SIZE:
        raise MediaRefused(str(TOO_LARGE))
    head = fileobj.read(16)
    fileobj.seek(0)
    duration = 0.0
    if media_type == "audio":
        try:
            parsed = mutagen.File(fileobj)
        except Exception:  # noqa: BLE001 - mutagen raises many types for damaged files
            parsed = None
        fileobj.seek(0)
        if parsed is None or not getattr(parsed.info, "length", 0):
            raise MediaRefused(str(NOT_AUDIO) % {"formats": _formats(types)})
        duration = float(parsed.info.length)
    else:
        if _video_signature(head) is None:
            raise MediaRefused(str(NOT_VIDEO) % {"formats": _formats(types)})
        try:
            parsed = mutagen.File(fileobj)
        except Exception:  # noqa: BLE001
            parsed = None
        fileobj.seek(0)
        if parsed is not None and getattr(parsed.info, "length", 0):
            duration = float(parsed.info.length)
    mime_type = types[extension]
    return mime_type, duration, size


def check_webvtt(fileobj):
    """Refuse a captions file that is not WebVTT (it must start with "WEBVTT")."""
    head = fileobj.read(10)
    fileobj.seek(0)
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    if not head.lstrip("\ufeff").startswith("WEBVTT"):
        raise MediaRefused(str(NOT_WEBVTT))


def guess_mime_type(url_or_name):
    """The MIME type a URL's or file name's extension names (audio/mpeg for an .mp3 URL)."""
    extension = _extension(url_or_name.split("?", 1)[0])
    return (
        AUDIO_TYPES.get(extension)
        or VIDEO_TYPES.get(extension)
        or mimetypes.guess_type(url_or_name)[0]
        or ""
    )
