"""Headless preview hook point for page models.

Page types that a front end renders mix in ``HeadlessPreviewMixin``. When an app
registers a ``headless_preview`` hook (the headless API does, when FRONTEND_PREVIEW_URL
is set) the admin's preview answers with what the hook returns (a redirect to the front
end with a signed token); otherwise Wagtail's own preview renders the page template.
"""

from wagtail import hooks

#: ``fn(page, request, mode_name) -> HttpResponse | None``
HEADLESS_PREVIEW_HOOK = "headless_preview"


class HeadlessPreviewMixin:
    """Lets the ``headless_preview`` hook take over the admin's preview of this page type."""

    def serve_preview(self, request, mode_name):
        for fn in hooks.get_hooks(HEADLESS_PREVIEW_HOOK):
            response = fn(self, request, mode_name)
            if response is not None:
                return response
        return super().serve_preview(request, mode_name)
