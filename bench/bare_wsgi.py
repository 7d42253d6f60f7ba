"""The comparison row of `make bench`: a WSGI app that returns fixed bytes, served by the
same gunicorn configuration as the site. ``/json`` answers the bytes of the file named by
BENCH_BARE_JSON, anything else those of BENCH_BARE_HTML (read once, at start-up)."""

import os
from pathlib import Path

_JSON = Path(os.environ["BENCH_BARE_JSON"]).read_bytes()
_HTML = Path(os.environ["BENCH_BARE_HTML"]).read_bytes()


def app(environ, start_response):
    if environ.get("PATH_INFO") == "/json":
        body, content_type = _JSON, "application/json"
    else:
        body, content_type = _HTML, "text/html; charset=utf-8"
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
