"""The overload guard (deployment/overload.py): a request that cannot get a working slot
within its queue budget, or that has already queued past it, is answered 503 with
Retry-After, without reaching the view. Deterministic: slots are held with events, queue
times are set far past the budget; nothing depends on how fast the machine is."""

import threading
import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from deployment.overload import OverloadGuardMiddleware, mark_queued, parse_request_start

BUSY = "The site is busy. Please try again in 10 seconds.\n"


@pytest.fixture
def guard_settings(settings):
    settings.OVERLOAD_MAX_CONCURRENT_REQUESTS = 1
    settings.OVERLOAD_MAX_QUEUE_SECONDS = 5
    settings.OVERLOAD_RETRY_AFTER_SECONDS = 10
    settings.OVERLOAD_TRUST_X_REQUEST_START = False
    return settings


class View:
    """A view that counts its calls; with ``hold``, it waits inside until released."""

    def __init__(self, hold=False):
        self.calls = 0
        self.entered = threading.Event()
        self.release = threading.Event()
        self.hold = hold

    def __call__(self, request):
        self.calls += 1
        self.entered.set()
        if self.hold:
            assert self.release.wait(timeout=30)
        return HttpResponse("served")


def assert_busy(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == BUSY


def test_request_without_a_free_slot_within_its_budget_gets_503(guard_settings):
    guard_settings.OVERLOAD_MAX_QUEUE_SECONDS = 0.05
    view = View(hold=True)
    guard = OverloadGuardMiddleware(view)
    first = {}
    worker = threading.Thread(target=lambda: first.update(r=guard(RequestFactory().get("/"))))
    worker.start()
    assert view.entered.wait(timeout=30)  # the only slot is now taken

    assert_busy(guard(RequestFactory().get("/policy-analysis/")))
    assert view.calls == 1

    view.release.set()
    worker.join(timeout=30)
    assert first["r"].status_code == 200


def test_request_that_queued_in_gunicorn_past_its_budget_gets_503_without_the_view(
    guard_settings,
):
    view = View()
    guard = OverloadGuardMiddleware(view)
    mark_queued(time.monotonic() - 60)  # as deployment.gunicorn_worker does
    try:
        assert_busy(guard(RequestFactory().get("/")))
    finally:
        mark_queued(None)
    assert view.calls == 0


def test_request_that_queued_briefly_is_served(guard_settings):
    view = View()
    guard = OverloadGuardMiddleware(view)
    mark_queued(time.monotonic() - 1)
    try:
        assert guard(RequestFactory().get("/")).status_code == 200
    finally:
        mark_queued(None)
    assert view.calls == 1


def test_front_proxy_queue_time_counts_when_trusted(guard_settings):
    guard_settings.OVERLOAD_TRUST_X_REQUEST_START = True
    view = View()
    guard = OverloadGuardMiddleware(view)
    stale = f"t={time.time() - 60:.3f}"

    assert_busy(guard(RequestFactory().get("/", HTTP_X_REQUEST_START=stale)))
    assert view.calls == 0


def test_front_proxy_header_is_ignored_unless_trusted(guard_settings):
    view = View()
    guard = OverloadGuardMiddleware(view)
    stale = f"t={time.time() - 60:.3f}"

    assert guard(RequestFactory().get("/", HTTP_X_REQUEST_START=stale)).status_code == 200


def test_wagtail_preview_inside_an_admitted_request_does_not_need_a_slot(guard_settings):
    """Wagtail's admin preview runs a dummy request through the middleware while the admin
    request holds the (here only) slot."""
    guard_settings.OVERLOAD_MAX_QUEUE_SECONDS = 0.05

    def view(request):
        if getattr(request, "is_dummy", False):
            return HttpResponse("page")
        dummy = RequestFactory().get("/policy-analysis/a-brief/")
        dummy.is_dummy = True
        return HttpResponse(b"preview of " + guard(dummy).content)

    guard = OverloadGuardMiddleware(view)

    assert guard(RequestFactory().get("/admin/pages/1/edit/preview/")).content == (
        b"preview of page"
    )


def test_503_reaches_the_client_with_cors_and_security_headers(client, settings):
    """Through the whole middleware stack: a request over budget (a trusted proxy says it
    queued a minute) is refused before sessions or the database are touched."""
    settings.OVERLOAD_TRUST_X_REQUEST_START = True
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example.org"]
    response = client.get(
        "/api/v1/analysis/",
        HTTP_X_REQUEST_START=f"t={time.time() - 60:.3f}",
        HTTP_ORIGIN="https://front.example.org",
    )
    assert_busy(response)
    assert response["Access-Control-Allow-Origin"] == "https://front.example.org"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in response


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("t=1700000000.250", 9.75),  # nginx ${msec}: seconds with milliseconds
        ("t=1700000000250", 9.75),  # milliseconds
        ("1700000000250000", 9.75),  # microseconds, without t=
        ("t=1700000020", 0.0),  # in the future (clock skew): never negative
    ],
)
def test_x_request_start_formats(header, seconds):
    assert parse_request_start(header, now=1700000010.0) == pytest.approx(seconds)


@pytest.mark.parametrize("header", ["", "t=", "t=soon", None])
def test_unreadable_x_request_start_is_ignored(header):
    assert parse_request_start(header, now=1700000010.0) is None


def test_guard_is_off_when_the_limit_is_zero(settings):
    from django.core.exceptions import MiddlewareNotUsed

    settings.OVERLOAD_MAX_CONCURRENT_REQUESTS = 0
    with pytest.raises(MiddlewareNotUsed):
        OverloadGuardMiddleware(View())
