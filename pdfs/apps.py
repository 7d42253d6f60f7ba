from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PdfsConfig(AppConfig):
    name = "pdfs"
    verbose_name = _("PDF editions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
