"""Real-browser fixtures: Debian's Chromium driven by Playwright against pytest-django's
live server (a threaded WSGI server on 127.0.0.1 with the test database).

Every test here is marked ``browser``. They run once per ``make test``, in a separate pytest
run after the SQLite suite (the PostgreSQL run deselects them with ``-m "not browser"``):
they check what a person sees in a browser, which does not depend on the database engine,
and they are the slowest tests. Each test leaves a full-page screenshot of its final state under
``test-artifacts/browser/``; the path is printed at the end of the run.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API keeps an asyncio loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told the calls are really synchronous (they are).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The live server listens on 127.0.0.1 (a free port), never on every interface.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Playwright waits this long (ms) for an element or a navigation before failing.
TIMEOUT_MS = 15_000
_screenshots = []


def pytest_collection_modifyitems(items):
    """Mark the tests here ``browser``. ``make test`` runs them in a pytest run of their own
    (``-m browser``): each ends with a flush of the transactional database, which other
    transactional tests must not inherit."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run (a fresh context per test keeps tests independent)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    # Playwright gives the browser a fresh temporary profile; every test gets its own
    # empty context (cookies, storage) on top of it.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageLog:
    """What a page did: every request's URL, console errors and uncaught exceptions."""

    def __init__(self):
        self.requests = []
        self.console_errors = []
        self.page_errors = []

    def foreign_requests(self):
        """Requests that left 127.0.0.1 (fonts, analytics, CDNs…)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(url).hostname not in ("127.0.0.1",)
        ]

    def assert_clean(self, expected_404=()):
        """No foreign requests, no uncaught exception, no console error other than the
        browser's report of a 404 the test asked for (URLs in ``expected_404``)."""
        assert not self.foreign_requests(), f"requests to other hosts: {self.foreign_requests()}"
        assert not self.page_errors, f"uncaught exceptions: {self.page_errors}"
        errors = [
            error
            for error in self.console_errors
            if not (" 404 " in error and error.endswith(tuple(f"{url})" for url in expected_404)))
        ]
        assert not errors, f"console errors: {errors}"


def _artifact_name(node):
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", node.name).strip("-")


@pytest.fixture
def page(browser, site, request):
    """A page in a new, empty browser context; its log is ``page.log``. A full-page
    screenshot of the final state is saved whether the test passes or fails.

    Depends on ``site`` so the browser closes before the database is flushed (the admin
    autosaves in the background)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-US", timezone_id="UTC"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    log = PageLog()
    page.on("request", lambda req: log.requests.append(req.url))
    page.on(
        "console",
        lambda msg: (
            log.console_errors.append(f"{msg.text} ({msg.location.get('url')})")
            if msg.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    page.log = log
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{_artifact_name(request.node)}.png"
    try:
        for open_page in context.pages:
            if not open_page.is_closed():
                open_page.screenshot(path=path, full_page=True)
        _screenshots.append(path)
    finally:
        context.close()


@pytest.fixture
def site(live_server, transactional_db, django_db_serialized_rollback):
    """The live server's base URL (no trailing slash), serving the test database.

    The server thread needs committed data, hence a transactional database; the serialized
    rollback restores what the migrations created (home page, groups, workflow, Arabic
    locale) after each test's flush."""
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()
    return live_server.url


def pytest_terminal_summary(terminalreporter):
    if _screenshots:
        terminalreporter.write_sep("-", "browser artifacts")
        terminalreporter.write_line(f"{len(_screenshots)} full-page screenshots in {ARTIFACTS}")
