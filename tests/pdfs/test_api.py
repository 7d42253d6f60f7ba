"""The API reports a brief's PDF edition (through the hook ``pdfs`` registers: the API does
not import this app) and its DOI."""

import pytest
from wagtail.models import Site

from tests.support import factories

pytestmark = pytest.mark.django_db


def test_the_api_detail_gives_the_pdf_edition_url_and_the_doi(client, tree):
    brief = factories.brief("Water and power", doi="10.1234/wp.2020.1")
    detail = client.get(f"/api/v1/analysis/{brief.pk}/").json()
    # Served by the CMS: on the site's own root, not FRONTEND_BASE_URL.
    root = Site.objects.get(is_default_site=True).root_url
    assert detail["pdf_edition_url"] == f"{root}/pdf/{brief.pk}/"
    assert detail["doi"] == "10.1234/wp.2020.1"
    assert client.get(f"/pdf/{brief.pk}/")["Content-Type"] == "application/pdf"


def test_a_brief_without_a_doi_gives_an_empty_one(client, tree):
    brief = factories.brief("Water and power")
    assert client.get(f"/api/v1/analysis/{brief.pk}/").json()["doi"] == ""
