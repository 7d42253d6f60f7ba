"""Static files in production: gunicorn with config/gunicorn.conf.py and the production
settings serves them itself (WhiteNoise): hashed names, gzip variants, cached for a year.
Without `collectstatic`, it refuses to start and says what to run."""

import gzip
import http.client
import json
import os
import socket
import subprocess
import sys
import time

import pytest

from tests.config.processes import ROOT, free_port, run_python

NOT_COLLECTED = (
    "Static files have not been collected: there is no staticfiles.json in STATIC_ROOT ({root})."
    " Run `python manage.py collectstatic --no-input` with these settings before starting the"
    " server."
)

pytestmark = pytest.mark.slow


def production_env(static_root, tmp_path, **extra):
    """Environment of a production process on 127.0.0.1 with a scratch database."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "p" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on the loopback
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(static_root),
        "WEB_CONCURRENCY": "1",
        **extra,
    }


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """A STATIC_ROOT filled by `manage.py collectstatic` with the production settings."""
    tmp = tmp_path_factory.mktemp("collected")
    root = tmp / "static"
    result = run_python(
        ["manage.py", "collectstatic", "--no-input", "-v", "0"], production_env(root, tmp)
    )
    assert result.returncode == 0, result.stderr
    return root


def start_gunicorn(env):
    """gunicorn as production runs it, on a free 127.0.0.1 port; returns (process, port)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    return process, port


@pytest.fixture(scope="module")
def server(collected, tmp_path_factory):
    """gunicorn serving the collected files; yields its port."""
    process, port = start_gunicorn(production_env(collected, tmp_path_factory.mktemp("db")))
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"gunicorn did not start:\n{process.communicate()[0]}")
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=60)


def get(port, path, **headers):
    """(status, headers, body) of a GET with exactly ``headers`` (http.client adds no
    Accept-Encoding of its own)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def hashed_name(static_root, name):
    return json.loads((static_root / "staticfiles.json").read_text())["paths"][name]


def test_gunicorn_refuses_to_start_without_collected_static_files(tmp_path):
    empty = tmp_path / "static"
    process, _ = start_gunicorn(production_env(empty, tmp_path))
    output, _ = process.communicate(timeout=120)

    assert process.returncode != 0
    assert NOT_COLLECTED.format(root=empty) in output


def test_static_tag_gives_the_hashed_name(collected, tmp_path):
    code = (
        "import django; django.setup(); from django.template import Template, Context; "
        "print(Template(\"{% load static %}{% static 'css/site.css' %}\").render(Context()))"
    )
    result = run_python(["-c", code], production_env(collected, tmp_path))
    assert result.returncode == 0, result.stderr
    hashed = hashed_name(collected, "css/site.css")
    assert hashed.startswith("css/site.") and hashed != "css/site.css"
    assert result.stdout.strip() == f"/static/{hashed}"


def test_gunicorn_serves_the_hashed_stylesheet_compressed_and_cached_for_a_year(collected, server):
    path = "/static/" + hashed_name(collected, "css/site.css")
    original = (collected / hashed_name(collected, "css/site.css")).read_bytes()

    status, headers, body = get(server, path, **{"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["Content-Type"] == 'text/css; charset="utf-8"'
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == original


def test_gunicorn_serves_the_plain_file_to_clients_without_gzip(collected, server):
    path = "/static/" + hashed_name(collected, "css/site.css")
    original = (collected / hashed_name(collected, "css/site.css")).read_bytes()

    status, headers, body = get(server, path)

    assert status == 200
    assert "Content-Encoding" not in headers
    assert body == original


def test_unhashed_name_is_served_with_a_short_cache_lifetime(server):
    status, headers, _ = get(server, "/static/css/site.css", **{"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["Cache-Control"] == "max-age=60, public"


def test_admin_static_files_are_served_too(collected, server):
    path = "/static/" + hashed_name(collected, "wagtailadmin/js/core.js")

    status, headers, _ = get(server, path, **{"Accept-Encoding": "gzip"})

    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
