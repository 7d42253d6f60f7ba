"""The real task queue in tests: tasks go to the database queue (django-tasks-db) and the
test runs ``manage.py db_worker``'s Worker in its own thread, in batch mode (every ready
task, then return), as often as it needs. (A worker thread running beside the test would
meet the suite's shared in-memory SQLite database, which answers "table is locked" at once
instead of waiting like a file database or PostgreSQL.)"""

import time

from django_tasks_db.management.commands.db_worker import Worker

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_queue():
    """Run every task that is ready now (deferred ones whose time has come included), then
    return how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    worker.run()
    return worker._run_tasks


def run_queue_until(predicate, timeout=15.0):
    """Run the queue until ``predicate()`` is true (True) or ``timeout`` seconds pass
    (False): deferred tasks (retries) run when their time comes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run_queue()
        if predicate():
            return True
        time.sleep(0.05)
    return False
