from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared lowest layer: taxonomy, body blocks, localization and caching helpers."""

    name = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import page_cache, signals

        signals.connect()
        page_cache.connect()
