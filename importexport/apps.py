from django.apps import AppConfig


class ImportExportConfig(AppConfig):
    """Bulk import and export of experts, analysis, taxonomy and translations (JSON Lines)."""

    name = "importexport"
    verbose_name = "Import and export"
    default_auto_field = "django.db.models.BigAutoField"
