"""The endpoint admin keeps the secret write-only: generated when left empty and shown once
in the success message, after creation or rotation; absent from the edit and inspect pages.
URLs the public-address rule refuses get the rule's message on the form."""

import pytest
from bs4 import BeautifulSoup

from tests.webhooks.support import SECRET, endpoint
from webhooks.models import WebhookEndpoint

ADD = "/admin/webhook_endpoints/new/"
LISTING = "/admin/webhook_endpoints/"
pytestmark = pytest.mark.django_db


def form_data(**overrides):
    return {
        "name": "Next.js",
        "url": "https://8.8.8.8/api/revalidate",
        "secret": "",
        "events": ["page.published"],
        "active": "on",
        **overrides,
    }


def messages(response):
    """The admin's flash messages on a page, as the user reads them."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [item.get_text(" ", strip=True) for item in soup.select(".messages ul li")]


def reveal(name, secret):
    return (
        f"Webhook endpoint '{name}' {{action}}. Its secret is {secret} — give it to the receiver "
        "now: it will not be shown again. Edit"
    )


def test_a_secret_left_empty_is_generated_and_shown_once(admin_client):
    response = admin_client.post(ADD, form_data(), follow=True)
    hook = WebhookEndpoint.objects.get()
    expected = reveal("Next.js", hook.secret).format(action="created")
    assert (len(hook.secret), messages(response)) == (43, [expected])
    assert hook.secret not in admin_client.get(LISTING).content.decode()


def test_a_typed_secret_is_kept_and_never_echoed(admin_client):
    response = admin_client.post(ADD, form_data(secret=SECRET), follow=True)
    assert (WebhookEndpoint.objects.get().secret, messages(response)) == (
        SECRET,
        ["Webhook endpoint 'Next.js' created. Edit"],
    )
    assert SECRET not in response.content.decode()


def test_the_edit_page_never_contains_the_secret(admin_client):
    hook = endpoint("https://8.8.8.8/hook")
    response = admin_client.get(f"/admin/webhook_endpoints/edit/{hook.pk}/")
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_the_inspect_page_masks_the_secret(admin_client):
    hook = endpoint("https://8.8.8.8/hook")
    response = admin_client.get(f"/admin/webhook_endpoints/inspect/{hook.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    fields = {
        term.get_text(strip=True): term.find_next_sibling("dd").get_text(" ", strip=True)
        for term in BeautifulSoup(html, "html.parser").select("dt")
    }
    assert (
        fields["Secret"] == "Hidden. Tick “Generate a new secret” on the edit form to replace it."
    )
    assert SECRET not in html


def test_rotating_generates_a_new_secret_shown_once(admin_client):
    hook = endpoint("https://8.8.8.8/hook")
    data = form_data(name="Front end", rotate_secret="on")
    del data["secret"]
    response = admin_client.post(f"/admin/webhook_endpoints/edit/{hook.pk}/", data, follow=True)
    hook.refresh_from_db()
    expected = reveal("Front end", hook.secret).format(action="updated")
    assert (hook.secret != SECRET, len(hook.secret), messages(response)) == (True, 43, [expected])
    assert hook.secret not in admin_client.get(LISTING).content.decode()


def test_saving_without_rotating_keeps_the_secret_and_shows_none(admin_client):
    hook = endpoint("https://8.8.8.8/hook")
    data = form_data(name="Renamed front end")
    del data["secret"]
    response = admin_client.post(f"/admin/webhook_endpoints/edit/{hook.pk}/", data, follow=True)
    hook.refresh_from_db()
    assert (hook.name, hook.secret, messages(response)) == (
        "Renamed front end",
        SECRET,
        ["Webhook endpoint 'Renamed front end' updated. Edit"],
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://localhost:8000/hook",
            "localhost resolves to 127.0.0.1, a loopback address: webhooks are sent to public "
            "addresses only.",
        ),
        (
            "http://2130706433/hook",
            "Write an IP address as four decimal numbers (such as 203.0.113.7); decimal, "
            "hexadecimal, octal and shortened forms are refused.",
        ),
        ("https://8.8.8.8/a path", "Enter a valid URL."),
    ],
)
def test_the_form_refuses_a_url_with_the_reason_and_saves_nothing(admin_client, url, message):
    response = admin_client.post(ADD, form_data(url=url))
    assert (response.status_code, response.context["form"].errors) == (200, {"url": [message]})
    assert not WebhookEndpoint.objects.exists()


def test_endpoints_cannot_be_copied(admin_client):
    hook = endpoint("https://8.8.8.8/hook")
    assert admin_client.get(f"/admin/webhook_endpoints/copy/{hook.pk}/").status_code == 404
