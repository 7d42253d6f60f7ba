"""Compact JSON for whatever ninja itself renders (errors, schema-validated results)."""

import orjson
from ninja.renderers import BaseRenderer


class ORJSONRenderer(BaseRenderer):
    """orjson: no pretty-printing, dates as ISO 8601, pydantic output as plain data."""

    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return orjson.dumps(data, default=str)
