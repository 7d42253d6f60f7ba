"""The deployment app: security headers, lockout page, static-files check, overload guard."""

from django.apps import AppConfig


class DeploymentConfig(AppConfig):
    """What a production deployment needs beyond the content apps (docs/deployment.md)."""

    name = "deployment"
    verbose_name = "Deployment"

    def ready(self):
        from . import cdn

        cdn.connect()
