from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    """What readers and machines use to find, follow and cite the work: site search, feeds,
    sitemaps, robots.txt and structured data."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "discovery"
    verbose_name = _("Discovery")
