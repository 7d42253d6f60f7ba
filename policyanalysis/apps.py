from django.apps import AppConfig


class PolicyAnalysisConfig(AppConfig):
    """Briefs (policy analysis), their listing, landing pages and recommendations."""

    name = "policyanalysis"
    verbose_name = "Policy analysis"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.signals import watch

        from .publications import Outlet, Series, SeriesContributor

        # Shown on public pages (bylines of op-eds, series badges and pages): a change to
        # one must reach the page and API caches (core.signals).
        watch(Outlet, Series, SeriesContributor)
