"""Wagtail's API v2 stays mounted at /api/v2/ with the page models' api_fields, and CORS
answers only configured origins."""

import pytest

from tests.support import factories

pytestmark = pytest.mark.django_db


def test_v2_pages_images_and_documents(client, tree):
    expert = factories.expert("Karl Kaltenthaler")
    brief = factories.brief("A brief", authors=[expert])
    response = client.get("/api/v2/pages/?type=policyanalysis.BriefPage&fields=*")
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["id"] == brief.pk
    assert item["summary"] == brief.summary
    assert item["authors"][0]["expert"]["id"] == expert.pk
    assert item["body"][0]["type"] == "paragraph"
    response = client.get(f"/api/v2/pages/{expert.pk}/")
    assert response.json()["short_bio"] == expert.short_bio
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


def test_cors_allows_only_configured_origins(client, tree, settings):
    url = "/api/v1/taxonomy/"
    response = client.get(url, HTTP_ORIGIN="https://front.example.org")
    assert "access-control-allow-origin" not in response
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example.org"]
    response = client.get(url, HTTP_ORIGIN="https://front.example.org")
    assert response["access-control-allow-origin"] == "https://front.example.org"
    response = client.get(url, HTTP_ORIGIN="https://evil.example.com")
    assert "access-control-allow-origin" not in response
    preflight = client.options(
        url, HTTP_ORIGIN="https://front.example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight["access-control-allow-origin"] == "https://front.example.org"


def test_docs_are_served_without_a_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "unpkg" not in html
    assert '"validatorUrl": null' in html
