"""gunicorn settings for production: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

One gunicorn is a complete deployment (WhiteNoise serves the static files). Every value can
be changed by an environment variable; docs/deployment.md explains the numbers.
"""

import gc
import os
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
# Web requests only: no SQL statement runs longer than 25 s on PostgreSQL, inside the 30 s
# timeout below (migrations and imports, run by manage.py, are not limited).
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT_MS", "25000")

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# WEB_CONCURRENCY is gunicorn's own variable for the number of worker processes.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threaded workers whose queue the overload guard can see (deployment/gunicorn_worker.py).
# Threads beyond OVERLOAD_MAX_CONCURRENT_REQUESTS (4) wait for a working slot, and answer 503
# when it does not come within the queue budget, even while every slot is busy.
worker_class = "deployment.gunicorn_worker.QueueTimedThreadWorker"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# A worker that stops answering its arbiter for 30 s is killed and replaced. (A slow request
# in one thread does not stop the worker answering; the statement timeout above bounds the
# database part of a request.)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On restart or shutdown (SIGTERM), requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Connections the kernel queues before gunicorn accepts them.
backlog = int(os.environ.get("GUNICORN_BACKLOG", "512"))
# Workers are not recycled after N requests: a recycling worker drops its kept-alive
# connections mid-load (clients see read errors). GUNICORN_MAX_REQUESTS turns it on where a
# leak needs it.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Load the application once, in the arbiter: a configuration error (such as static files
# not collected) stops gunicorn at start-up with the message, before any worker forks.
preload_app = True
accesslog = "-"
errorlog = "-"
# Heartbeat files on a memory file system, where there is one (containers): gunicorn's
# own advice, so a slow disk cannot make healthy workers look silent.
_SHM = Path("/dev/shm")  # noqa: S108 - heartbeat files only, no data
if _SHM.is_dir():
    worker_tmp_dir = str(_SHM)


def pre_fork(server, worker):
    """Freeze what the master loaded (preload_app: Django, Wagtail, the URLconf, about 260,000
    objects) out of the garbage collector's reach before a worker is forked. The worker then
    never walks them in a full collection (about 190 ms each, measured in process: the
    p99 stalls of cache hits under load), and its memory pages stay shared with the master's
    instead of being copied when the collector touches them (Python's gc.freeze docs)."""
    gc.freeze()
