"""Error documents: invalid parameters, unknown objects, bad preview tokens."""

from typing import Literal

from ninja import Schema
from pydantic import Field


class ParameterProblem(Schema):
    """One invalid request parameter."""

    parameter: str = Field(description="The query or path parameter at fault, e.g. 'limit'.")
    message: str


class ParameterError(Schema):
    """400/422: one or more parameters are missing, malformed or unknown."""

    error: Literal["invalid_parameters"]
    message: str
    detail: list[ParameterProblem]


class NotFoundError(Schema):
    """404: no live, public page (or route) answers to the id or path."""

    error: Literal["not_found"]
    message: str


class PreviewTokenError(Schema):
    """401: the preview token is missing, malformed, expired, tampered with or revoked."""

    error: Literal["invalid_token"]
    message: str
