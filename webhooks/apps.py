from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Webhook endpoints editors register, and the log of deliveries to them."""

    name = "webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
