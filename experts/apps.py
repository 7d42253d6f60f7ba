from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    """Expert profiles: the people who write the analysis."""

    name = "experts"
    verbose_name = "Experts"
    default_auto_field = "django.db.models.BigAutoField"
