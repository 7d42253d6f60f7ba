"""URLs of the headless API: /api/v1/ (this product's API) and /api/v2/ (Wagtail's).

Included before i18n_patterns so API paths never get a language prefix; anything else
under /api/ answers with a JSON 404 rather than falling through to the page tree.
"""

from django.urls import path, re_path

from . import errors
from .router import api
from .v2 import api_router


def api_not_found(request, rest=""):
    return errors.not_found("No API endpoint at this path; see /api/v1/docs.")


urlpatterns = [
    path("api/v1/", api.urls),
    path("api/v2/", api_router.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
]
