"""`make bench-scale`: do the listings keep their speed as the archive grows?

    .venv/bin/python -m bench.scale [--sizes 5000,100000] [--seconds 10] [--connections 2]
                                    [--database sqlite|postgres] [--json var/bench-scale.json]

1. Builds a scratch database as ``make bench`` does (``bench.run.build``: a generated archive
   of --seed briefs imported the normal way, so the copied briefs have the seed's shape).
2. For each size, smallest first: grows the database to that many live English briefs
   (``bench.grow``: bulk-inserted clones of the imported ones), counts the SQL queries of
   each scenario in this process, then serves the site with gunicorn
   (config/gunicorn.conf.py, production settings, caches empty) and loads each scenario with
   wrk for --seconds.
3. Prints queries, req/s, p50 and p99 per size, and each scenario's p50 at the largest size
   over its p50 at the smallest; the performance issue asks the listing's and a filtered
   listing's to stay within 1.5x. Writes the same as JSON.

Every request carries a unique ``nocache=`` parameter: nothing is served from a cache, the
listing is built each time (its filter choices are kept per content version, as in
production).
"""

import argparse
import json
import shutil
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.run import (
    FRESH,
    ROOT,
    Server,
    build,
    load,
    prepare,
    say,
    scratch_postgres,
)

#: (scenario, path before the unique parameter, whether the issue sets a target for it)
SCENARIOS = [
    ("listing", "/policy-analysis/?", True),
    ("listing_filtered", "/policy-analysis/?type=type-brief-analysis&region=region-iraq&", True),
    ("api_listing", "/api/v1/analysis/?limit=20&", False),
    (
        "api_listing_filtered",
        "/api/v1/analysis/?type=type-brief-analysis&region=region-iraq&limit=20&",
        False,
    ),
]
TARGET = 1.5  # p50 at the largest size over p50 at the smallest, at most


def count_queries():
    """{scenario: [SQL of each query]} of one request each, after a warm-up request (the
    statements go into the JSON, so that a count that moves with the size can be read)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")
    counts = {}
    for name, path, _target in SCENARIOS:
        client.get(f"{path}nocache=warm")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{path}nocache=count")
        if response.status_code != 200:
            sys.exit(
                f"{path} answered {response.status_code}: the run would measure an error "
                f"({response.content[:300].decode(errors='replace')})."
            )
        counts[name] = [query["sql"] for query in queries]
    return counts


def warm(port, path, connections, requests=3):
    """Send each worker its first requests of ``path`` before the measure: a worker builds
    the listing's filter choices once per content version (core.versioned), which takes
    seconds at 100,000 briefs; the p50 measured is the steady state after it."""

    def fetch(n):
        url = f"http://127.0.0.1:{port}{path}nocache=warm-{n}"
        with urllib.request.urlopen(url, timeout=300):  # noqa: S310 - loopback
            pass

    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(fetch, range(connections * requests)))


def grow(size):
    from bench.grow import grow_briefs

    started = time.monotonic()

    def progress(done, missing):
        say(f"  {done:,}/{missing:,} briefs added ({time.monotonic() - started:.0f} s)")

    added = grow_briefs(size, progress=progress)
    return added, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,100000")
    parser.add_argument("--seed", type=int, default=100, help="briefs imported before growing")
    parser.add_argument("--seconds", type=int, default=10)
    # One request per gunicorn worker at a time: p50 is the time to build the page, not the
    # time spent queued behind others (and the overload guard refuses nothing).
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--json", default=str(ROOT / "var" / "bench-scale.json"))
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    if len(sizes) < 2 or sizes[0] < args.seed:
        sys.exit(f"--sizes needs two sizes or more, each at least --seed ({args.seed}).")
    started_at, conditions, workdir, env = prepare(args, "bench-scale")
    logs = Path(args.json).parent / "bench-logs"
    logs.mkdir(parents=True, exist_ok=True)
    runs = {}
    try:
        if args.database == "postgres":
            scratch_postgres()
        records, seconds = build(env, workdir, args.seed)
        say(f"Imported {records} records in {seconds:.1f} s.")
        import django

        django.setup()
        for size in sizes:
            say(f"Growing the archive to {size:,} briefs…")
            added, grown_in = grow(size)
            counts = count_queries()
            site = Server(env, "config.wsgi", logs / f"scale-{size}.log")
            results = {}
            try:
                for name, path, _target in SCENARIOS:
                    warm(site.port, path, args.connections)
                    say(f"Loading {name} at {size:,} briefs for {args.seconds} s…")
                    paths = [f"{path}nocache={FRESH}"]
                    results[name] = {
                        "queries": len(counts[name]),
                        "sql": counts[name],
                        **load(site.port, f"{name}-{size}", paths, "", args, workdir),
                    }
            finally:
                site.stop()
            runs[size] = {"added": added, "grow_seconds": round(grown_in, 1), "scenarios": results}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    small, large = sizes[0], sizes[-1]
    say("")
    say(
        f"{args.database}, gunicorn (config/gunicorn.conf.py), wrk -t2 -c{args.connections} "
        f"-d{args.seconds}s; {conditions['cpus']} CPUs ({conditions['cpu']}), load average "
        f"before: {conditions['load_average_before']}"
    )
    heading = ("briefs", 8), ("queries", 7), ("req/s", 8), ("p50 ms", 8), ("p99 ms", 8)
    say(f"{'scenario':22s}" + "".join(f" {label:>{width}s}" for label, width in heading))
    for name, _path, _target in SCENARIOS:
        for size in sizes:
            row = runs[size]["scenarios"][name]
            say(
                f"{name:22s} {size:>8,} {row['queries']:>7} {row['ok_rps']:8.1f} "
                f"{row['p50_ms']:8.2f} {row['p99_ms']:8.2f}"
            )
    say("")
    targets = []
    for name, _path, has_target in SCENARIOS:
        before = runs[small]["scenarios"][name]["p50_ms"]
        after = runs[large]["scenarios"][name]["p50_ms"]
        # A size that answered nothing within the run has no p50: never a met target.
        measured = before and after
        ratio = round(after / before, 2) if measured else float("inf")
        met = ratio <= TARGET if has_target else None
        targets.append({"what": f"{name} p50 at {large:,} / at {small:,}", "measured": ratio,
                        "goal": f"<= {TARGET}x" if has_target else "", "met": met})  # fmt: skip
        verdict = "" if met is None else ("met" if met else "NOT MET")
        say(f"{targets[-1]['what']:46s} {ratio:>6}x  {targets[-1]['goal']:>7s}  {verdict}")
    report = {
        "started_at": started_at,
        "database": args.database,
        "seconds": args.seconds,
        "connections": args.connections,
        "machine": conditions,
        "sizes": {str(size): runs[size] for size in sizes},
        "targets": targets,
    }
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    say(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
