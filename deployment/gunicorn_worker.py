"""A gunicorn threaded worker that tells the overload guard how long each request queued.

gunicorn's ``gthread`` worker accepts connections in its main loop and hands each readable
one to a thread pool, whose queue has no bound; Django cannot see that wait. This worker
notes when a connection enters the pool's queue and, on the thread that takes it, passes the
time to ``deployment.overload`` just before the request runs. Used by config/gunicorn.conf.py.
"""

import time

from gunicorn.workers.gthread import ThreadWorker

from .overload import mark_queued


class QueueTimedThreadWorker(ThreadWorker):
    """gthread, plus the time each request entered the thread pool's queue."""

    def enqueue_req(self, conn):
        conn.queued_at = time.monotonic()
        super().enqueue_req(conn)

    def handle(self, conn):
        mark_queued(getattr(conn, "queued_at", None))
        try:
            return super().handle(conn)
        finally:
            mark_queued(None)
