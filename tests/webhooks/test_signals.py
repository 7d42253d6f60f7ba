"""Webhooks against a real HTTP server on 127.0.0.1: signed events on publish, unpublish,
delete and translation publish; retries with backoff; publishing never waits on a slow
endpoint; the admin (permissions, delivery log)."""

import json
import time

import pytest
from django.contrib.auth.models import Group, Permission

from core.signals import changes_gathered
from tests.support import factories
from tests.support.tasks import run_queue_until
from tests.support.translation import translate_and_publish
from tests.webhooks.support import (
    SECRET,
    closed_port,
    delivered,
    endpoint,
    listing_rows,
)
from webhooks import signals as webhook_receivers
from webhooks.delivery import SIGNATURE_HEADER, deliver_due, verify
from webhooks.models import WebhookDelivery, WebhookEndpoint


@pytest.fixture(autouse=True)
def _fast_retries_to_loopback(settings):
    settings.WEBHOOKS_RETRY_BASE_SECONDS = 0.2
    settings.WEBHOOKS_TIMEOUT = 5
    # The receivers listen on 127.0.0.1, which webhooks refuse unless allowed.
    settings.WEBHOOKS_ALLOWED_HOSTS = ["127.0.0.1"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publish_posts_a_signed_event(receiver, tree, database_queue):
    server = receiver()
    endpoint(server.url)
    brief = factories.brief("Published brief", slug="published-brief")
    assert run_queue_until(delivered())
    [(_, method, _path, headers, body)] = server.requests
    assert method == "POST"
    assert verify(body, SECRET, headers[SIGNATURE_HEADER])
    assert not verify(body + b" ", SECRET, headers[SIGNATURE_HEADER])
    assert headers[SIGNATURE_HEADER].startswith("sha256=")
    event = json.loads(body)
    assert event["event"] == "page.published"
    assert event["page_id"] == brief.pk and event["locale"] == "en"
    assert event["url"] == "http://localhost/policy-analysis/published-brief/"
    assert event["timestamp"]
    delivery = WebhookDelivery.objects.get()
    assert delivery.status_code == 200 and delivery.attempts == 1
    assert delivery.response_time_ms is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unpublish_delete_and_translation_events(receiver, tree, database_queue):
    server = receiver()
    endpoint(
        server.url,
        ["page.unpublished", "page.deleted", "translation.published"],
    )
    brief = factories.brief("Brief", slug="evented")  # page.published: not subscribed
    translate_and_publish(brief)
    brief.unpublish()
    url = brief.get_full_url()
    brief.delete()
    assert run_queue_until(delivered(3))
    events = [json.loads(body) for body in server.bodies]
    assert sorted(e["event"] for e in events) == [
        "page.deleted",
        "page.unpublished",
        "translation.published",
    ]
    translation = next(e for e in events if e["event"] == "translation.published")
    assert translation["locale"] == "ar" and "/ar/" in translation["url"]
    deleted = next(e for e in events if e["event"] == "page.deleted")
    assert deleted["url"] == url


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_failed_deliveries_are_retried_with_backoff(receiver, tree, database_queue):
    server = receiver(statuses=[500, 503])
    endpoint(server.url)
    factories.brief("Retried")
    assert run_queue_until(delivered(), timeout=15)
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 3 and delivery.status_code == 200
    times = [request[0] for request in server.requests]
    first_gap, second_gap = times[1] - times[0], times[2] - times[1]
    assert first_gap >= 0.2 and second_gap >= 0.4  # base, then twice the base


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unreachable_endpoint_fails_after_max_attempts(tree, settings, database_queue):
    settings.WEBHOOKS_MAX_ATTEMPTS = 2
    settings.WEBHOOKS_RETRY_BASE_SECONDS = 0.05
    endpoint(f"http://127.0.0.1:{closed_port()}/closed")
    factories.brief("Nobody listens")
    assert run_queue_until(
        lambda: WebhookDelivery.objects.filter(state=WebhookDelivery.FAILED).exists()
    )
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.status_code, delivery.error) == (2, None, "delivery failed")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_does_not_wait_for_a_slow_endpoint(receiver, tree, database_queue):
    server = receiver(delay=3.0)
    endpoint(server.url)
    started = time.monotonic()
    factories.brief("Fast publish")
    assert time.monotonic() - started < 1.5
    assert run_queue_until(delivered(), timeout=10)
    assert WebhookDelivery.objects.get().response_time_ms >= 3000


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_deliver_due_command_sends_leftover_deliveries(receiver, tree):
    server = receiver()
    hook = endpoint(server.url)
    WebhookDelivery.objects.create(endpoint=hook, event="page.published", payload={"event": "x"})
    assert deliver_due() == 1
    assert WebhookDelivery.objects.get().state == WebhookDelivery.DELIVERED
    assert len(server.requests) == 1


@pytest.mark.django_db
def test_only_editors_with_the_permission_register_endpoints(client, editor, tree):
    client.force_login(editor)
    add_url = "/admin/webhook_endpoints/new/"
    data = {
        "name": "Next.js",
        "url": "http://127.0.0.1:8000/api/revalidate",
        "secret": SECRET,
        "events": ["page.published", "page.unpublished"],
        "active": "on",
    }
    response = client.post(add_url, data)
    # Wagtail sends a user without the permission back to the dashboard.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not WebhookEndpoint.objects.exists()
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=["add_webhookendpoint", "view_webhookendpoint"]),
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.content[:2000]
    hook = WebhookEndpoint.objects.get()
    assert hook.events == ["page.published", "page.unpublished"]


@pytest.mark.django_db
def test_delivery_log_lists_status_and_response_time(admin_client, tree):
    hook = endpoint("https://front.example.org/hook")
    WebhookDelivery.objects.create(
        endpoint=hook,
        event="page.published",
        payload={},
        state="delivered",
        status_code=204,
        response_time_ms=87,
        attempts=2,
    )
    response = admin_client.get("/admin/webhook_deliveries/")
    assert response.status_code == 200
    html = response.content.decode()
    [row] = listing_rows(html)
    assert {column: row[column] for column in ("Endpoint", "State", "Status code")} == {
        "Endpoint": "Front end",
        "State": "Delivered",
        "Status code": "204",
    }
    assert (row["Response time (ms)"], row["Attempts"]) == ("87", "2")
    # Read-only: nobody, not even a superuser, edits the log by hand.
    response = admin_client.get("/admin/webhook_deliveries/new/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_an_episode_is_announced_and_a_draft_is_not(receiver, tree, database_queue):
    from tests.support import media

    server = receiver()
    endpoint(server.url)
    show = media.show()
    assert run_queue_until(delivered())
    media.episode(show, "Draft episode", slug="draft-episode", publish=False)
    episode = media.episode(show, "Gulf security", slug="gulf-security")
    assert run_queue_until(delivered(2))
    events = [json.loads(body) for *_, body in server.requests]
    assert [(e["event"], e["page_type"], e["url"]) for e in events] == [
        ("page.published", "podcasts.PodcastShowPage", "http://localhost/policycast/"),
        (
            "page.published",
            "podcasts.EpisodePage",
            "http://localhost/policy-analysis/gulf-security/",
        ),
    ]
    assert events[1]["page_id"] == episode.pk


@pytest.mark.django_db
def test_a_publish_no_endpoint_listens_to_costs_one_query_and_records_nothing(
    tree, django_assert_num_queries, django_capture_on_commit_callbacks
):
    endpoint("http://127.0.0.1:9/", ["page.deleted"])  # listens to something else
    brief = factories.brief("Quiet brief")
    revision = brief.live_revision
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        django_assert_num_queries(1),  # the endpoints' subscriptions
    ):
        webhook_receivers._published(type(brief), instance=brief, revision=revision)
    assert callbacks == []
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_a_publish_an_endpoint_listens_to_records_its_delivery_on_commit(
    tree, django_capture_on_commit_callbacks
):
    listening = endpoint("http://127.0.0.1:9/", ["page.published"])
    brief = factories.brief("Heard brief")
    WebhookDelivery.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        webhook_receivers._published(type(brief), instance=brief, revision=brief.live_revision)
    assert len(callbacks) == 1
    assert list(WebhookDelivery.objects.values_list("endpoint", "event", "payload__title")) == [
        (listening.pk, "page.published", "Heard brief")
    ]


@pytest.mark.django_db
def test_a_gathered_batch_reads_the_subscriptions_once_and_announces_every_publish(
    tree, django_assert_num_queries, django_capture_on_commit_callbacks
):
    listening = endpoint("http://127.0.0.1:9/", ["page.published"])
    briefs = [factories.brief(f"Batch brief {n}") for n in range(3)]
    WebhookDelivery.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), changes_gathered():
        for brief in briefs:
            webhook_receivers._published(type(brief), instance=brief, revision=brief.live_revision)
        with django_assert_num_queries(0):  # the batch's answer, kept
            assert webhook_receivers._subscribed("page.published") is True
            assert webhook_receivers._subscribed("page.deleted") is False
    assert sorted(WebhookDelivery.objects.values_list("endpoint", "event", "payload__title")) == [
        (listening.pk, "page.published", f"Batch brief {n}") for n in range(3)
    ]
    # Outside a batch each publish asks again (an endpoint added since is heard).
    with django_assert_num_queries(1):
        assert webhook_receivers._subscribed("page.published") is True
