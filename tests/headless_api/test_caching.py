"""HTTP caching: strong ETags, Last-Modified, 304s, Cache-Control from settings, and no
stale response after a publish, unpublish, move, delete or privacy change."""

import pytest
import time_machine
from wagtail.models import PageViewRestriction

from headless_api.models import ContentVersion
from tests.support import factories
from tests.support.api_content import get_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def brief(tree):
    return factories.brief("Original title", slug="original")


def test_responses_carry_validators_and_configured_cache_control(client, brief, settings):
    settings.API_CACHE_MAX_AGE = 5
    settings.API_CACHE_S_MAXAGE = 120
    settings.API_CACHE_STALE_WHILE_REVALIDATE = 40
    response = client.get(f"/api/v1/analysis/{brief.pk}/")
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert response["Cache-Control"] == "public, max-age=5, s-maxage=120, stale-while-revalidate=40"
    assert response["Last-Modified"].endswith("GMT")
    assert b"\n" not in response.content  # compact JSON


def test_conditional_get_answers_304(client, brief):
    url = f"/api/v1/analysis/{brief.pk}/"
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    other = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def _publish(page, **changes):
    page = page.specific
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_publish_invalidates_cached_responses(client, brief):
    detail, listing = f"/api/v1/analysis/{brief.pk}/", "/api/v1/analysis/"
    first = client.get(detail)
    client.get(listing)
    _publish(brief, title="New title")
    response, data = get_json(client, detail, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200 and data["title"] == "New title"
    assert response["ETag"] != first["ETag"]
    assert response["Last-Modified"] != first["Last-Modified"]
    assert client.get(detail, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200
    _, data = get_json(client, listing)
    assert data["items"][0]["title"] == "New title"


def test_unpublish_delete_move_and_privacy_invalidate(client, brief, tree):
    other = factories.brief("Other")
    detail = f"/api/v1/analysis/{brief.pk}/"
    assert client.get(detail).status_code == 200
    brief.unpublish()
    assert client.get(detail).status_code == 404
    _publish(brief)
    assert client.get(detail).status_code == 200
    PageViewRestriction.objects.create(
        page=brief, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert client.get(detail).status_code == 404
    PageViewRestriction.objects.filter(page=brief).delete()
    _, data = get_json(client, detail)
    old_path = data["path"]
    home, _, _ = tree
    from policyanalysis.models import AnalysisIndexPage

    second_index = home.add_child(instance=AnalysisIndexPage(title="Archive", slug="archive"))
    second_index.save_revision().publish()
    brief.move(second_index, pos="last-child")
    _, data = get_json(client, detail)
    assert data["path"] != old_path and data["path"].startswith("/archive/")
    other_url = f"/api/v1/analysis/{other.pk}/"
    assert client.get(other_url).status_code == 200
    other.delete()
    assert client.get(other_url).status_code == 404


def test_taxonomy_label_change_invalidates(client, brief):
    region = factories.region("Iraq")
    _publish(brief, regions=[region])
    _, data = get_json(client, "/api/v1/taxonomy/")
    assert data["regions"][0]["label"] == "Iraq"
    region.name = "Republic of Iraq"
    region.save()
    _, data = get_json(client, "/api/v1/taxonomy/")
    assert data["regions"][0]["label"] == "Republic of Iraq"


def test_another_process_change_is_seen_once_the_local_mirror_lapses(client, brief, settings):
    """With a process-local cache (no Redis), another server process's publish does not reach
    this process's mirror of the content version; the mirror lapses after
    API_VERSION_MIRROR_SECONDS and the next request reads the new version."""
    settings.API_VERSION_MIRROR_SECONDS = 1
    url = f"/api/v1/analysis/{brief.pk}/"
    with time_machine.travel(0, tick=False) as traveller:
        traveller.move_to("2026-06-01T12:00:00Z")
        first = client.get(url)
        ContentVersion.bump()  # what another process's publish writes; this cache is not told
        assert client.get(url)["Last-Modified"] == first["Last-Modified"]
        traveller.shift(2)
        assert client.get(url)["Last-Modified"] != first["Last-Modified"]
