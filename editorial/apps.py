from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editor's desk: admin listings, choosers and dashboard panels spanning the apps."""

    name = "editorial"
    verbose_name = _("Editor's desk")
    default_auto_field = "django.db.models.BigAutoField"
