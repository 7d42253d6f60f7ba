"""What the webhook tests share: real receivers (HTTP(S) servers on 127.0.0.1 in a thread, a
port that accepts connections but never answers, a closed port), an endpoint builder, polling,
and reading the admin's listing tables."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bs4 import BeautifulSoup

from webhooks.models import WebhookDelivery, WebhookEndpoint

SECRET = "a-long-shared-secret-value"


class Receiver:
    """An HTTP server on 127.0.0.1 that records every request (method, path, headers, body)
    and answers with the queued status codes (then 200), after ``delay`` seconds.
    ``headers`` are added to every response (e.g. a Location); ``tls`` is an SSLContext to
    serve https."""

    def __init__(self, statuses=(), delay=0.0, headers=None, tls=None):
        self.requests = []
        self.statuses = list(statuses)
        self.delay = delay
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                receiver.requests.append(
                    (time.monotonic(), self.command, self.path, dict(self.headers), body)
                )
                time.sleep(receiver.delay)
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_PUT = do_HEAD = do_PURGE = _answer  # noqa: N815

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_port
        scheme = "https" if tls is not None else "http"
        self.url = f"{scheme}://127.0.0.1:{self.port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def bodies(self):
        return [body for _t, _method, _path, _headers, body in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class SilentPort:
    """A port on 127.0.0.1 whose connections the kernel completes but nobody answers: a
    client waits until its timeout."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0), backlog=16)
        self.port = self.socket.getsockname()[1]

    def close(self):
        self.socket.close()


def closed_port():
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def wait_for(predicate, timeout=10.0):
    """Poll ``predicate`` until it is true (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def receivers():
    """Body of the ``receiver`` fixture: a factory of Receivers, all closed afterwards."""
    servers = []

    def make(**kwargs):
        server = Receiver(**kwargs)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()


def endpoint(url, events=("page.published",)):
    """An endpoint saved without validation, as one stored before the rules (or before its
    host's DNS changed) would be."""
    return WebhookEndpoint.objects.create(
        name="Front end", url=url, secret=SECRET, events=list(events)
    )


def delivered(count=1):
    """A predicate for wait_for: at least ``count`` deliveries delivered."""
    return lambda: WebhookDelivery.objects.filter(state=WebhookDelivery.DELIVERED).count() >= count


def listing_rows(html):
    """The rows of the admin listing table, each a dict of column heading -> cell text."""
    table = BeautifulSoup(html, "html.parser").select_one("table.listing")
    headings = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    return [
        dict(
            zip(
                headings,
                (cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])),
                strict=True,
            )
        )
        for row in table.select("tbody tr")
    ]
