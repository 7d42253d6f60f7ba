"""A small LibreTranslate server for the tests: a real HTTP server on 127.0.0.1 in a thread,
speaking the part of LibreTranslate's API wagtail-localize uses (``POST /translate`` with a
JSON body ``{"q": [...], "source", "target", "format", "api_key"}``, answering
``{"translatedText": [...]}``; ``GET /languages``). It "translates" from a glossary and
records every request. ``failure`` makes it answer every translation request badly instead:
``(status, body bytes)``, e.g. ``(500, b"...")`` or ``(200, b"<html>…")``."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LibreTranslateStub:
    """``glossary`` maps English texts to their translations; a text not in it comes back
    as ``[ar] <text>``. ``api_key``, when set, is required (403 otherwise, as LibreTranslate
    answers)."""

    def __init__(self, glossary=None, api_key="", failure=None):
        self.glossary = glossary or {}
        self.api_key = api_key
        self.failure = failure
        self.requests = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _json(self, status, payload):
                body = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):  # noqa: N802
                if self.path == "/languages":
                    self._json(200, [{"code": "en", "name": "English", "targets": ["ar"]}])
                else:
                    self._json(404, {"error": "Not Found"})

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    request = json.loads(self.rfile.read(length))
                except ValueError:
                    self._json(400, {"error": "Invalid request: invalid JSON"})
                    return
                stub.requests.append((self.path, request))
                if stub.failure is not None:
                    status, body = stub.failure
                    self.send_response(status)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif self.path != "/translate":
                    self._json(404, {"error": "Not Found"})
                elif stub.api_key and request.get("api_key") != stub.api_key:
                    self._json(403, {"error": "Invalid API key"})
                else:
                    texts = request["q"] if isinstance(request["q"], list) else [request["q"]]
                    translated = [stub.glossary.get(text, f"[ar] {text}") for text in texts]
                    self._json(200, {"translatedText": translated})

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
