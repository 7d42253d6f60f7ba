"""The RQ backend against the local Redis: a task enqueued by publishing waits in Redis
and a real RQ worker (rq's SimpleWorker, in this process) runs it."""

import pytest
import redis

from deployment.periodic import enqueue_due
from policyanalysis.models import BriefPage
from tests.support import factories

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def rq_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}}
    connection = redis.Redis.from_url(REDIS_URL)
    connection.flushdb()
    yield connection
    connection.flushdb()


def run_rq_worker():
    import django_rq
    from django_tasks_rq import Job
    from rq.worker import SimpleWorker

    queue = django_rq.get_queue("default", job_class=Job)
    worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
    worker.work(burst=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_rq_backend_queues_in_redis_and_its_worker_runs_the_tasks(tree, rq_queue):
    factories.brief("Water in Mosul", slug="water-mosul")
    assert rq_queue.llen("rq:queue:default") > 0
    assert list(BriefPage.objects.live().search("Mosul")) == []
    results = enqueue_due()
    run_rq_worker()
    assert rq_queue.llen("rq:queue:default") == 0
    assert [p.title for p in BriefPage.objects.live().search("Mosul")] == ["Water in Mosul"]
    assert [r.task.get_backend().get_result(r.id).status for r in results] == [
        "SUCCESSFUL",
        "SUCCESSFUL",
    ]
