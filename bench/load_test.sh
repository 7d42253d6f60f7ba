#!/usr/bin/env bash
# Load test of the production set-up, end to end, on a scratch database:
#   migrate + load_demo into a scratch SQLite database, collectstatic, then gunicorn with
#   config/gunicorn.conf.py and the production settings (2 workers) on 127.0.0.1, loaded by
#   wrk with a mix of paths (home, filtered listings, briefs in English and Arabic, API
#   listings and details): 60 s at 32 connections, then 30 s at 128 connections.
# Usage: bench/load_test.sh   (needs wrk: apt-get install wrk)
# Figures and conditions: docs/benchmarks.md, "Production set-up under load".
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
PORT="${PORT:-8765}"
WORKERS="${WORKERS:-2}"
RUNS="${RUNS:-60s:32 30s:128}"   # duration:connections, one wrk run each

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
SCRATCH="$(mktemp -d -t thinktank-load-XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY="load-test-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false          # plain HTTP on the loopback
export DATABASE_URL="sqlite:///$SCRATCH/db.sqlite3"
export STATIC_ROOT="$SCRATCH/static"
export MEDIA_ROOT="$SCRATCH/media"
export WEB_CONCURRENCY="$WORKERS"
export GUNICORN_BIND="127.0.0.1:$PORT"
export LOG_LEVEL=WARNING
unset REDIS_URL

cd "$ROOT"
echo "Scratch directory: $SCRATCH"
echo "Migrating, loading the demo content, collecting static files…"
"$PYTHON" manage.py migrate --no-input -v 0
"$PYTHON" manage.py load_demo --site-url "http://127.0.0.1:$PORT" >/dev/null 2>&1
"$PYTHON" manage.py collectstatic --no-input -v 0

# The mix: one path a line, repeated for weight.
export LOAD_TEST_PATHS="$SCRATCH/paths.txt"
"$PYTHON" manage.py shell -v 0 -c '
from policyanalysis.models import BriefPage
english = list(BriefPage.objects.live().public().filter(locale__language_code="en").order_by("pk"))
arabic = list(BriefPage.objects.live().public().filter(locale__language_code="ar").order_by("pk"))
lines = ["/"] * 10
lines += [
    "/policy-analysis/", "/policy-analysis/?type=brief-analysis",
    "/policy-analysis/?region=iraq&year=2020", "/policy-analysis/?issue=arab-israeli-relations",
    "/policy-analysis/?type=policy-notes&region=iran",
] * 4
lines += [page.url for page in english][:30]
lines += [page.url for page in arabic][:15]
lines += [
    "/api/v1/analysis/?limit=20", "/api/v1/analysis/?region=iraq",
    "/api/v1/analysis/?locale=ar&limit=10", "/api/v1/analysis/?type=brief-analysis&year=2020",
    "/api/v1/analysis/?q=iraq",
] * 2
lines += [f"/api/v1/analysis/{page.pk}/" for page in english[:10] + arabic[:5]]
print("\n".join(lines))
' > "$LOAD_TEST_PATHS"
echo "$(wc -l < "$LOAD_TEST_PATHS") paths in the mix ($(grep -c '^/ar/' "$LOAD_TEST_PATHS") Arabic pages)"

"$PYTHON" -m gunicorn -c config/gunicorn.conf.py config.wsgi --access-logfile /dev/null &
SERVER_PID=$!
for _ in $(seq 1 300); do
  if "$PYTHON" -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1).close()" 2>/dev/null; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "gunicorn did not start" >&2; exit 1; }
  sleep 0.2
done
# Every path answers before the load starts (a 4xx/5xx in the mix would be a broken test).
"$PYTHON" - "$PORT" "$LOAD_TEST_PATHS" <<'PY'
import sys, urllib.request
port, paths = sys.argv[1], sorted(set(open(sys.argv[2]).read().split()))
for path in paths:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
        if response.status != 200:
            sys.exit(f"{path} answered {response.status}")
print(f"All {len(paths)} distinct paths answer 200.")
PY

echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "Server: gunicorn, $WORKERS workers x ${GUNICORN_THREADS:-8} threads (config/gunicorn.conf.py), production settings, SQLite"
for run in $RUNS; do
  duration="${run%%:*}"; connections="${run##*:}"
  echo
  echo "== wrk -t2 -c$connections -d$duration --timeout 30s --latency -s bench/load_test.lua"
  wrk -t2 -c"$connections" -d"$duration" --timeout 30s --latency -s bench/load_test.lua \
    "http://127.0.0.1:$PORT"
done
