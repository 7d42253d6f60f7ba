from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    """Podcast shows and episodes, video items, and the audio/video media they play."""

    name = "podcasts"
    verbose_name = _("Podcasts and video")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.signals import watch

        from .models import MediaItem

        # A media item's file, duration or captions show on the pages and feeds that play
        # it: a change must reach the page and API caches (core.signals).
        watch(MediaItem)
