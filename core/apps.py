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

        from django.core.signals import request_finished, request_started
        from wagtail_localize.models import TranslationSource

        from . import page_cache, signals, tasks, translation_segments, versioned

        # wagtail-localize's refresh writes a segment at a time (translation_segments.py).
        TranslationSource.refresh_segments = translation_segments.refresh_segments
        signals.connect()
        page_cache.connect()
        tasks.connect()
        # Kept values read the content version once per request (core/versioned.py).
        request_started.connect(versioned.request_started, dispatch_uid="core-versioned-start")
        request_finished.connect(versioned.request_finished, dispatch_uid="core-versioned-end")
