"""/health/ reports database, cache, storage and queue as statuses only."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HEALTHY = {
    "status": "ok",
    "components": {"database": "ok", "cache": "ok", "storage": "ok", "queue": "ok"},
}


def test_health_reports_every_component(client, database_queue):
    response = client.get("/health/")
    assert (response.status_code, response.json()) == (200, HEALTHY)
    assert "no-cache" in response["Cache-Control"]


def test_health_answers_the_same_short_json_in_every_format(client):
    for query in ("?format=text", "?format=openmetrics", "?format=rss"):
        response = client.get("/health/" + query, HTTP_ACCEPT="text/html")
        assert (response.status_code, response.json()) == (200, HEALTHY)


def test_a_broken_queue_is_503_without_the_reason(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "components": {"database": "ok", "cache": "ok", "storage": "ok", "queue": "unavailable"},
    }
    assert b"127.0.0.1" not in response.content and b"Error" not in response.content
