"""The health endpoint (/health/): database, cache, media storage and task queue.

django-health-check runs the checks; this view answers with what a load balancer or an
orchestrator needs and nothing more: each component's status ("ok" or "unavailable") and
an overall status, HTTP 200 when everything answers and 503 otherwise. Error messages,
host names, versions and timings stay in the server's log, so the public endpoint tells an
outsider nothing about the infrastructure.
"""

import dataclasses
import logging

import django_rq
from django.http import JsonResponse
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from django_tasks_rq import RQBackend
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The task queue answers: its table (database backend) or its Redis (RQ backend)."""

    def run(self):
        backend = task_backends["default"]
        try:
            if isinstance(backend, DatabaseBackend):
                DBTaskResult.objects.exists()
            elif isinstance(backend, RQBackend):
                django_rq.get_connection("default").ping()
        except Exception as error:
            raise ServiceUnavailable("task queue unavailable") from error


#: Component name in the answer -> django-health-check check.
CHECKS = {"database": Database, "cache": Cache, "storage": Storage, "queue": TaskQueue}


class HealthView(HealthCheckView):
    checks = tuple(CHECKS.values())

    def render_health(self, status):
        components = {
            name: "unavailable" if result.error else "ok"
            for name, result in zip(CHECKS, self.results, strict=True)
        }
        for name, result in zip(CHECKS, self.results, strict=True):
            if result.error:
                logger.warning("Health check %s failed: %s", name, result.error)
        healthy = status == 200
        return JsonResponse(
            {"status": "ok" if healthy else "unavailable", "components": components},
            status=200 if healthy else 503,
        )

    # Every format answers the same short JSON.
    def render_to_response(self, context, **kwargs):
        return self.render_health(kwargs.get("status", 200))

    def render_to_response_json(self, status):
        return self.render_health(status)

    render_to_response_text = render_to_response_json

    def render_to_response_atom(self):
        return self.render_health(500 if any(r.error for r in self.results) else 200)

    render_to_response_rss = render_to_response_openmetrics = render_to_response_atom
