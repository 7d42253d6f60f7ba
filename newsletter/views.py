"""Sign-up (double opt-in), confirmation and unsubscription.

Every valid sign-up gets the same answer ("check your inbox"), whether the address was new,
waiting or already confirmed, so the form does not tell anyone who is on the list. The
confirmation and unsubscribe links open a page with a button (a POST): mail scanners that
fetch links do not confirm or unsubscribe anyone.
"""

import datetime

from django.core import signing
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import tokens
from .emails import send_confirmation
from .forms import SubscribeForm
from .models import Subscriber

#: A waiting address gets at most one confirmation email per this interval.
RESEND_AFTER = datetime.timedelta(minutes=10)


# The sign-up form sits in the footer of pages the page cache stores for every reader, so it
# carries no CSRF token: a forged sign-up can only make the site email the address a
# confirmation link, which is what the form itself does for anyone.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":
        return render(request, "newsletter/subscribe.html", {"form": SubscribeForm()})
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "newsletter/subscribe.html", {"form": form}, status=400)
    if not form.is_bot():
        _request_subscription(request, form.cleaned_data["email"].strip().lower())
    return render(request, "newsletter/check_inbox.html")


def _request_subscription(request, email):
    subscriber, created = Subscriber.objects.get_or_create(
        email=email, defaults={"language": translation.get_language()}
    )
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return
    now = timezone.now()
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.PENDING
        subscriber.requested_at = now
        subscriber.language = translation.get_language()
        subscriber.save(update_fields=["status", "requested_at", "language"])
    elif (
        not created
        and subscriber.confirmation_sent_at
        and (now - subscriber.confirmation_sent_at < RESEND_AFTER)
    ):
        return
    send_confirmation(request, subscriber)


def _subscriber_for(token, action):
    """The subscriber a link names, or None when the link is broken, expired or names an
    address that has since been removed or changed."""
    try:
        pk, email = tokens.read(token, action)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(pk=pk, email=email).first()


def _link_page(request, token, action, template, done_template, change):
    subscriber = _subscriber_for(token, action)
    if subscriber is None:
        return render(request, "newsletter/bad_link.html", {"action": action}, status=400)
    if request.method == "POST":
        change(subscriber)
        return render(request, done_template, {"subscriber": subscriber})
    return render(request, template, {"subscriber": subscriber})


def _confirm(subscriber):
    if subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])


def _unsubscribe(subscriber):
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    return _link_page(
        request, token, "confirm", "newsletter/confirm.html", "newsletter/confirmed.html", _confirm
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    return _link_page(
        request,
        token,
        "unsubscribe",
        "newsletter/unsubscribe.html",
        "newsletter/unsubscribed.html",
        _unsubscribe,
    )
