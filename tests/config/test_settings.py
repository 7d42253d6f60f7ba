"""Deployment settings: production needs its secrets and passes the --deploy checks."""

import os
import subprocess
import sys

from tests.support.paths import REPOSITORY

ROOT = REPOSITORY


def manage(*args, **env):
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )


def test_check_deploy_is_clean_with_the_required_variables():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-0123456789",
        ALLOWED_HOSTS="analysis.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_says_what_to_set():
    result = manage("check", ALLOWED_HOSTS="analysis.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in the environment" in result.stderr


def test_production_without_allowed_hosts_says_what_to_set():
    result = manage("check", SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set in the environment" in result.stderr


def test_database_url_selects_postgresql():
    code = (
        "import django, os; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'])"
    )
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "PYTHONPATH": str(ROOT),
    }
    default = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=environment
    )
    assert default.stdout.strip() == "django.db.backends.sqlite3", default.stderr
    postgres = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**environment, "DATABASE_URL": "postgres://u@127.0.0.1:5432/db"},
    )
    assert postgres.stdout.strip() == "django.db.backends.postgresql", postgres.stderr
