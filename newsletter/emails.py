"""The confirmation email, in the subscriber's language."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.templatetags.core_tags import get_site_identity

from . import tokens


def send_confirmation(request, subscriber):
    """Email the link that confirms ``subscriber`` (and one to unsubscribe)."""
    with translation.override(subscriber.language):
        context = {
            "confirm_url": request.build_absolute_uri(
                reverse("newsletter:confirm", args=[tokens.make(subscriber, "confirm")])
            ),
            "unsubscribe_url": request.build_absolute_uri(
                reverse("newsletter:unsubscribe", args=[tokens.make(subscriber, "unsubscribe")])
            ),
            "days": tokens.CONFIRM_DAYS,
            # The institute's name in the subscriber's language (core.models.SiteIdentity).
            "site_name": get_site_identity(request).name,
        }
        subject = render_to_string("newsletter/email/confirm_subject.txt", context).strip()
        body = render_to_string("newsletter/email/confirm.txt", context)
    send_mail(subject, body, None, [subscriber.email])
    subscriber.confirmation_sent_at = timezone.now()
    subscriber.save(update_fields=["confirmation_sent_at"])
