from django.apps import AppConfig


class TranslationWorkflowConfig(AppConfig):
    """The translators' side of the Arabic edition: the translation queue and its statuses,
    PO export/import, source sync on publish, and the Translators group's permissions."""

    name = "translation_workflow"
    verbose_name = "Translation workflow"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import permissions, sync

        permissions.connect()
        sync.connect()
