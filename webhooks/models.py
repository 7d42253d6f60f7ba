"""Webhook endpoints and the deliveries made to them."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .destinations import validate_webhook_url

EVENT_CHOICES = [
    ("page.published", _("Page published")),
    ("page.unpublished", _("Page unpublished")),
    ("page.deleted", _("Page deleted")),
    ("translation.published", _("Translation published")),
]
EVENTS = [value for value, _label in EVENT_CHOICES]


def validate_events(value):
    """A non-empty list of known event names."""
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one event."), code="no_events")
    unknown = sorted(set(value) - set(EVENTS))
    if unknown:
        raise ValidationError(
            _("Unknown events: %(events)s."),
            code="unknown_events",
            params={"events": ", ".join(unknown)},
        )


def generate_secret():
    """A new signing secret: 256 random bits, URL-safe text."""
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """A URL that receives a signed POST for each content event it subscribed to."""

    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. 'Next.js front end'"))
    url = models.URLField(
        _("URL"),
        max_length=500,
        # With URLField's own URLValidator; the rule refuses schemes other than http(s).
        validators=[validate_webhook_url],
        help_text=_(
            "A public http(s) address; addresses inside private networks are refused. "
            "Redirects are not followed."
        ),
    )
    secret = models.CharField(
        _("secret"),
        max_length=200,
        default=generate_secret,
        help_text=_(
            "Shared with the receiver, which checks the X-Webhook-Signature header "
            "(sha256=HMAC-SHA256 of the body with this secret). Shown once, when it is set."
        ),
    )
    events = models.JSONField(_("events"), default=list, validators=[validate_events])
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name"]

    def __str__(self):
        return self.name or self.url


class WebhookDelivery(models.Model):
    """One event sent (or to be sent) to one endpoint, with its outcome."""

    PENDING = "pending"
    DELIVERED = "delivered"
    RETRYING = "retrying"
    FAILED = "failed"
    STATE_CHOICES = [
        (PENDING, _("Pending")),
        (DELIVERED, _("Delivered")),
        (RETRYING, _("Retrying")),
        (FAILED, _("Failed")),
    ]

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=50, choices=EVENT_CHOICES)
    payload = models.JSONField(_("payload"))
    state = models.CharField(_("state"), max_length=20, choices=STATE_CHOICES, default=PENDING)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    response_time_ms = models.PositiveIntegerField(_("response time (ms)"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event} → {self.endpoint}"
