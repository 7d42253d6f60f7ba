"""Admin sign-in throttling (django-axes): five failures for one username, or from one
address, lock sign-in with a clear message; `manage.py axes_reset…` unlocks it.

The test settings switch axes off (Client.login() passes no request to authenticate(),
which axes refuses); these tests switch it on. Attempts live in the test database, so
each test starts with none.
"""

import pytest
from django.core.management import call_command

LOCKED = (
    "Too many failed sign-in attempts: sign-in is locked for 15 minutes. "
    "An administrator can unlock it sooner."
)
WRONG = "Your username and password didn&#x27;t match. Please try again."  # as HTML-escaped


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True


def sign_in(client, username, password, address="192.0.2.10"):
    """POST the admin's sign-in form from ``address``."""
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail_five_times(client, username="admin", address="192.0.2.10"):
    """Four failures say the password was wrong; the fifth locks sign-in."""
    for _ in range(4):
        response = sign_in(client, username, "wrong-password", address)
        assert response.status_code == 200
        assert WRONG in response.content.decode()
    assert_locked(sign_in(client, username, "wrong-password", address))


def assert_locked(response):
    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def assert_signed_in(client, response):
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_sixth_attempt_with_the_right_password_is_refused_until_axes_reset(client, superuser):
    fail_five_times(client)

    assert_locked(sign_in(client, "admin", "password"))
    assert client.get("/admin/").status_code == 302  # not signed in

    call_command("axes_reset", verbosity=0)
    assert_signed_in(client, sign_in(client, "admin", "password"))


def test_lockout_page_is_the_admin_sign_in_shell_with_the_message(client, superuser):
    fail_five_times(client)
    response = sign_in(client, "admin", "password")
    html = response.content.decode()
    assert "<h1>Sign-in locked</h1>" in html
    assert f'<li class="error">{LOCKED}</li>' in html
    assert 'href="/admin/login/"' in html


def test_five_failures_for_one_user_lock_it_from_any_address_until_axes_reset_username(
    client, superuser
):
    # One failure from each of five addresses: only the username is over the limit.
    for n in range(5):
        sign_in(client, "admin", "wrong-password", address=f"198.51.100.{n}")
    assert_locked(sign_in(client, "admin", "password", address="203.0.113.1"))

    call_command("axes_reset_username", "admin", verbosity=0)
    assert_signed_in(client, sign_in(client, "admin", "password", address="203.0.113.1"))


def test_five_failures_from_one_address_lock_it_for_every_user_until_axes_reset_ip(
    client, superuser
):
    for n in range(5):
        sign_in(client, f"guess-{n}", "wrong-password", address="192.0.2.66")
    assert_locked(sign_in(client, "admin", "password", address="192.0.2.66"))
    # The account itself had no failure: from another address it signs in.
    assert_signed_in(client, sign_in(client, "admin", "password", address="192.0.2.67"))
    client.post("/admin/logout/")

    call_command("axes_reset_ip", "192.0.2.66", verbosity=0)
    assert_signed_in(client, sign_in(client, "admin", "password", address="192.0.2.66"))


def test_a_successful_sign_in_clears_earlier_failures(client, superuser):
    for _ in range(4):
        sign_in(client, "admin", "wrong-password")
    assert_signed_in(client, sign_in(client, "admin", "password"))
    client.post("/admin/logout/")

    for _ in range(4):
        sign_in(client, "admin", "wrong-password")
    assert_signed_in(client, sign_in(client, "admin", "password"))
