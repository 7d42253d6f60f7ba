"""The comparison rows of `make bench`: a WSGI app that returns fixed bytes, served by the
same gunicorn configuration as the site. ``/json`` answers the bytes of the file named by
BENCH_BARE_JSON (the API detail's), ``/listing.json`` those of BENCH_BARE_LISTING_JSON (the
API listing's), anything else those of BENCH_BARE_HTML (the brief page's); each file is read
once, at start-up."""

import os
from pathlib import Path

_JSON = "application/json"
_ANSWERS = {
    "/json": (Path(os.environ["BENCH_BARE_JSON"]).read_bytes(), _JSON),
    "/listing.json": (Path(os.environ["BENCH_BARE_LISTING_JSON"]).read_bytes(), _JSON),
}
_HTML = (Path(os.environ["BENCH_BARE_HTML"]).read_bytes(), "text/html; charset=utf-8")


def app(environ, start_response):
    body, content_type = _ANSWERS.get(environ.get("PATH_INFO"), _HTML)
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
