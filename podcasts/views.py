"""Serving uploaded audio and video the way podcast apps and players fetch it.

Players seek and podcast apps resume downloads with byte ranges; Apple's directory checks
that an enclosure answers HEAD and ``Range`` requests. Django's static view answers neither,
so ``media_file`` does: a full 200 with ``Accept-Ranges: bytes``, a 206 for one satisfiable
range, a 416 for an unsatisfiable one, and HEAD with the headers alone. Production may put a
proxy or object storage in front (docs/podcasts.md); the URL stays the same.

A file is served only while a page readers may see plays it (an episode's audio, a video
item's video, or, through the ``podcasts_media_on_public_page`` hook, another app's page
such as an event's recording), or to a signed-in editor: the audio of a draft, private or
expired episode is not heard before its page is.
"""

import posixpath
import re

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtailmedia import get_media_model

from .models import EpisodePage, VideoPage

#: Apps that play media on their own pages register a function under this name: called with
#: a media item's pk, it says whether a page readers may see plays it.
MEDIA_ON_PUBLIC_PAGE_HOOK = "podcasts_media_on_public_page"

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 64 * 1024


def _parse_range(header, size):
    """(start, end) inclusive for a single ``bytes=`` range, None when there is no usable
    range header (serve the whole file), or "unsatisfiable"."""
    match = _RANGE.match(header.strip()) if header else None
    if match is None:
        return None  # absent, multiple ranges or another unit: RFC 9110 allows a full 200
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # a suffix: the last N bytes
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return "unsatisfiable"
    return start, end


def _read(fileobj, start, length):
    fileobj.seek(start)
    remaining = length
    try:
        while remaining > 0:
            chunk = fileobj.read(min(_CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        fileobj.close()


def on_public_page(media_pk):
    """Whether a page readers may see (in any language) plays the media item."""
    if EpisodePage.objects.visible().filter(audio_id=media_pk).exists():
        return True
    if VideoPage.objects.visible().filter(video_id=media_pk).exists():
        return True
    return any(fn(media_pk) for fn in hooks.get_hooks(MEDIA_ON_PUBLIC_PAGE_HOOK))


def _refuse_unless_readable(request, media):
    """404 unless a page readers may see plays ``media`` or the user is an editor."""
    is_editor = request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin")
    if not is_editor and not on_public_page(media.pk):
        raise Http404


@require_safe
def media_captions(request, pk, filename):
    """A media item's WebVTT captions, under the same rule as the media file."""
    media = get_object_or_404(get_media_model(), pk=pk)
    if not media.captions or posixpath.basename(media.captions.name) != filename:
        raise Http404
    _refuse_unless_readable(request, media)
    try:
        captions = media.captions.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(captions, content_type="text/vtt; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def media_file(request, pk, filename):
    """An uploaded audio or video file, with byte ranges (see the module docstring)."""
    media = get_object_or_404(get_media_model(), pk=pk)
    if not media.file or media.filename != filename:
        raise Http404
    _refuse_unless_readable(request, media)
    try:
        size = media.file.size
    except OSError:
        raise Http404 from None
    content_type = media.mime_type or "application/octet-stream"
    byte_range = _parse_range(request.headers.get("Range", ""), size)
    if byte_range == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
        if byte_range:
            start, end = byte_range
            response.status_code = 206
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
            response["Content-Length"] = str(end - start + 1)
        else:
            response["Content-Length"] = str(size)
    elif byte_range:
        start, end = byte_range
        response = StreamingHttpResponse(
            _read(media.file.open("rb"), start, end - start + 1),
            status=206,
            content_type=content_type,
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        response = FileResponse(media.file.open("rb"), content_type=content_type)
    response["Accept-Ranges"] = "bytes"
    response["Last-Modified"] = http_date(media.created_at.timestamp())
    response["Cache-Control"] = "public, max-age=3600"
    return response
