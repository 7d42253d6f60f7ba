from django.apps import AppConfig


class HeadlessApiConfig(AppConfig):
    """The headless API: its content version (cache invalidation) and preview tokens."""

    name = "headless_api"
    label = "headless_api"
    verbose_name = "Headless API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import preview, signals

        signals.connect()
        preview.connect()
