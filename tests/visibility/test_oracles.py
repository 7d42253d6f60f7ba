"""A value naming something readers may not see gets exactly the answer of a value naming
nothing, so no filter or form tells whether a hidden page exists."""

import pytest

from tests.visibility.world import HIDDEN_KEYWORD, build_world

pytestmark = pytest.mark.django_db

UNKNOWN_SLUG = "nobody-by-this-name"


@pytest.fixture
def world(tree):
    return build_world()


def _same_answer(client, url_for, hidden, unknown=UNKNOWN_SLUG):
    """(status, body) of both requests, the hidden value written as the unknown one."""
    first = client.get(url_for(hidden))
    second = client.get(url_for(unknown))
    return (
        (first.status_code, first.content.decode().replace(hidden, unknown)),
        (second.status_code, second.content.decode()),
    )


HIDDEN_EXPERTS = ["draft_expert", "login_expert", "expired_expert"]


def _hidden_experts_answer_as_unknown(client, world, template):
    """The answer to ``template`` with an unknown slug, after checking that each hidden
    expert's slug gets exactly that answer."""
    for state in HIDDEN_EXPERTS:
        hidden, unknown = _same_answer(client, template.format, world.hidden[state].slug)
        assert hidden == unknown, state
    return unknown


def test_the_html_listing_does_not_recognise_a_hidden_expert(client, world):
    status, body = _hidden_experts_answer_as_unknown(client, world, "/policy-analysis/?expert={}")
    assert status == 200
    assert "Some filters were not recognised" in body


def test_the_api_answers_a_hidden_expert_as_an_unknown_one(client, world):
    status, _body = _hidden_experts_answer_as_unknown(client, world, "/api/v1/analysis/?expert={}")
    assert status == 422


def test_the_api_answers_a_keyword_of_hidden_briefs_as_an_unknown_one(client, world):
    hidden, unknown = _same_answer(
        client, lambda value: f"/api/v1/analysis/?tag={value}", HIDDEN_KEYWORD
    )
    assert hidden == unknown
    assert unknown[0] == 422


def test_a_visible_expert_and_keyword_still_filter(client, world):
    response = client.get("/api/v1/analysis/?expert=visible-expert&tag=open-keyword")
    assert response.status_code == 200
    assert sorted(item["title"] for item in response.json()["items"]) == [
        "Public Brief",
        "Second Public Brief",
    ]


def test_v2_answers_a_hidden_page_id_as_an_unknown_one(client, world):
    for parameter in ("child_of", "descendant_of", "ancestor_of", "translation_of"):
        for state, page in world.hidden.items():
            hidden, unknown = _same_answer(
                client,
                lambda value, name=parameter: f"/api/v2/pages/?{name}={value}",
                str(page.pk),
                "999999",
            )
            assert hidden == unknown, (parameter, state)
            assert unknown[0] == 400


def test_the_password_form_answers_a_hidden_page_id_as_an_unknown_one(client, world):
    restriction = world.restrictions["password"].pk
    # The restriction covers the password brief and its chapter: theirs is the form.
    covered = ("password", "chapter_of_password")
    for state, page in world.hidden.items():
        if state in covered:
            continue
        response = client.get(f"/_util/authenticate_with_password/{restriction}/{page.pk}/")
        assert response.status_code == 404, state
    response = client.get(f"/_util/authenticate_with_password/{restriction}/999999/")
    assert response.status_code == 404
    for state in covered:
        own = world.hidden[state].pk
        response = client.get(f"/_util/authenticate_with_password/{restriction}/{own}/")
        assert response.status_code == 200, state
