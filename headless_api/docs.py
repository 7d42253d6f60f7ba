"""Interactive API docs whose assets come from this site.

django-ninja ships Swagger UI's files; with "ninja" in INSTALLED_APPS its template loads
them through ``{% static %}`` instead of a CDN. The online validator badge (which would
send the document to validator.swagger.io) is switched off.
"""

from ninja.openapi.docs import Swagger


class LocalSwagger(Swagger):
    """Swagger UI served from static files, without external calls."""

    def __init__(self):
        super().__init__(settings={"validatorUrl": None, "tryItOutEnabled": True})
