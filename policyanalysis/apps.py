from django.apps import AppConfig


class PolicyAnalysisConfig(AppConfig):
    """Briefs (policy analysis), their listing, landing pages and recommendations."""

    name = "policyanalysis"
    verbose_name = "Policy analysis"
    default_auto_field = "django.db.models.BigAutoField"
