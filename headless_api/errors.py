"""JSON errors: every failure names what went wrong, and nothing answers with HTML."""

import logging

import orjson
from django.http import Http404, HttpResponse
from ninja.errors import ValidationError

logger = logging.getLogger(__name__)


class InvalidParameters(Exception):
    """One or more request parameters are unusable: ``problems`` is [(name, message)]."""

    def __init__(self, problems):
        super().__init__("; ".join(f"{name}: {message}" for name, message in problems))
        self.problems = problems


class InvalidToken(Exception):
    """A preview token that cannot be honoured (malformed, expired, tampered, revoked)."""


def json_response(data, status):
    response = HttpResponse(orjson.dumps(data), status=status, content_type="application/json")
    response["Cache-Control"] = "no-cache"
    return response


def parameter_error(problems, status=422):
    return json_response(
        {
            "error": "invalid_parameters",
            "message": "Invalid request parameters: "
            + ", ".join(sorted({name for name, _m in problems}))
            + ".",
            "detail": [{"parameter": name, "message": message} for name, message in problems],
        },
        status,
    )


def not_found(message="Not found."):
    return json_response({"error": "not_found", "message": message}, 404)


def _parameter_name(loc):
    # ninja reports ("query", "limit") or ("query", "tag", 0); keep the parameter's name.
    names = [str(part) for part in loc[1:] if not isinstance(part, int)] or [str(loc[-1])]
    return names[0]


def install(api):
    """Register the JSON error handlers on a NinjaAPI."""

    @api.exception_handler(ValidationError)
    def _validation(request, exc):
        return parameter_error(
            [
                (_parameter_name(error.get("loc", ("?",))), error.get("msg", ""))
                for error in exc.errors
            ]
        )

    @api.exception_handler(InvalidParameters)
    def _invalid(request, exc):
        return parameter_error(exc.problems)

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return not_found(str(exc) or "Not found.")

    @api.exception_handler(InvalidToken)
    def _token(request, exc):
        response = json_response({"error": "invalid_token", "message": str(exc)}, 401)
        response["Cache-Control"] = "private, no-store"
        return response

    @api.exception_handler(Exception)
    def _unexpected(request, exc):
        logger.exception("API error on %s", request.get_full_path())
        return json_response({"error": "server_error", "message": "Unexpected error."}, 500)
