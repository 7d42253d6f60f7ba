# Every routine task has a target here. `make run` and `make test` are the two a newcomer needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/thinktank
# pytest-xdist workers for the non-browser suite (the browser tests share one live server).
TEST_WORKERS ?= 2

.PHONY: run test install install-test lint check messages demo serve test-sqlite test-postgres clean help browser-deps
.PHONY: prod load-test bench bench-scale pdf-deps redis wrk-deps
.PHONY: frontend-types frontend-check

help:
	@echo "make run    - set up .venv, migrate, load the demo content and serve http://$(HOST):$(PORT) (with the task worker)"
	@echo "make test   - lint, checks and the whole test suite (SQLite, then PostgreSQL when one answers)"
	@echo "make bench  - speed ratios against Wagtail API v2 and a bare WSGI app (scratch database)"
	@echo "make bench-scale - the listings' p50 at 5,000 and 100,000 briefs (scratch database)"
	@echo "make prod   - migrate, collectstatic and serve with gunicorn, the task worker and the production settings"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

messages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

demo: install messages pdf-deps
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo --site-url http://$(HOST):$(PORT)
	$(MANAGE) demo_admin --site-url http://$(HOST):$(PORT)

# The development server with the task queue beside it: the database worker and the clock
# of periodic tasks (scheduled publishing) run in the background and stop with the server.
# TASKS_BACKEND=immediate runs every task inside the request instead (no worker needed).
serve:
	@if [ "$${TASKS_BACKEND:-database}" = "database" ]; then \
		echo "Starting the task worker (manage.py db_worker) and the periodic tasks next to the server"; \
		$(MANAGE) db_worker --no-reload --interval 1 & worker=$$!; \
		$(MANAGE) periodic_tasks & clock=$$!; \
		trap 'kill $$worker $$clock 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver $(HOST):$(PORT); \
	else \
		$(MANAGE) runserver $(HOST):$(PORT); \
	fi

run: demo serve

# Production on one machine (docs/deployment.md): migrate, collect static files, then gunicorn
# with config/gunicorn.conf.py (WEB_CONCURRENCY workers; WhiteNoise serves /static/) and, beside
# it, the task worker (db_worker, or RQ's worker with TASKS_BACKEND=rq) and the periodic tasks.
# Needs SECRET_KEY and ALLOWED_HOSTS in the environment; SECURE_SSL_REDIRECT=false to try it
# over plain HTTP; DATABASE_URL and REDIS_URL for PostgreSQL and Redis.
PROD := DJANGO_SETTINGS_MODULE=config.settings.production
prod: install messages
	$(PROD) $(MANAGE) migrate --no-input -v 0
	$(PROD) $(MANAGE) collectstatic --no-input -v 0
	@case "$${TASKS_BACKEND:-database}" in \
		database) worker="$(MANAGE) db_worker --no-reload";; \
		rq) worker="$(MANAGE) rqworker default --with-scheduler --job-class django_tasks_rq.Job";; \
		*) worker="";; \
	esac; \
	if [ -n "$$worker" ]; then \
		echo "Starting the task worker ($$worker) and the periodic tasks"; \
		$(PROD) $$worker & w=$$!; \
		$(PROD) $(MANAGE) periodic_tasks & c=$$!; \
		trap 'kill $$w $$c 2>/dev/null' EXIT INT TERM; \
	fi; \
	$(PROD) GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(PORT)} $(BIN)/gunicorn -c config/gunicorn.conf.py config.wsgi

# Ratios against Wagtail's API v2 and a bare WSGI app (bench/run.py; docs/benchmarks.md).
# make bench [BRIEFS=1000] [BENCH_SECONDS=5] [BENCH_DB=sqlite|postgres] [BENCH_ONLY=brief_hit,api_304]
BRIEFS ?= 1000
BENCH_SECONDS ?= 5
BENCH_DB ?= sqlite
BENCH_ONLY ?=
bench: install messages wrk-deps
	$(BIN)/python -m bench.run --briefs $(BRIEFS) --seconds $(BENCH_SECONDS) --database $(BENCH_DB) --only "$(BENCH_ONLY)"

# The listings' speed as the archive grows (bench/scale.py; docs/benchmarks.md).
# make bench-scale [SCALE_SIZES=5000,100000] [BENCH_SECONDS=5] [BENCH_DB=sqlite|postgres]
SCALE_SIZES ?= 5000,100000
bench-scale: install messages wrk-deps
	$(BIN)/python -m bench.scale --sizes $(SCALE_SIZES) --seconds $(BENCH_SECONDS) --database $(BENCH_DB)

# wrk against the production set-up on a scratch database (figures in docs/benchmarks.md).
load-test: install messages wrk-deps
	bench/load_test.sh

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check: install-test messages
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

# Debian's wrk loads the server in `make bench`, `bench-scale`, `load-test` and the tests of
# the bench's load runs (tests/bench/test_load.py).
wrk-deps:
	@command -v wrk >/dev/null || { echo "wrk is missing: installing Debian's wrk"; apt-get update && apt-get install -y wrk; }

# WeasyPrint (PDF editions) needs Pango; Debian's package when it is missing.
pdf-deps:
	@ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || { echo "Pango is missing (WeasyPrint needs it): installing Debian's libpango"; apt-get update && apt-get install -y libpango-1.0-0 libpangoft2-1.0-0; }

# Debian's Chromium for the browser tests (tests/browser/; Playwright drives it, nothing is
# downloaded from a browser vendor's CDN).
browser-deps:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

# The browser tests run in a pytest process of their own: their live server needs a
# transactional database, whose flushes other tests must not inherit.
# The queue tests use the local Redis (the RQ backend): start Debian's redis-server when none
# answers on 127.0.0.1:6379.
redis:
	@if $(BIN)/python -c "import redis; redis.Redis(host='127.0.0.1', port=6379, socket_connect_timeout=2).ping()" 2>/dev/null; then \
		echo "Redis answers on 127.0.0.1:6379"; \
	else \
		command -v redis-server >/dev/null || { echo "redis-server is missing: installing Debian's redis-server"; apt-get update && apt-get install -y redis-server; }; \
		echo "Starting redis-server on 127.0.0.1:6379"; \
		redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save "" --appendonly no; \
		sleep 1; \
	fi

test-sqlite: install-test messages browser-deps pdf-deps redis wrk-deps
	env -u DATABASE_URL $(BIN)/pytest -m "not browser" -n $(TEST_WORKERS)
	env -u DATABASE_URL $(BIN)/pytest -m browser

test-postgres: install-test messages pdf-deps redis wrk-deps
	@if $(BIN)/python -c "import os, psycopg; psycopg.connect(os.environ.get('DATABASE_URL') or '$(PG_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		echo "PostgreSQL answers: running the suite on it"; \
		DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(BIN)/pytest -m "not browser" -n $(TEST_WORKERS); \
	else \
		echo "No PostgreSQL server answers at $${DATABASE_URL:-$(PG_URL)}: skipping the PostgreSQL run"; \
	fi

# The example front end (examples/frontend/) types the API with openapi-typescript. Its
# OpenAPI document and generated types are committed; frontend-check fails when they drift
# from the site's API, then type-checks the JavaScript with tsc.
FRONTEND := examples/frontend

$(FRONTEND)/node_modules/.package-lock.json: $(FRONTEND)/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: installing Debian's nodejs and npm"; apt-get update && apt-get install -y nodejs npm; }
	cd $(FRONTEND) && npm ci --no-audit --no-fund

frontend-types: install $(FRONTEND)/node_modules/.package-lock.json
	$(BIN)/python $(FRONTEND)/export_openapi.py $(FRONTEND)/openapi.json
	cd $(FRONTEND) && npx --no-install openapi-typescript openapi.json -o api-types.d.ts

frontend-check: install $(FRONTEND)/node_modules/.package-lock.json
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(BIN)/python $(FRONTEND)/export_openapi.py "$$tmp/openapi.json" && \
	(cd $(FRONTEND) && npx --no-install openapi-typescript "$$tmp/openapi.json" -o "$$tmp/api-types.d.ts" >/dev/null) && \
	diff -u $(FRONTEND)/openapi.json "$$tmp/openapi.json" && diff -u $(FRONTEND)/api-types.d.ts "$$tmp/api-types.d.ts" || \
	{ echo "$(FRONTEND)/openapi.json or api-types.d.ts is out of date with the API: run 'make frontend-types' and commit both"; exit 1; }
	cd $(FRONTEND) && npx --no-install tsc --noEmit -p jsconfig.json

test: lint check frontend-check test-sqlite test-postgres

clean:
	rm -rf $(VENV) var db.sqlite3
