from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from core.signals import watch

        from . import signals
        from .models import EventType

        signals.connect()
        watch(EventType)  # its name is on event pages, cards and the API (core.signals)
