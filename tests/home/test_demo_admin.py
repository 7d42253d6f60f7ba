"""`make run` prints a working admin login, and running it again creates no second account."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(**options):
    out = io.StringIO()
    call_command("demo_admin", stdout=out, **options)
    return out.getvalue()


def test_demo_admin_prints_a_login_that_works(client):
    output = run(site_url="http://127.0.0.1:8040")
    assert "http://127.0.0.1:8040/admin/" in output
    assert "user: admin" in output and "password: demo-admin-password" in output
    assert client.login(username="admin", password="demo-admin-password")
    assert client.get("/admin/").status_code == 200

    run()
    assert get_user_model().objects.filter(username="admin").count() == 1
