"""`make bench`: the site's speed as ratios against Wagtail's API v2 and a bare WSGI app.

    .venv/bin/python -m bench.run [--briefs 1000] [--seconds 5] [--connections 8] [--rounds 5]
                                  [--database sqlite|postgres] [--json var/bench.json]
                                  [--only brief_hit,api_detail_hit,...]

1. Builds a scratch database (SQLite in a temporary folder, or a scratch PostgreSQL database
   ``thinktank_bench`` on 127.0.0.1) and imports a generated archive of N briefs shaped like
   the seed (ordered authors, headings, paragraphs with internal and external links, lists,
   quotes, three recommendations; one in ten with an Arabic edition). The detail measured is
   ``analysis-0``: 25 blocks, three authors, three recommendations, an Arabic edition.
2. Counts SQL queries and bytes of every scenario in this process (Django's test client,
   production settings).
3. Serves the site with gunicorn and config/gunicorn.conf.py (production settings), and the
   bare WSGI app (bench/bare_wsgi.py, sending the status line, headers and body the site's
   gunicorn sent for each cache hit: the same bytes) under the same configuration, loads
   each scenario with wrk for --seconds, and prints requests/s, p50 and p99; then the ratios
   the performance issue sets, each against its target. Each ratio's two scenarios (a cache
   hit and the bare app, the API and v2's) are loaded in --rounds alternating rounds (ours,
   theirs, ours, theirs…), and the ratio is the median round's: the machine's speed drifts
   by a third within minutes, which a comparison measured once, minutes later, does not
   cancel. With Redis answering on 127.0.0.1:6379, the API cache hit is measured a second
   time with the Redis cache (REDIS_URL) instead of the local-memory one.

Uncached scenarios add a ``nocache=`` parameter to every request that no other request of the
run carries, warm-ups and earlier rounds included (bench.lua; the caches are keyed by the full
URL). Figures depend on what else runs on the machine: compare ratios within one
run, not requests/s across runs. docs/benchmarks.md records runs and their conditions.
"""

import argparse
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_URL = "postgres://postgres@127.0.0.1:5432/thinktank_bench"
REDIS_URL = "redis://127.0.0.1:6379/15"
#: In a path, what bench.lua replaces by a value no other request of the run had.
FRESH = "{n}"

V2_LISTING = "/api/v2/pages/?type=policyanalysis.BriefPage&fields=authors,tags,date&limit=20"

# (ratio, numerator scenario, denominator scenario, target)
RATIOS = [
    ("API listing vs v2 listing", "api_listing", "v2_listing", 15.0),
    ("API detail vs v2 detail", "api_detail", "v2_detail", 4.0),
    ("API listing cache hit vs bare app", "api_listing_hit", "bare_listing_json", 0.8),
    ("API detail cache hit vs bare app", "api_detail_hit", "bare_json", 0.8),
    ("API 304 vs bare app", "api_304", "bare_json", 0.85),
    ("API cache hit, Redis, vs bare app", "api_detail_hit_redis", "bare_json", 0.5),
    ("Page cache hit (brief) vs bare app", "brief_hit", "bare_html", 0.8),
]
#: The bare app's scenarios: the file it answers (bench/bare_wsgi.py, at ``/<file>``) and
#: the cache hit whose bytes the file holds.
BARE = {
    "bare_json": ("detail.json", "api_detail_hit"),
    "bare_listing_json": ("listing.json", "api_listing_hit"),
    "bare_html": ("brief.html", "brief_hit"),
}
# (scenario, most queries allowed)
QUERY_TARGETS = [
    ("api_listing", 6),
    ("api_detail", 8),
    ("api_listing_hit", 0),
    ("api_detail_hit", 0),
    ("brief", 12),
    ("listing", 10),
    ("expert", 10),
    ("home", 10),
    ("brief_hit", 0),
]
IMPORT_TARGET = 50.0  # records per second


def say(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(host, port):
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


def scratch_postgres():
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS thinktank_bench WITH (FORCE)")
        conn.execute("CREATE DATABASE thinktank_bench")


def environment(workdir, database):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": os.urandom(32).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": PG_BENCH_URL
        if database == "postgres"
        else f"sqlite:///{workdir / 'db.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "REDIS_URL": "",
        # The bench measures serving and importing, not the worker: 1,100 PDFs would keep
        # it busy for minutes (and failed before: the default site's host, localhost, is
        # not among ALLOWED_HOSTS here).
        "PDF_ON_PUBLISH": "false",
    }


def manage(env, *argv):
    subprocess.run([PYTHON, "manage.py", *argv], cwd=ROOT, env=env, check=True)  # noqa: S603


def build(env, workdir, briefs):
    """Migrate and import the generated archive; returns (records, seconds)."""
    from bench.synthetic import write_archive

    say("Migrating the scratch database…")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    archive = workdir / "archive.jsonl"
    records = write_archive(
        archive,
        analysis=briefs,
        experts=max(20, briefs // 20),
        translated_every=10,
        detail_sections=5,
    )
    say(f"Importing {records} records ({briefs} briefs)…")
    started = time.monotonic()
    manage(env, "import_analysis", str(archive))
    return records, time.monotonic() - started


def drain_queue(env):
    """Run the tasks the import queued (search and reference indexing, PDFs, renditions)
    with the database queue's worker until none is left; returns the seconds it took. The
    load runs then measure a quiet server with a complete search index."""
    say("Running the tasks the import queued (indexing, PDFs)…")
    started = time.monotonic()
    manage(env, "db_worker", "--batch", "--interval", "0", "-v", "0")
    return time.monotonic() - started


def scenarios_for(ids):
    """{name: (paths, header)}: what wrk requests for each scenario."""
    detail, sample = ids["detail"], ids["sample"]
    fresh = f"nocache={FRESH}"
    # Cache hits first: the uncached scenarios after them store thousands of one-off pages
    # in the local-memory cache (each worker's), and measured after those, a hit shared
    # the workers with their eviction and leftover renders (0.17x of the bare app, 0.60x
    # when measured alone on the same machine).
    return {
        "api_listing_hit": (["/api/v1/analysis/?limit=20"], ""),
        "api_detail_hit": ([f"/api/v1/analysis/{detail}/"], ""),
        "api_304": ([f"/api/v1/analysis/{detail}/"], f"If-None-Match: {ids['etag']}"),
        "brief_hit": ([ids["brief_url"]], ""),
        "api_listing": ([f"/api/v1/analysis/?limit=20&{fresh}"], ""),
        "api_detail": ([f"/api/v1/analysis/{detail}/?{fresh}"], ""),
        "v2_listing": ([f"{V2_LISTING}&offset={n % 200}" for n in range(200)], ""),
        "v2_detail": ([f"/api/v2/pages/{pk}/" for pk in sample], ""),
        "brief": ([f"{ids['brief_url']}?{fresh}"], ""),
        "brief_ar": ([f"{ids['brief_ar_url']}?{fresh}"], ""),
        "listing": ([f"/policy-analysis/?{fresh}"], ""),
        "expert": ([f"{ids['expert_url']}?{fresh}"], ""),
        "home": ([f"/?{fresh}"], ""),
    }


def measure_in_process():
    """Query counts and bytes of one request per scenario, after a warm-up request, and the
    ids the load runs need."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from experts.models import ExpertPage
    from policyanalysis.models import BriefPage

    source = BriefPage.objects.get(slug="analysis-0", locale__language_code="en")
    arabic = BriefPage.objects.get(
        translation_key=source.translation_key, locale__language_code="ar"
    )
    expert = ExpertPage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    sample = list(
        BriefPage.objects.live()
        .filter(locale__language_code="en")
        .order_by("pk")
        .values_list("pk", flat=True)[:200]
    )
    client = Client(SERVER_NAME="127.0.0.1")
    ids = {
        "detail": source.pk,
        "sample": sample,
        "brief_url": source.url,
        "brief_ar_url": arabic.url,
        "expert_url": expert.url,
    }
    ids["etag"] = client.get(f"/api/v1/analysis/{source.pk}/")["ETag"]
    ids["blocks"] = len(source.body)
    ids["authors"] = source.authors.count()
    counts = {}
    for name, (paths, header) in scenarios_for(ids).items():
        extra = {}
        if header:
            key, value = header.split(": ", 1)
            extra["HTTP_" + key.upper().replace("-", "_")] = value
        # Warm first-use caches (and fill the hit scenarios' entries), then count.
        client.get(paths[-1].replace(FRESH, "warm"), **extra)
        path = paths[0].replace(FRESH, "count")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **extra)
        if response.status_code not in (200, 304):
            sys.exit(
                f"{path} answered {response.status_code}: the benchmark would measure an error."
            )
        counts[name] = {"queries": len(queries), "bytes": len(response.content)}
    return ids, counts


class Server:
    """gunicorn with config/gunicorn.conf.py on a free port, serving ``app``."""

    def __init__(self, env, app, log):
        self.port = free_port()
        self.log = log.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv
            [
                PYTHON,
                "-m",
                "gunicorn",
                "-c",
                "config/gunicorn.conf.py",
                app,
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            start_new_session=True,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(300):
            if answers("127.0.0.1", self.port):
                return
            if self.process.poll() is not None:
                sys.exit(f"gunicorn ({app}) did not start; see {log}.")
            time.sleep(0.1)
        sys.exit(f"gunicorn ({app}) did not answer within 30 s.")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


#: Headers gunicorn writes itself on every answer (the bare app's too).
_GUNICORN_HEADERS = frozenset({"server", "date", "connection", "transfer-encoding"})


#: Requests for a URL before its answer must have come from the cache: each gunicorn worker
#: keeps its own local-memory cache, so the first request each worker takes is a miss.
HIT_ATTEMPTS = 20


def record_hits(port, scenarios, folder, counts):
    """Ask the site's gunicorn for each cache hit the bare app stands beside (again until
    the answer is a hit) and write what it sent to ``folder`` for bench/bare_wsgi.py: the
    body, and the status and headers but those gunicorn adds to every answer."""
    folder.mkdir()
    for name, (filename, hit) in BARE.items():
        url = f"http://127.0.0.1:{port}{scenarios[hit][0][0]}"
        for _ in range(HIT_ATTEMPTS):
            with urllib.request.urlopen(url) as answer:  # noqa: S310 - loopback
                body = answer.read()
            if answer.headers.get("X-Cache") == "hit":
                break
        else:
            sys.exit(
                f"{url} was not a cache hit in {HIT_ATTEMPTS} requests: nothing to compare "
                "(is the page cache off? PAGE_CACHE_ENABLED)."
            )
        headers = [
            [header, value]
            for header, value in answer.getheaders()
            if header.lower() not in _GUNICORN_HEADERS
        ]
        (folder / filename).write_bytes(body)
        head = {"status": f"{answer.status} {answer.reason}", "headers": headers}
        (folder / f"{filename}.headers").write_text(json.dumps(head))
        counts[name] = {"queries": 0, "bytes": len(body)}
        # (The body under gunicorn, with the server's port in its absolute links, is a few
        # bytes longer than the test client's counted in process.)
        counts.setdefault(hit, {})["bytes"] = len(body)


#: Numbers of the wrk runs of this process, which tell their fresh URLs apart.
_RUNS = itertools.count(1)


def load(port, name, paths, header, args, workdir):
    """wrk's summary for one scenario, after a short warm-up."""
    paths_file, out = workdir / f"{name}.paths", workdir / f"{name}.json"
    paths_file.write_text("\n".join(paths))
    env = {
        **os.environ,
        "BENCH_PATHS": str(paths_file),
        "BENCH_HEADER": header,
        "BENCH_OUT": str(out),
    }
    script = str(ROOT / "bench" / "bench.lua")
    url = f"http://127.0.0.1:{port}"
    base = ["wrk", "-t2", f"-c{args.connections}", "--timeout", "10s", "-s", script]
    for duration in (1, args.seconds):  # a warm-up, then the run measured
        env["BENCH_RUN"] = f"{os.getpid()}-{next(_RUNS)}"  # fresh URLs for each (bench.lua)
        subprocess.run([*base, f"-d{duration}s", url], env=env, check=True, capture_output=True)  # noqa: S603
    summary = json.loads(out.read_text())
    # Only answers that were what the scenario asks for count (an overload 503 is an error).
    ok = summary["requests"] - summary["unexpected_status"]
    summary["ok_rps"] = round(ok / summary["seconds"], 1) if summary["seconds"] else 0.0
    return summary


#: The scenario each ratio's numerator is compared with (loaded beside it).
PAIRS = {name: denominator for _label, name, denominator, _target in RATIOS}


def paired(ours, theirs, args, workdir):
    """Load two scenarios, each ``(port, name, paths, header)``, in alternating rounds;
    returns (our row, their row) of the round whose ratio is the median. Our row also holds
    ``paired_rps`` (their rate in that round), ``paired_with`` and every round's (our
    req/s, their req/s)."""
    rounds = []
    for number in range(1, args.rounds + 1):
        say(f"Loading {ours[1]}, then {theirs[1]}, round {number} of {args.rounds}…")
        rounds.append((load(*ours, args, workdir), load(*theirs, args, workdir)))
    rounds.sort(
        key=lambda pair: pair[0]["ok_rps"] / pair[1]["ok_rps"] if pair[1]["ok_rps"] else 0.0
    )
    row, other = rounds[len(rounds) // 2]
    return {
        **row,
        "paired_with": theirs[1],
        "paired_rps": other["ok_rps"],
        "rounds": [[mine["ok_rps"], its["ok_rps"]] for mine, its in rounds],
    }, other


def table(results, counts):
    lines = [
        f"{'scenario':24s} {'queries':>7s} {'bytes':>8s} {'req/s':>9s} {'p50 ms':>8s} "
        f"{'p99 ms':>8s} {'errors':>6s} {'compared beside it, req/s':>26s}"
    ]
    for name, row in results.items():
        count = counts.get(name.removesuffix("_redis"), {})
        errors = row["unexpected_status"] + row["socket_errors"]
        lines.append(
            f"{name:24s} {count.get('queries', ''):>7} {count.get('bytes', ''):>8} "
            f"{row['ok_rps']:9.1f} {row['p50_ms']:8.2f} {row['p99_ms']:8.2f} {errors:6d}"
            + (f" {row['paired_rps']:26.1f}" if "paired_rps" in row else "")
        )
    return "\n".join(lines)


def verdicts(results, counts, import_rate):
    """[(what, measured, target, met)] for every target the performance issue sets."""
    found = []
    for label, numerator, denominator, target in RATIOS:
        if numerator in results and denominator in results:
            row = results[numerator]
            below = row.get("paired_rps", results[denominator]["ok_rps"])
            ratio = row["ok_rps"] / below if below else 0.0
            found.append((label, round(ratio, 3), f">= {target}x", ratio >= target))
    for name, most in QUERY_TARGETS:
        queries = counts[name]["queries"]
        found.append((f"{name} SQL queries", queries, f"<= {most}", queries <= most))
    found.append(
        (
            "import records/s",
            round(import_rate, 1),
            f">= {IMPORT_TARGET}",
            import_rate >= IMPORT_TARGET,
        )
    )
    return found


def machine():
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        load_average = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        load_average = ""
    return {"cpus": os.cpu_count(), "cpu": model, "load_average_before": load_average}


def prepare(args, target):
    """Check wrk and the database answer, then set up the scratch folder and this process's
    environment for ``make <target>``: (start time, machine, scratch folder, environment)."""
    if not shutil.which("wrk"):
        sys.exit(
            f"wrk is missing: run `make {target}` (it installs Debian's wrk) or apt-get "
            "install wrk."
        )
    if args.database == "postgres" and not answers("127.0.0.1", 5432):
        sys.exit("No PostgreSQL answers on 127.0.0.1:5432: start it, or use --database sqlite.")
    started_at = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    conditions = machine()
    workdir = Path(tempfile.mkdtemp(prefix=f"thinktank-{target}-"))
    env = environment(workdir, args.database)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    return started_at, conditions, workdir, env


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="alternating rounds of each ratio's two scenarios (the median round counts)",
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--json", default=str(ROOT / "var" / "bench.json"))
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated scenarios to load (e.g. brief_hit,api_304); the bare app's "
        "rows always run; default: all",
    )
    args = parser.parse_args()
    started_at, conditions, workdir, env = prepare(args, "bench")
    servers = []
    try:
        if args.database == "postgres":
            scratch_postgres()
        records, seconds = build(env, workdir, args.briefs)
        import_rate = records / seconds
        say(f"Imported {records} records in {seconds:.1f} s ({import_rate:.1f} records/s).")
        worker_seconds = drain_queue(env)
        say(f"The worker ran them in {worker_seconds:.1f} s.")
        ids, counts = measure_in_process()
        say(f"Detail measured: {ids['blocks']} blocks, {ids['authors']} authors.")

        bare_env = {**env, "BENCH_BARE_DIR": str(workdir / "bare")}
        logs = Path(args.json).parent / "bench-logs"
        logs.mkdir(parents=True, exist_ok=True)
        say(f"gunicorn's logs: {logs}/")
        site = Server(env, "config.wsgi", logs / "site.log")
        servers.append(site)  # (stopped below whatever happens next)
        record_hits(site.port, scenarios_for(ids), workdir / "bare", counts)
        bare = Server(bare_env, "bench.bare_wsgi:app", logs / "bare.log")
        servers.append(bare)
        results = {}
        only = {name for name in args.only.split(",") if name}
        scenarios = scenarios_for(ids)

        def scenario(name):
            """(port, name, paths, header) of a scenario: the bare app's or the site's."""
            if name in BARE:
                return bare.port, name, [f"/{BARE[name][0]}"], ""
            return site.port, name, *scenarios[name]

        for name in scenarios:
            if (only and name not in only) or name in results:
                continue
            if name in PAIRS:
                results[name], other = paired(scenario(name), scenario(PAIRS[name]), args, workdir)
                results.setdefault(PAIRS[name], other)
                continue
            say(f"Loading {name} for {args.seconds} s…")
            results[name] = load(*scenario(name), args, workdir)
        for name in BARE:
            say(f"Loading {name} for {args.seconds} s…")
            results[name] = load(*scenario(name), args, workdir)
        redis_wanted = not only or "api_detail_hit_redis" in only
        if redis_wanted and answers("127.0.0.1", 6379):
            site.stop()
            servers.remove(site)
            redis_site = Server(
                {**env, "REDIS_URL": REDIS_URL}, "config.wsgi", logs / "site-redis.log"
            )
            servers.append(redis_site)
            with urllib.request.urlopen(  # noqa: S310 - loopback
                f"http://127.0.0.1:{redis_site.port}/api/v1/analysis/{ids['detail']}/"
            ):
                pass
            results["api_detail_hit_redis"], _ = paired(
                (redis_site.port, "api_detail_hit_redis", *scenarios["api_detail_hit"]),
                scenario("bare_json"),
                args,
                workdir,
            )
        elif redis_wanted:
            say("No Redis on 127.0.0.1:6379: the Redis cache-hit row is left out.")
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    found = verdicts(results, counts, import_rate)
    say("")
    say(
        f"{args.briefs} briefs, {args.database}, gunicorn (config/gunicorn.conf.py), "
        f"wrk -t2 -c{args.connections} -d{args.seconds}s; {conditions['cpus']} CPUs "
        f"({conditions['cpu']}), load average before: {conditions['load_average_before']}"
    )
    say(table(results, counts))
    say("")
    say(f"{'target':40s} {'measured':>9s} {'goal':>9s}")
    for label, measured, goal, met in found:
        say(f"{label:40s} {measured!s:>9s} {goal:>9s}  {'met' if met else 'NOT MET'}")
    say(f"{sum(met for *_, met in found)} of {len(found)} targets met.")
    report = {
        "started_at": started_at,
        "briefs": args.briefs,
        "database": args.database,
        "seconds": args.seconds,
        "connections": args.connections,
        "machine": conditions,
        "import": {
            "records": records,
            "records_per_second": round(import_rate, 1),
            "worker_seconds": round(worker_seconds, 1),
        },
        "scenarios": {
            name: {**counts.get(name.removesuffix("_redis"), {}), **row}
            for name, row in results.items()
        },
        "targets": [
            dict(zip(("what", "measured", "goal", "met"), row, strict=True)) for row in found
        ],
    }
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    say(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
