"""Content-Security-Policy per area of the site.

django-csp sends CONTENT_SECURITY_POLICY on every response. Wagtail's admin needs a looser
policy (its templates and widgets run inline scripts and set inline styles), so responses
under one of ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIXES"] get that policy instead. Views
that set their own policy with django-csp's decorators keep it.

Wagtail renders an admin preview by running a dummy request for the page's public URL
through the middleware (``request.is_dummy``). That inner response gets no header of its
own: the admin request around it sets the admin's policy, which lets the admin frame it.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


class AreaCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the admin's URL prefixes."""

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin = settings.ADMIN_CONTENT_SECURITY_POLICY
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(tuple(admin["URL_PREFIXES"]))
        ):
            parts.config = default_config(admin["DIRECTIVES"])
        return parts
