"""The API's payloads: the seed brief in English and Arabic, the listing, experts,
taxonomy and pages by path, checked against snapshots and the documented schemas."""

import datetime

import pytest

from experts.models import ExpertLink
from headless_api import schemas
from tests.support import factories
from tests.support.api_content import assert_snapshot, get_json, seed_content, translate
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    return seed_content()


def test_seed_brief_detail_matches_snapshot(client, content):
    response, data = get_json(client, f"/api/v1/analysis/{content['seed'].pk}/")
    assert response.status_code == 200
    schemas.AnalysisDetail.model_validate(data)
    assert_snapshot("analysis_detail_en", data)


def test_arabic_seed_brief_detail_matches_snapshot(client, content):
    arabic = translate(content["seed"])
    response, data = get_json(client, f"/api/v1/analysis/{arabic.pk}/")
    assert response.status_code == 200
    schemas.AnalysisDetail.model_validate(data)
    assert_snapshot("analysis_detail_ar", data)


def test_listing_matches_snapshot(client, content):
    response, data = get_json(client, "/api/v1/analysis/?limit=3")
    assert response.status_code == 200
    schemas.AnalysisList.model_validate(data)
    assert_snapshot("analysis_list_en", data)


def test_arabic_brief_shows_arabic_expert_profiles_and_localized_links(client, content):
    karl_ar = translate(content["experts"][0])
    rockets_ar = translate(content["recommended"][0])
    arabic = translate(content["seed"])
    _, data = get_json(client, f"/api/v1/analysis/{arabic.pk}/")
    karl = data["authors"][0]
    assert karl == {
        "id": karl_ar.pk,
        "name": karl_ar.title,
        "url": f"http://localhost{karl_ar.url}",
        "locale": "ar",
    }
    assert data["about_authors"][0]["name"] == karl_ar.title
    # The Arabic paragraph's link to the rockets brief points at its Arabic edition.
    html = data["body"][1]["value"]["html"]
    assert f'href="http://localhost{rockets_ar.url}"' in html
    assert "linktype" not in str(data)
    # The Arabic edition of a recommended pick replaces the English one.
    assert data["recommended"]["items"][0]["id"] == rockets_ar.pk
    assert data["recommended"]["items"][0]["locale"] == "ar"


def test_urls_equal_wagtail_urls_on_the_front_end_base(client, content, settings):
    settings.FRONTEND_BASE_URL = "https://www.example.org"
    arabic = translate(content["seed"])
    _, data = get_json(client, f"/api/v1/analysis/{arabic.pk}/")
    assert data["path"] == arabic.url
    assert data["url"] == "https://www.example.org" + arabic.url
    assert data["translations"] == [
        {
            "locale": "en",
            "url": "https://www.example.org" + content["seed"].url,
            "title": content["seed"].title,
        }
    ]
    # Media stay on the CMS.
    assert data["hero"]["image"]["renditions"][0]["url"].startswith("http://localhost/media/")


def test_links_to_drafts_and_private_pages_lose_their_href(client, content):
    draft = factories.brief("Secret draft", slug="secret-draft", publish=False)
    private = factories.make_private(factories.brief("Members only", slug="members-only"))
    seed = content["seed"]
    seed.body = [
        (
            "paragraph",
            f'<p><a linktype="page" id="{draft.pk}">draft</a> '
            f'<a linktype="page" id="{private.pk}">private</a> '
            '<a linktype="page" id="999999">gone</a></p>',
        )
    ]
    seed.save_revision().publish()
    _, data = get_json(client, f"/api/v1/analysis/{seed.pk}/")
    html = data["body"][0]["value"]["html"]
    assert html == "<p><a>draft</a> <a>private</a> <a>gone</a></p>"


def test_translations_list_live_editions_only(client, content):
    arabic = translate(content["seed"])
    _, data = get_json(client, f"/api/v1/analysis/{content['seed'].pk}/")
    assert [t["locale"] for t in data["translations"]] == ["ar"]
    arabic.unpublish()
    _, data = get_json(client, f"/api/v1/analysis/{content['seed'].pk}/")
    assert data["translations"] == []


def _titles(client, query):
    response, data = get_json(client, f"/api/v1/analysis/?{query}")
    assert response.status_code == 200, data
    return [item["title"] for item in data["items"]]


def test_listing_filters_and_ordering(client, content):
    seed = content["seed"].title
    assert _titles(client, "type=podcast") == ["Podcast: Breaking Hezbollah's Golden Rule"]
    assert _titles(client, "region=iran") == ["Iran Takes Next Steps on Rocket Technology"]
    assert set(_titles(client, "region=iran&region=iraq")) == {
        seed,
        "Iran Takes Next Steps on Rocket Technology",
        "Saudi Arabia Adjusts Its History",
    }
    assert _titles(client, "issue=terrorism&region=iraq&expert=karl-kaltenthaler") == [seed]
    assert _titles(client, "tag=iraq-dialogue") == [seed]
    assert _titles(client, "date_from=2020-02-01&date_to=2020-02-10") == [
        "Saudi Arabia Adjusts Its History"
    ]
    assert _titles(client, "ordering=date")[0] == "Podcast: Breaking Hezbollah's Golden Rule"
    assert _titles(client, "ordering=title")[0] == seed
    assert _titles(client, "q=rocket technology") == ["Iran Takes Next Steps on Rocket Technology"]
    assert _titles(client, "locale=ar") == []


def test_listing_pagination_envelope(client, content):
    _, first = get_json(client, "/api/v1/analysis/?limit=3")
    assert first["count"] == 4 and len(first["items"]) == 3 and first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/analysis/?limit=3&offset=3"
    _, second = get_json(client, first["next"])
    assert len(second["items"]) == 1 and second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/analysis/?limit=3&offset=0"


def test_experts_listing_and_profile_with_paginated_publications(client, content):
    _, data = get_json(client, "/api/v1/experts/")
    schemas.ExpertList.model_validate(data)
    assert [e["name"] for e in data["items"]] == [
        "Farzin Nadimi",
        "Karl Kaltenthaler",
        "Munqith Dagher",
    ]
    karl = content["experts"][0]
    # Older than the seed (2020-05-14), so it is second, newest first.
    factories.brief(
        "Second by Karl", slug="second-by-karl", authors=[karl], date=datetime.date(2019, 1, 1)
    )
    _, data = get_json(client, f"/api/v1/experts/{karl.pk}/?page_size=1")
    schemas.ExpertDetail.model_validate(data)
    assert data["photo"]["focal_point"] == {"x": 300, "y": 200, "width": 120, "height": 120}
    assert data["photo"]["alt"] == "Portrait of Karl Kaltenthaler"
    publications = data["publications"]
    assert publications["count"] == 2 and len(publications["items"]) == 1
    assert publications["items"][0]["title"] == content["seed"].title
    _, page_two = get_json(client, publications["next"])
    assert page_two["publications"]["items"][0]["title"] == "Second by Karl"
    _, beyond = get_json(client, f"/api/v1/experts/{karl.pk}/?page=9")
    assert beyond["publications"]["items"] == [] and beyond["publications"]["count"] == 2


def test_taxonomy_labels_and_counts_per_locale(client, content):
    translate(content["seed"])
    _, data = get_json(client, "/api/v1/taxonomy/?locale=ar")
    schemas.Taxonomy.model_validate(data)
    iraq = next(term for term in data["regions"] if term["slug"] == "iraq")
    assert iraq["count"] == 1 and iraq["counts"] == {"en": 2, "ar": 1}
    podcast = next(term for term in data["types"] if term["slug"] == "podcast")
    assert podcast["count"] == 0 and podcast["counts"] == {"en": 1}


def test_page_by_path_in_every_locale(client, content):
    arabic = translate(content["seed"])
    _, data = get_json(client, f"/api/v1/pages/by-path/?path={arabic.url}")
    assert data["type"] == "analysis" and data["page"]["id"] == arabic.pk
    _, detail = get_json(client, f"/api/v1/analysis/{arabic.pk}/")
    assert data["page"] == detail
    karl = content["experts"][0]
    _, data = get_json(client, f"/api/v1/pages/by-path/?path={karl.url}")
    assert data["type"] == "expert" and data["page"]["name"] == "Karl Kaltenthaler"
    _, data = get_json(client, "/api/v1/pages/by-path/?path=/")
    assert data["type"] == "page" and data["page"]["page_type"] == "home.HomePage"
    assert len(data["page"]["featured"]["items"]) == 3
    _, data = get_json(client, "/api/v1/pages/by-path/?path=/policy-analysis/")
    assert data["page"]["page_type"] == "policyanalysis.AnalysisIndexPage"


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/api/v1/analysis/?limit=101", 422, "limit"),
        ("/api/v1/analysis/?limit=0", 422, "limit"),
        ("/api/v1/analysis/?offset=-1", 422, "offset"),
        ("/api/v1/analysis/?locale=fr", 422, "locale"),
        ("/api/v1/analysis/?type=nope", 422, "type"),
        ("/api/v1/analysis/?region=iraq&region=atlantis", 422, "region"),
        ("/api/v1/analysis/?issue=nope", 422, "issue"),
        ("/api/v1/analysis/?expert=nobody", 422, "expert"),
        ("/api/v1/analysis/?tag=nope", 422, "tag"),
        ("/api/v1/analysis/?tag=bad%20slug", 422, "tag"),
        ("/api/v1/analysis/?date_from=2020-13-01", 422, "date_from"),
        ("/api/v1/analysis/?date_from=2021-01-01&date_to=2020-01-01", 422, "date_from"),
        ("/api/v1/analysis/?ordering=random", 422, "ordering"),
        ("/api/v1/analysis/?q=%00", 422, "q"),
        ("/api/v1/analysis/abc/", 422, "id"),
        ("/api/v1/analysis/99999999999999/", 422, "id"),
        ("/api/v1/pages/by-path/?path=no-slash", 422, "path"),
        ("/api/v1/pages/by-path/", 422, "path"),
        ("/api/v1/experts/?region=nope", 422, "region"),
        ("/api/v1/experts/1/?page=0", 422, "page"),
        ("/api/v1/taxonomy/?locale=xx", 422, "locale"),
        ("/api/v1/preview/", 422, "token"),
    ],
)
def test_bad_parameters_get_a_json_error_naming_them(client, tree, url, status, parameter):
    response, data = get_json(client, url)
    assert response.status_code == status
    schemas.ParameterError.model_validate(data)
    assert parameter in [problem["parameter"] for problem in data["detail"]]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/analysis/999999/",
        "/api/v1/experts/999999/",
        "/api/v1/pages/by-path/?path=/policy-analysis/nothing-here/",
        "/api/v1/pages/by-path/?path=/ar/",
        "/api/v1/pages/by-path/?path=/../etc/passwd",
        "/api/v1/no-such-endpoint/",
        "/api/v9/",
    ],
)
def test_unknown_ids_and_paths_get_a_json_404(client, tree, url):
    response, data = get_json(client, url)
    assert response.status_code == 404
    schemas.NotFoundError.model_validate(data)


def test_a_brief_id_on_the_expert_endpoint_is_not_found(client, content):
    response, _ = get_json(client, f"/api/v1/experts/{content['seed'].pk}/")
    assert response.status_code == 404
    response, _ = get_json(client, f"/api/v1/analysis/{content['experts'][0].pk}/")
    assert response.status_code == 404


def test_an_expert_link_without_a_label_is_named_by_its_kind_in_the_requested_language(
    client, tree
):
    for page in tree:
        translate_and_publish(page)
    english = factories.expert(
        "Lina Haddad",
        links=[
            ExpertLink(kind="email", url="mailto:lina@example.org"),
            ExpertLink(kind="other", label="Field notes", url="https://example.org/notes"),
        ],
    )
    arabic = translate_and_publish(english)
    labels = {}
    for page in (english, arabic):
        _, data = get_json(client, f"/api/v1/experts/{page.pk}/")
        labels[data["locale"]] = [link["label"] for link in data["links"]]
    assert labels == {"en": ["E-mail", "Field notes"], "ar": ["البريد الإلكتروني", "Field notes"]}
