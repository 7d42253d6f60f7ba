"""The comparison rows of `make bench`: a WSGI app that returns fixed bytes, served by the
same gunicorn configuration as the site. ``/<name>`` answers the bytes of the file ``<name>``
in the folder BENCH_BARE_DIR (``bench.run.BARE``: the cached answers the site's hits are
compared with), as JSON or HTML by its suffix; the files are read once, at start-up."""

import os
from pathlib import Path

_ANSWERS = {
    f"/{path.name}": (
        path.read_bytes(),
        "application/json" if path.suffix == ".json" else "text/html; charset=utf-8",
    )
    for path in Path(os.environ["BENCH_BARE_DIR"]).iterdir()
}


def app(environ, start_response):
    body, content_type = _ANSWERS[environ.get("PATH_INFO")]
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
