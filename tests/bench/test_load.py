"""`make bench`'s load runs, with the real wrk and bench.lua against small WSGI servers on
127.0.0.1 (no Django: the loading is what is tested, not the site). An uncached scenario
never asks for a URL twice; two scenarios are compared in alternating rounds
(bench.run.paired) and the ratio is the median round's."""

import threading
from collections import Counter
from socketserver import ThreadingMixIn
from types import SimpleNamespace
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from bench.run import (
    BARE,
    FRESH,
    QUERY_TARGETS,
    RATIOS,
    load,
    paired,
    record_hits,
    scenarios_for,
    verdicts,
)

#: The ids ``scenarios_for`` builds the scenarios' URLs from (bench.run.measure_in_process).
IDS = {
    "detail": 7,
    "sample": [7],
    "brief_url": "/b/",
    "brief_ar_url": "/ar/b/",
    "expert_url": "/e/",
    "etag": '"x"',
}


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def _answering(status, seen=None):
    def app(environ, start_response):
        if seen is not None:
            seen.append(f"{environ['PATH_INFO']}?{environ['QUERY_STRING']}")
        start_response(status, [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]

    return app


def _serve(app):
    server = make_server("127.0.0.1", 0, app, _Server, _QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def servers():
    """Ports of a server answering 200 and of one answering 404 (an unexpected status)."""
    running = [_serve(_answering(status)) for status in ("200 OK", "404 Not Found")]
    yield [server.server_port for server in running]
    for server in running:
        server.shutdown()
        server.server_close()


def test_a_ratio_is_the_median_of_alternating_rounds(servers, tmp_path):
    args = SimpleNamespace(rounds=3, seconds=1, connections=2)
    row, other = paired(
        (servers[0], "api_detail", ["/a", "/b"], ""),
        (servers[0], "v2_detail", ["/c"], "Accept: application/json"),
        args,
        tmp_path,
    )
    ratios = [mine / its for mine, its in row["rounds"]]
    assert len(row["rounds"]) == 3
    assert ratios == sorted(ratios)
    assert [row["ok_rps"], row["paired_rps"]] == row["rounds"][1]
    assert other["ok_rps"] == row["paired_rps"]
    assert row["paired_with"] == "v2_detail"
    assert (row["unexpected_status"], other["unexpected_status"]) == (0, 0)

    # The verdict divides by the rate loaded beside it, not by the denominator's own row.
    results = {"api_detail": row, "v2_detail": {**other, "ok_rps": 1.0}}
    counts = {name: {"queries": 0} for name, _most in QUERY_TARGETS}
    label = next(label for label, numerator, _d, _t in RATIOS if numerator == "api_detail")
    found = {what: measured for what, measured, _target, _met in verdicts(results, counts, 0)}
    assert found[label] == round(row["ok_rps"] / row["paired_rps"], 3)


def test_answers_other_than_200_or_304_do_not_count(servers, tmp_path):
    args = SimpleNamespace(rounds=1, seconds=1, connections=2)
    row, other = paired(
        (servers[0], "api_detail", ["/"], ""), (servers[1], "v2_detail", ["/"], ""), args, tmp_path
    )
    assert other["ok_rps"] == 0.0
    assert other["unexpected_status"] == other["requests"]
    assert row["unexpected_status"] == 0
    assert row["rounds"] == [[row["ok_rps"], 0.0]]


def test_an_uncached_scenario_never_asks_for_a_url_twice(tmp_path):
    """The caches are keyed by the full URL: a URL asked for again, in the warm-up, in
    another round or by another thread, would be measured as a cache hit."""
    seen = []
    server = _serve(_answering("200 OK", seen))
    args = SimpleNamespace(rounds=1, seconds=1, connections=4)
    try:
        for _round in range(2):
            load(server.server_port, "api_detail", [f"/d/?nocache={FRESH}"], "", args, tmp_path)
    finally:
        server.shutdown()
        server.server_close()
    assert len(seen) > 4
    assert len(set(seen)) == len(seen)
    assert all(url.startswith("/d/?nocache=") and FRESH not in url for url in seen)


def test_each_cache_hit_is_compared_with_the_bare_app_answering_its_own_bytes():
    """The listing's cached answer is bigger than the detail's: compared with the detail's
    bytes, the bare app did less work than the hit it was measured against."""
    scenarios = scenarios_for(IDS)
    asked = {  # numerator: (the URL it asks for, the URL whose bytes its bare app answers)
        numerator: (scenarios[numerator.removesuffix("_redis")][0], scenarios[BARE[bare][1]][0])
        for _label, numerator, bare, _target in RATIOS
        if bare in BARE
    }
    assert asked == {
        "api_listing_hit": (["/api/v1/analysis/?limit=20"], ["/api/v1/analysis/?limit=20"]),
        "api_detail_hit": (["/api/v1/analysis/7/"], ["/api/v1/analysis/7/"]),
        "api_304": (["/api/v1/analysis/7/"], ["/api/v1/analysis/7/"]),
        "api_detail_hit_redis": (["/api/v1/analysis/7/"], ["/api/v1/analysis/7/"]),
        "brief_hit": (["/b/"], ["/b/"]),
    }


def _cache_in_front(seen):
    """A site whose answers are cache hits from the third request for a URL on (as two
    workers, each with its own cache, taking turns)."""

    def app(environ, start_response):
        path = environ["PATH_INFO"]
        seen[path] += 1
        state = "hit" if seen[path] > 2 else "miss"
        body = f'{{"path": "{path}"}}'.encode()
        start_response(
            "200 OK",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(body))),
                ("Vary", "Accept-Language"),
                ("X-Cache", state),
            ],
        )
        return [body]

    return app


def test_the_bare_app_sends_the_recorded_hit_headers_and_body(tmp_path, monkeypatch):
    """The bare app answers each hit's status line, headers and body as the site's server
    sent them, less the headers every server adds (Date, Server)."""
    import importlib
    import sys

    asked = Counter()
    server = _serve(_cache_in_front(asked))
    counts = {}
    try:
        record_hits(server.server_port, scenarios_for(IDS), tmp_path / "bare", counts)
    finally:
        server.shutdown()
        server.server_close()
    monkeypatch.setenv("BENCH_BARE_DIR", str(tmp_path / "bare"))
    monkeypatch.delitem(sys.modules, "bench.bare_wsgi", raising=False)
    bare = importlib.import_module("bench.bare_wsgi")
    answers = {}
    for name, _hit in BARE.values():
        sent = {}
        body = b"".join(
            bare.app(
                {"PATH_INFO": f"/{name}"},
                lambda status, headers, s=sent: s.update(status=status, headers=headers),
            )
        )
        answers[name] = (sent["status"], sent["headers"], body)

    def hit(body):
        return (
            "200 OK",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(body))),
                ("Vary", "Accept-Language"),
                ("X-Cache", "hit"),
            ],
            body,
        )

    assert answers == {
        "detail.json": hit(b'{"path": "/api/v1/analysis/7/"}'),
        "listing.json": hit(b'{"path": "/api/v1/analysis/"}'),
        "brief.html": hit(b'{"path": "/b/"}'),
    }
    assert asked == {"/api/v1/analysis/7/": 3, "/api/v1/analysis/": 3, "/b/": 3}
    assert counts == {
        "bare_json": {"queries": 0, "bytes": 31},
        "api_detail_hit": {"bytes": 31},
        "bare_listing_json": {"queries": 0, "bytes": 29},
        "api_listing_hit": {"bytes": 29},
        "bare_html": {"queries": 0, "bytes": 15},
        "brief_hit": {"bytes": 15},
    }


def test_a_hit_the_site_does_not_serve_from_its_cache_stops_the_bench(tmp_path):
    server = _serve(_answering("200 OK"))
    try:
        with pytest.raises(SystemExit) as stopped:
            record_hits(server.server_port, scenarios_for(IDS), tmp_path / "bare", {})
    finally:
        server.shutdown()
        server.server_close()
    assert str(stopped.value) == (
        f"http://127.0.0.1:{server.server_port}/api/v1/analysis/7/ was not a cache hit in 20 "
        "requests: nothing to compare (is the page cache off? PAGE_CACHE_ENABLED)."
    )
