"""Measure the content API against Wagtail's API v2 with 1,000 briefs.

    .venv/bin/python -m bench.benchmark_api [--briefs 1000] [--seconds 8] [--concurrency 4]

Builds a scratch SQLite database (migrate, 1,000 live briefs with authors, regions and
issues), serves it with gunicorn (2 sync workers, config.settings.test) on 127.0.0.1 and
measures requests/s with a bounded Python load loop (threads, one request at a time
each) for: the v1 listing (20 cards) and detail with the cache bypassed, a v1 cache hit,
and v2's listing (20 items with authors) and detail.

Requests/s depend on whatever else runs on the machine. The CPU time the gunicorn workers
spent per request (read from /proc on Linux) depends much less on it: compare those
when the machine is shared.
"""

import argparse
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def populate(count):
    """Create ``count`` live briefs (with experts, terms, authors and bodies) in the scratch
    database through the importer, from a generated archive; returns their ids."""
    import django

    django.setup()
    from bench.synthetic import write_archive
    from importexport.importer import Importer
    from policyanalysis.models import BriefPage

    with tempfile.TemporaryDirectory() as directory:
        archive = Path(directory) / "archive.jsonl"
        write_archive(archive, analysis=count, experts=20)
        Importer(archive).run()
    return list(BriefPage.objects.live().order_by("pk").values_list("pk", flat=True))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid):
    """CPU time (user + system) the children of ``pid`` (gunicorn's workers) have used, or
    None where /proc is not available."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        total = 0
        for child in children:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def load(port, paths, seconds, concurrency):
    """(requests/s, errors, requests) over ``seconds`` with ``concurrency`` threads cycling
    through ``paths``."""
    done, errors = [0], [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker(offset):
        n = offset
        while time.monotonic() < stop:
            path = paths[n % len(paths)]
            n += concurrency
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
            finally:
                conn.close()
            with lock:
                if ok:
                    done[0] += 1
                else:
                    errors[0] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return done[0] / elapsed, errors[0], done[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="api-benchmark-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    print(f"Scratch database in {workdir}; migrating…", flush=True)
    migrate = [PYTHON, "manage.py", "migrate", "-v", "0"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True)  # noqa: S603 - fixed argv
    print(f"Creating {args.briefs} briefs…", flush=True)
    ids = populate(args.briefs)

    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - fixed argv
        [PYTHON, "-m", "gunicorn", "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    sys.exit("gunicorn did not start; see its output above.")
                time.sleep(0.1)
        sample = ids[:: max(1, len(ids) // 50)]
        scenarios = [
            (
                "v1 listing, 20 cards (cache bypassed)",
                [f"/api/v1/analysis/?limit=20&nocache={n}" for n in range(100000)],
            ),
            (
                "v1 detail (cache bypassed)",
                [f"/api/v1/analysis/{sample[n % len(sample)]}/?nocache={n}" for n in range(100000)],
            ),
            ("v1 listing, cache hit", ["/api/v1/analysis/?limit=20"]),
            ("v1 detail, cache hit", [f"/api/v1/analysis/{sample[0]}/"]),
            (
                "v2 listing, 20 items with authors",
                [
                    "/api/v2/pages/?type=policyanalysis.BriefPage"
                    f"&fields=title,date,summary,authors&limit=20&offset={n % 50}"
                    for n in range(1000)
                ],
            ),
            ("v2 detail", [f"/api/v2/pages/{pk}/" for pk in sample]),
        ]
        for name, paths in scenarios:
            load(port, paths[-20:], 1, args.concurrency)  # warm up (imports, caches)
            cpu_before = cpu_seconds(server.pid)
            rate, errors, done = load(port, paths, args.seconds, args.concurrency)
            cpu_after = cpu_seconds(server.pid)
            cpu = ""
            if cpu_before is not None and cpu_after is not None and done:
                cpu = f"  {1000 * (cpu_after - cpu_before) / done:6.2f} ms CPU/request"
            suffix = f"  ({errors} errors)" if errors else ""
            print(f"{name:42s} {rate:8.1f} req/s{cpu}{suffix}", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
