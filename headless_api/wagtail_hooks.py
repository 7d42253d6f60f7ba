"""Admin integration of the headless API: preview on the front end."""

from django.conf import settings
from django.shortcuts import redirect
from wagtail import hooks

from core.preview import HEADLESS_PREVIEW_HOOK

from .preview import front_end_preview_url, issue_token


@hooks.register(HEADLESS_PREVIEW_HOOK)
def preview_on_front_end(page, request, mode_name):
    """With FRONTEND_PREVIEW_URL set, the admin's preview opens the front end with a signed
    token for the draft being edited (GET /api/v1/preview/?token=… returns it)."""
    if not getattr(settings, "FRONTEND_PREVIEW_URL", ""):
        return None
    token = issue_token(page, getattr(request, "user", None))
    return redirect(front_end_preview_url(page, token))
