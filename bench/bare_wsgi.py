"""The comparison rows of `make bench`: a WSGI app that returns fixed answers, served by the
same gunicorn configuration as the site. ``/<name>`` answers what the site's gunicorn sent
for the cache hit recorded in the folder BENCH_BARE_DIR (``bench.run.record_hits``): the
status line and headers in ``<name>.headers`` (JSON), the body in ``<name>``. So the bare
app sends the very bytes of the hit it is compared with, headers included (gunicorn adds
its own Date, Server and Connection to both). The files are read once, at start-up."""

import json
import os
from pathlib import Path

_FOLDER = Path(os.environ["BENCH_BARE_DIR"])


def _answer(path):
    head = json.loads((_FOLDER / f"{path.name}.headers").read_text())
    return head["status"], [tuple(header) for header in head["headers"]], path.read_bytes()


_ANSWERS = {
    f"/{path.name}": _answer(path) for path in _FOLDER.iterdir() if path.suffix != ".headers"
}


def app(environ, start_response):
    status, headers, body = _ANSWERS[environ.get("PATH_INFO")]
    start_response(status, list(headers))
    return [body]
