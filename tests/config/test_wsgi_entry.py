"""config/wsgi.py, the entry point gunicorn and runserver load, imports in a fresh process."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wsgi_module_imports_in_a_fresh_process_and_puts_the_edge_cache_in_front():
    script = (
        "import config.wsgi as w; "
        "print(type(w.application).__name__, type(w.django_application).__name__)"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
        check=False,
        cwd=ROOT,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "EdgeCache WSGIHandler"), done.stderr
