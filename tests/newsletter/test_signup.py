"""Newsletter sign-up with double opt-in: the footer form, the confirmation email and link,
unsubscribing, the answers to bad input and bad links, and the editors' CSV export."""

import csv
import io
import re

import pytest
import time_machine
from django.core import mail

from newsletter.models import Subscriber
from tests.support import factories

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/\S+)")


def sign_up(client, email, prefix=""):
    return client.post(f"{prefix}/newsletter/", {"email": email, "website": ""})


def links(message):
    """(confirm path, unsubscribe path) from a confirmation email."""
    confirm, unsubscribe = LINK.findall(message.body)
    return confirm, unsubscribe


def test_every_page_footer_has_the_form_and_the_page_is_still_cached(client, tree):
    brief = factories.brief("Water and power in Basra")
    first = client.get(brief.url)
    html = first.content.decode()
    assert '<form class="newsletter-form" method="post" action="/newsletter/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert first["X-Cache"] == "miss"
    assert client.get(brief.url)["X-Cache"] == "hit"


def test_sign_up_sends_one_confirmation_and_confirming_takes_a_button_press(client, tree):
    response = sign_up(client, "Reader@Example.org")
    assert response.status_code == 200
    assert "<h1>Check your inbox</h1>" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status, subscriber.language) == (
        "reader@example.org",
        "pending",
        "en",
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert message.subject == "The Policy Institute: confirm your newsletter subscription"
    confirm, _ = links(message)

    page = client.get(confirm)  # a mail scanner's GET confirms nothing
    assert page.status_code == 200
    assert "Send the newsletter to <bdi>reader@example.org</bdi>?" in page.content.decode()
    assert Subscriber.objects.get().status == "pending"

    done = client.post(confirm)
    assert done.status_code == 200
    assert "<h1>Subscription confirmed</h1>" in done.content.decode()
    assert Subscriber.objects.get().status == "confirmed"


def test_the_answer_does_not_tell_who_is_on_the_list(client, tree):
    Subscriber.objects.create(email="known@example.org", language="en", status="confirmed")
    known = sign_up(client, "known@example.org")
    unknown = sign_up(client, "unknown@example.org")
    assert known.status_code == unknown.status_code == 200
    strip = re.compile(r"unknown@example\.org|known@example\.org")
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())
    assert [m.to for m in mail.outbox] == [["unknown@example.org"]]


def test_a_waiting_address_gets_at_most_one_email_per_ten_minutes(client, tree):
    with time_machine.travel("2026-06-01 12:00Z", tick=False) as traveller:
        sign_up(client, "reader@example.org")
        sign_up(client, "reader@example.org")
        assert len(mail.outbox) == 1
        traveller.shift(11 * 60)
        sign_up(client, "reader@example.org")
        assert len(mail.outbox) == 2


@pytest.mark.parametrize("email", ["", "not-an-address", "a@b", "x" * 250 + "@example.org"])
def test_a_bad_address_is_a_400_with_the_error_and_changes_nothing(client, tree, email):
    response = sign_up(client, email)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert Subscriber.objects.count() == 0 and mail.outbox == []


def test_a_bot_filling_the_hidden_field_gets_the_usual_answer_and_nothing_else(client, tree):
    response = client.post("/newsletter/", {"email": "bot@example.org", "website": "spam"})
    assert response.status_code == 200
    assert Subscriber.objects.count() == 0 and mail.outbox == []


def test_unsubscribing_from_the_email_link_and_signing_up_again(client, tree):
    sign_up(client, "reader@example.org")
    confirm, unsubscribe = links(mail.outbox[0])
    client.post(confirm)
    assert client.get(unsubscribe).status_code == 200
    assert Subscriber.objects.get().status == "confirmed"
    response = client.post(unsubscribe)
    assert "<h1>Unsubscribed</h1>" in response.content.decode()
    assert Subscriber.objects.get().status == "unsubscribed"
    sign_up(client, "reader@example.org")
    assert Subscriber.objects.get().status == "pending"
    assert len(mail.outbox) == 2


def test_broken_expired_and_crossed_links_are_400s_that_change_nothing(client, tree):
    with time_machine.travel("2026-06-01 12:00Z", tick=False) as traveller:
        sign_up(client, "reader@example.org")
        confirm, unsubscribe = links(mail.outbox[0])
        token = confirm.rstrip("/").rsplit("/", 1)[1]
        crossed = client.post(f"/newsletter/unsubscribe/{token}/")
        assert crossed.status_code == 400
        assert client.post(confirm[:-5] + "xxxx/").status_code == 400
        traveller.shift(8 * 86400)
        expired = client.post(confirm)
        assert expired.status_code == 400
        assert "more than a week old" in expired.content.decode()
    assert Subscriber.objects.get().status == "pending"


def test_an_arabic_reader_signs_up_in_arabic(client, tree):
    response = sign_up(client, "qari@example.org", prefix="/ar")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="ar" dir="rtl"' in html and "تفقّد بريدك الوارد" in html
    assert Subscriber.objects.get().language == "ar"
    message = mail.outbox[0]
    assert message.subject == "The Policy Institute: أكّد اشتراكك في النشرة البريدية"
    assert "http://testserver/ar/newsletter/confirm/" in message.body


def test_editors_export_the_list_as_csv_and_others_cannot_see_it(client, admin_client, editor):
    Subscriber.objects.create(email="a@example.org", language="en", status="confirmed")
    Subscriber.objects.create(email="b@example.org", language="ar", status="pending")
    response = admin_client.get("/admin/newsletter_subscribers/?status=confirmed&export=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == ('attachment; filename="newsletter-subscribers.csv"')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[:3] for row in rows] == [
        ["Email address", "Status", "Language"],
        ["a@example.org", "confirmed", "en"],
    ]
    client.force_login(editor)
    assert client.get("/admin/newsletter_subscribers/").status_code == 302
