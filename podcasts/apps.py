from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    """Podcast shows and episodes, video items, and the audio/video media they play."""

    name = "podcasts"
    verbose_name = _("Podcasts and video")
    default_auto_field = "django.db.models.BigAutoField"
