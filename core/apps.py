from django.apps import AppConfig
from PIL import Image as PILImage

from core.uploads import max_image_pixels


class CoreConfig(AppConfig):
    """Shared lowest layer: taxonomy, body blocks, localization and caching helpers."""

    name = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Pillow refuses to open more than twice this many pixels anywhere in the process
        # (renditions of an image that got in before the upload checks included).
        PILImage.MAX_IMAGE_PIXELS = max_image_pixels()

        from . import page_cache, signals, tasks

        signals.connect()
        page_cache.connect()
        tasks.connect()
