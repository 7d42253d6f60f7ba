"""Content-Security-Policy per area of the site.

django-csp sends CONTENT_SECURITY_POLICY on every response. Wagtail's admin needs a looser
policy (its templates and widgets run inline scripts and set inline styles), so responses
under one of ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIXES"] get that policy instead. Views
that set their own policy with django-csp's decorators keep it.

Wagtail renders an admin preview by running a dummy request for the page's public URL
through the middleware (``request.is_dummy``). That inner response gets no header of its
own: the admin request around it sets the admin's policy, which lets the admin frame it.

A response whose view set no policy of its own, to a request that used no nonce, gets its
area's policy as built once per process (until the settings change): django-csp builds it
again for every response from a deep copy of the settings, which cost a cached API answer
an eighth of its time.
"""

from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

#: What a view's decorators set on its response (django-csp's get_policy_parts).
_PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
#: {(admin area, report only): the header's value} for responses with no policy of their own.
_BUILT = {}


@receiver(setting_changed)
def _forget_built_policies(setting, **kwargs):
    if "CONTENT_SECURITY_POLICY" in setting:
        _BUILT.clear()


class AreaCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the admin's URL prefixes."""

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            return response
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _PER_RESPONSE
        ):
            return super().process_response(request, response)
        # django-csp's process_response, with the policy built once per area.
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        in_admin = self._in_admin(request)
        for report_only, header, exempt, setting in (
            (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            key = (in_admin, report_only)
            if key not in _BUILT:
                parts = self.get_policy_parts(request, response, report_only=report_only)
                _BUILT[key] = build_policy(**asdict(parts), report_only=report_only)
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if (
                _BUILT[key]
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(tuple(prefixes))
            ):
                response[header] = _BUILT[key]
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _in_admin(request):
        admin = settings.ADMIN_CONTENT_SECURITY_POLICY
        return request.path_info.startswith(tuple(admin["URL_PREFIXES"]))

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and self._in_admin(request):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts
