"""The OpenAPI contract: a valid OpenAPI 3.1 document with a named schema for every
response and error, snapshot-tested; and a property-based run (schemathesis) of every
endpoint against it: no server error, every response as documented."""

import datetime

import orjson
import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support import events, factories
from tests.support.api_content import assert_snapshot, seed_content, translate

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 40


def _document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return orjson.loads(response.content)


def test_openapi_document_is_valid_3_1_and_matches_snapshot(client):
    document = _document(client)
    assert document["openapi"].startswith("3.1")
    validate(document)
    assert_snapshot("openapi", document)


def test_every_response_and_error_has_a_named_schema(client):
    document = _document(client)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                schema = response["content"]["application/json"]["schema"]
                named = "$ref" in schema or all(
                    "$ref" in option for option in schema.get("oneOf", schema.get("anyOf", []))
                )
                assert named, (path, method, status, schema)
            if "{id}" in path or path.endswith("by-path/"):
                assert "404" in operation["responses"], path
            assert "422" in operation["responses"], path


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app directly fires request_started/finished, whose
    close_old_connections would close the test's connection mid-transaction (PostgreSQL);
    Django's own test client disconnects it the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_generated_requests_never_fail_and_match_the_schema(tree, keep_test_connection):
    content = seed_content()
    translate(content["seed"])
    # An upcoming and a past event, so the event endpoints answer with content too.
    iraq = factories.region("Iraq", "iraq")
    karl = content["seed"].authors.first().expert
    events.event("Iraq forum", slug="iraq-forum", regions=[iraq], speakers=[karl])
    events.event("Past forum", start=timezone.now() - datetime.timedelta(days=30))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 10  # with GET /api/v1/series/{slug}/
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case):
            response = case.call()
            case.validate_response(response, checks=checks)

        run()
