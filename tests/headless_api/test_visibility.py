"""Drafts, private pages, scheduled pages and unpublished translations never appear on any
endpoint; only a valid preview token shows a draft. Also the preview token lifecycle."""

import datetime
import json

import pytest
from django.core import signing
from django.utils import timezone
from wagtail.models import Page

from headless_api import preview, schemas
from tests.support import factories
from tests.support.admin_forms import brief_form
from tests.support.api_content import get_json
from tests.support.translation import submit, translate_strings

pytestmark = pytest.mark.django_db

HIDDEN_TITLES = ["Draft brief", "Private brief", "Scheduled brief", "Hidden expert"]


@pytest.fixture
def matrix(tree):
    region = factories.region("Iraq")
    issue = factories.issue()
    expert = factories.expert("Visible Expert", slug="visible-expert")
    hidden_expert = factories.expert("Hidden expert", slug="hidden-expert", publish=False)
    public = factories.brief(
        "Public brief", slug="public-brief", authors=[expert], regions=[region], issues=[issue]
    )
    draft = factories.brief(
        "Draft brief", slug="draft-brief", publish=False, authors=[expert], regions=[region]
    )
    private = factories.make_private(
        factories.brief("Private brief", slug="private-brief", authors=[expert], regions=[region])
    )
    scheduled = factories.brief(
        "Scheduled brief", slug="scheduled-brief", publish=False, authors=[expert], regions=[region]
    )
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
    scheduled.save_revision().publish()  # becomes scheduled, not live
    assert not Page.objects.get(pk=scheduled.pk).live
    # Recommended picks the hidden briefs: none of them may leak through it.
    public.recommended = [
        ("recommended", {"heading": "More", "items": [draft, private, scheduled]})
    ]
    public.save_revision().publish()
    # An Arabic translation submitted and translated but never published.
    translation = submit(public)
    translate_strings(translation)
    arabic_draft = translation.get_target_instance()
    assert not arabic_draft.live
    return {
        "public": public,
        "draft": draft,
        "private": private,
        "scheduled": scheduled,
        "expert": expert,
        "hidden_expert": hidden_expert,
        "arabic_draft": arabic_draft,
    }


def _body(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_hidden_pages_appear_on_no_endpoint(client, matrix):
    public, expert = matrix["public"], matrix["expert"]
    urls = [
        "/api/v1/analysis/",
        "/api/v1/analysis/?locale=ar",
        "/api/v1/analysis/?region=iraq&limit=100",
        "/api/v1/analysis/?q=brief",
        f"/api/v1/analysis/{public.pk}/",
        "/api/v1/experts/",
        f"/api/v1/experts/{expert.pk}/",
        "/api/v1/taxonomy/",
        f"/api/v1/pages/by-path/?path={public.url}",
        "/api/v1/pages/by-path/?path=/",
        "/api/v2/pages/?fields=*",
    ]
    for url in urls:
        status, body = _body(client, url)
        assert status == 200, url
        for title in HIDDEN_TITLES:
            assert title not in body, (url, title)
        assert "/ar/policy-analysis/public-brief" not in body, url  # the unpublished translation
    _, listing = get_json(client, "/api/v1/analysis/?locale=ar")
    assert listing["count"] == 0
    _, detail = get_json(client, f"/api/v1/analysis/{public.pk}/")
    assert detail["translations"] == []
    assert [card["title"] for card in detail["recommended"]["items"]] == []
    _, taxonomy = get_json(client, "/api/v1/taxonomy/")
    assert taxonomy["regions"][0]["counts"] == {"en": 1}
    _, profile = get_json(client, f"/api/v1/experts/{expert.pk}/")
    assert profile["publications"]["count"] == 1


@pytest.mark.parametrize("key", ["draft", "private", "scheduled", "arabic_draft", "hidden_expert"])
def test_hidden_pages_are_not_found_by_id_or_path(client, matrix, key):
    page = matrix[key]
    endpoint = "experts" if key == "hidden_expert" else "analysis"
    response, data = get_json(client, f"/api/v1/{endpoint}/{page.pk}/")
    assert response.status_code == 404, data
    path = (
        "/ar/policy-analysis/public-brief/"
        if key == "arabic_draft"
        else page.url_path.replace("/home", "", 1)
    )
    response, data = get_json(client, f"/api/v1/pages/by-path/?path={path}")
    assert response.status_code == 404, (path, data)


def test_preview_token_shows_the_draft_in_the_detail_shape(client, matrix):
    draft = matrix["draft"]
    draft.title = "Draft brief, edited but unsaved"
    token = preview.issue_token(draft)
    response, data = get_json(client, f"/api/v1/preview/?token={token}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert data["type"] == "analysis"
    schemas.AnalysisDetail.model_validate(data["page"])
    assert data["page"]["title"] == "Draft brief, edited but unsaved"
    assert [a["name"] for a in data["page"]["authors"]] == ["Visible Expert"]
    # The same keys as a live brief's detail.
    _, live = get_json(client, f"/api/v1/analysis/{matrix['public'].pk}/")
    assert set(data["page"]) == set(live)


def test_preview_token_lifecycle(client, matrix, monkeypatch, settings):
    token = preview.issue_token(matrix["draft"])
    url = f"/api/v1/preview/?token={token}"
    assert client.get(url).status_code == 200
    # Tampered: any change breaks the signature.
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "garbage", token.split(":")[0]):
        response, data = get_json(client, f"/api/v1/preview/?token={bad}")
        assert response.status_code == 401
        schemas.PreviewTokenError.model_validate(data)
    # Expired: older than API_PREVIEW_TOKEN_MAX_AGE.
    real_time = signing.time.time
    monkeypatch.setattr(
        signing.time, "time", lambda: real_time() + settings.API_PREVIEW_TOKEN_MAX_AGE + 5
    )
    response, data = get_json(client, url)
    assert response.status_code == 401 and "expired" in data["message"]
    monkeypatch.undo()
    assert client.get(url).status_code == 200
    # Revoked: refused although signature and age are fine.
    assert preview.revoke_token(token) == 1
    response, data = get_json(client, url)
    assert response.status_code == 401 and "revoked" in data["message"]
    assert preview.revoke_token("forged:token") == 0


def test_admin_preview_redirects_to_the_front_end(admin_client, matrix, settings):
    settings.FRONTEND_PREVIEW_URL = "https://front.example.org/api/preview"
    brief = matrix["draft"]
    edit_url = f"/admin/pages/{brief.pk}/edit/preview/"
    post = brief_form("Previewed title", brief.slug, brief.publication_type_id)
    response = admin_client.post(edit_url, post)
    assert json.loads(response.content)["is_valid"] is True, response.content
    response = admin_client.get(edit_url)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://front.example.org/api/preview?token=")
    token = location.split("token=")[1].split("&")[0]
    from urllib.parse import unquote

    _, data = get_json(client_for_api(), f"/api/v1/preview/?token={unquote(token)}")
    assert data["page"]["title"] == "Previewed title"


def client_for_api():
    from django.test import Client

    return Client()
