"""Wagtail's stock API v2 at /api/v2/ (pages, images, documents) for generic tooling.

The product's API is /api/v1/; v2 stays for tools that speak Wagtail's API. Page types
expose their fields through ``api_fields`` on the models.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
