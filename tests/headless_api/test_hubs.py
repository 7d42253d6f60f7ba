"""Topic hubs and programs in /api/v1/: by-path returns them typed ("topic", "program")."""

import pytest
from pydantic import TypeAdapter

from headless_api.schemas import PageResult
from tests.support import factories
from tests.support.hubs import hub, program

pytestmark = pytest.mark.django_db


def by_path(client, path):
    response = client.get("/api/v1/pages/by-path/", {"path": path})
    return response.status_code, response.json()


def test_topic_hub_by_path(client, tree):
    iraq = factories.region("Iraq")
    scholar = factories.expert("Bilal Wahab")
    scholar.expertise_regions = [iraq]
    scholar.save_revision().publish()
    picked = factories.brief("Picked", regions=[iraq])
    factories.brief("Newest", regions=[iraq])
    draft = factories.brief("Draft pick", regions=[iraq], publish=False)
    hub(iraq, featured=[draft, picked])

    status, data = by_path(client, "/policy-analysis/iraq/")
    assert status == 200
    TypeAdapter(PageResult).validate_python(data)
    page = data["page"]
    assert data["type"] == "topic"
    assert page["term"] == {"slug": "iraq", "label": "Iraq"}
    assert page["term_kind"] == "region"
    assert page["intro"] == "<p>What we study about this topic.</p>"
    assert [card["title"] for card in page["featured"]["items"]] == ["Picked"]
    assert [person["name"] for person in page["experts"]] == ["Bilal Wahab"]
    assert [
        (group["type"]["slug"], group["count"], [c["title"] for c in group["items"]])
        for group in page["latest"]
    ] == [("brief-analysis", 2, ["Newest", "Picked"])]


def test_draft_hub_is_not_returned(client, tree):
    hub(factories.region("Iraq"), publish=False)
    assert by_path(client, "/policy-analysis/iraq/")[0] == 404


def test_program_by_path(client, tree):
    notes = factories.series("Policy Notes")
    director = factories.expert("Farzin Nadimi")
    hidden = factories.expert("Hidden Fellow", publish=False)
    factories.brief("In the series", series=[notes])
    factories.brief("Elsewhere")
    program(director=director, fellows=[hidden], series=[notes])

    status, data = by_path(client, "/programs/iranian-security/")
    assert status == 200
    TypeAdapter(PageResult).validate_python(data)
    page = data["page"]
    assert data["type"] == "program"
    assert page["director"]["name"] == "Farzin Nadimi"
    assert page["fellows"] == []
    assert [card["title"] for card in page["items"]] == ["In the series"]
    assert page["items_total"] == 1
    assert page["description"].startswith("<p>The program studies")
