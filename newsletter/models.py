"""Newsletter subscribers, confirmed by email (double opt-in)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Subscriber(models.Model):
    """One address on the list. Only ``confirmed`` subscribers are on the export an editor
    sends to; ``pending`` ones asked but have not clicked the emailed link; ``unsubscribed``
    ones left (the row stays so that a later request starts a new confirmation)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        help_text=_("The language the subscriber signed up in; emails go out in it."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmation_sent_at = models.DateTimeField(_("confirmation email sent"), null=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-requested_at"]

    def __str__(self):
        return self.email
