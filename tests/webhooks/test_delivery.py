"""Delivering against real sockets on 127.0.0.1: the public-address rule holds at delivery
time, the checked address is the one connected to, redirects are answers (never followed),
the delivery log says "delivery failed" and the status and nothing else, and no HTTP request
is made inside a transaction."""

import os
import socket
import sqlite3
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
import trustme
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError

from tests.support import factories
from tests.webhooks.support import SilentPort, closed_port, delivered, endpoint, wait_for
from webhooks import transport
from webhooks.delivery import attempt, deliver_due
from webhooks.models import WebhookDelivery

REPOSITORY = Path(__file__).resolve().parents[2]
DELIVERY_FAILED = ("failed", None, "delivery failed", None)
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _one_attempt(settings):
    # One attempt, no retry timer left running after the test.
    settings.WEBHOOKS_MAX_ATTEMPTS = 1
    settings.WEBHOOKS_TIMEOUT = 2


def deliver_once(url):
    """Record one delivery to ``url``, attempt it, and return what the log keeps of it."""
    hook = endpoint(url)
    WebhookDelivery.objects.create(endpoint=hook, event="page.published", payload={"n": 1})
    assert deliver_due() == 1
    delivery = WebhookDelivery.objects.get()
    return (delivery.state, delivery.status_code, delivery.error, delivery.response_time_ms)


@transactional
def test_a_stored_loopback_endpoint_is_refused_at_delivery(receiver):
    server = receiver()
    assert (deliver_once(server.url), server.requests) == (DELIVERY_FAILED, [])


@transactional
def test_a_stored_name_that_resolves_to_loopback_is_refused_at_delivery(receiver):
    server = receiver()
    url = f"http://localhost:{server.port}/hook"
    assert (deliver_once(url), server.requests) == (DELIVERY_FAILED, [])


@transactional
def test_an_allowed_loopback_receiver_is_delivered_to(receiver, loopback_allowed):
    server = receiver(statuses=[204])
    state, status, error, _elapsed = deliver_once(server.url)
    assert (state, status, error, len(server.requests)) == ("delivered", 204, "", 1)


@transactional
def test_a_redirect_is_a_failed_delivery_and_is_not_followed(receiver, loopback_allowed):
    elsewhere = receiver()
    redirecting = receiver(statuses=[302], headers={"Location": elsewhere.url})
    state, status, error, _elapsed = deliver_once(redirecting.url)
    assert (state, status, error) == ("failed", 302, "delivery failed: HTTP 302")
    assert (len(redirecting.requests), elsewhere.requests) == (1, [])


@transactional
def test_a_refused_connection_leaves_only_delivery_failed_in_the_log(loopback_allowed):
    assert deliver_once(f"http://127.0.0.1:{closed_port()}/hook") == DELIVERY_FAILED


@transactional
def test_a_timeout_leaves_only_delivery_failed_in_the_log(loopback_allowed, settings):
    settings.WEBHOOKS_TIMEOUT = 0.5
    silent = SilentPort()
    try:
        assert deliver_once(f"http://127.0.0.1:{silent.port}/hook") == DELIVERY_FAILED
    finally:
        silent.close()


@transactional
def test_no_request_is_made_inside_a_transaction(receiver, loopback_allowed):
    server = receiver()
    hook = endpoint(server.url)
    delivery = WebhookDelivery.objects.create(endpoint=hook, event="page.published", payload={})
    with transaction.atomic(), pytest.raises(TransactionManagementError):
        attempt(delivery.pk)
    assert server.requests == []


@transactional
def test_deliveries_are_recorded_after_the_publishing_transaction_commits(
    receiver, loopback_allowed, tree
):
    server = receiver()
    endpoint(server.url)
    with transaction.atomic():
        factories.brief("Committed first")
        recorded_inside = WebhookDelivery.objects.count()
    assert (recorded_inside, wait_for(delivered()), len(server.requests)) == (0, True, 1)


def test_the_connection_goes_to_the_checked_address_when_the_name_rebinds(
    receiver, monkeypatch, caplog
):
    # No DNS server can be run here, so the resolver is replaced for one name: a public
    # address the first time it is asked, the receiver's loopback address afterwards. The
    # public address is unreachable (no network beyond loopback): the attempt fails there.
    server = receiver()
    asked = []
    real_getaddrinfo = socket.getaddrinfo

    def rebinding_resolver(host, port, *args, **kwargs):
        if host == "rebind.example":
            asked.append(host)
            host = "8.8.8.8" if len(asked) == 1 else "127.0.0.1"
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_resolver)
    url = f"http://rebind.example:{server.port}/hook"
    with caplog.at_level("INFO", logger="webhooks.transport"):
        status = transport.post(url, b"{}", {}, timeout=0.5)
    tried = [record.getMessage().split(" (")[0] for record in caplog.records]
    assert (status, asked, tried, server.requests) == (
        None,
        ["rebind.example"],
        [f"Webhook to {url}: no connection to 8.8.8.8"],
        [],
    )


def test_the_host_header_names_the_urls_host(receiver, settings):
    settings.WEBHOOKS_ALLOWED_HOSTS = ["localhost"]
    server = receiver()
    status = transport.post(f"http://localhost:{server.port}/hook?x=1", b"{}", {}, timeout=2)
    [(_t, method, path, headers, _body)] = server.requests
    assert (status, method, path, headers["Host"]) == (
        200,
        "POST",
        "/hook?x=1",
        f"localhost:{server.port}",
    )


@pytest.fixture
def certificate_authority(tmp_path, monkeypatch):
    """A throwaway CA that this process trusts instead of the system's (SSL_CERT_FILE)."""
    authority = trustme.CA()
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    return authority


def tls_receiver(receiver, authority, name):
    """A Receiver serving https with a certificate for ``name`` from ``authority``."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(name).configure_cert(context)
    return receiver(tls=context)


def test_https_verifies_the_certificate_against_the_urls_host(
    receiver, certificate_authority, settings
):
    settings.WEBHOOKS_ALLOWED_HOSTS = ["localhost"]
    server = tls_receiver(receiver, certificate_authority, "localhost")
    status = transport.post(f"https://localhost:{server.port}/hook", b"{}", {}, timeout=2)
    assert (status, len(server.requests)) == (200, 1)


def test_https_refuses_a_certificate_for_another_name(receiver, certificate_authority, settings):
    settings.WEBHOOKS_ALLOWED_HOSTS = ["localhost"]
    server = tls_receiver(receiver, certificate_authority, "other.example")
    status = transport.post(f"https://localhost:{server.port}/hook", b"{}", {}, timeout=2)
    assert (status, server.requests) == (None, [])


@pytest.mark.slow
@transactional
def test_publishing_while_a_slow_receiver_is_delivered_to_never_fails(receiver, tree, tmp_path):
    # A process of its own publishes while this receiver answers slowly. On SQLite the lock
    # only shows on a file (the tests' in-memory database fails differently), so the site's
    # database is copied to a file; on PostgreSQL the process uses the test database itself
    # (this test is transactional: its rows are committed).
    server = receiver(delay=0.3)
    endpoint(server.url)
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        database = tmp_path / "site.sqlite3"
        with sqlite3.connect(database) as copy:
            connection.connection.backup(copy)
        database_url = f"sqlite:///{database}"
    else:
        params = connection.settings_dict
        database_url = (
            f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:"
            f"{params['PORT'] or 5432}/{params['NAME']}"
        )
    result = subprocess.run(
        [sys.executable, "-m", "tests.webhooks.publish_while_delivering", "20"],
        cwd=REPOSITORY,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (result.returncode, result.stdout) == (0, "published 20\ndelivered 20\n"), result.stderr[
        -3000:
    ]
    assert len(server.requests) == 20
