"""Preview tokens die with the page state they were issued for.

A token names one page at one revision. Publishing, unpublishing, moving or deleting the page,
a privacy change on it or on an ancestor, or a newer revision makes GET /api/v1/preview/ refuse
the token with a 401 that says why; every test goes through the real endpoint.
"""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from headless_api import preview
from policyanalysis.models import AnalysisIndexPage
from tests.support import factories
from tests.support.admin_forms import brief_form
from tests.support.api_content import get_json

pytestmark = pytest.mark.django_db

AGAIN = "open the preview again."


def refused(message):
    """The exact body of a refused token."""
    return {"error": "invalid_token", "message": message}


def fetch(token):
    """GET the preview endpoint as the front end does (no session): (status, JSON body)."""
    response, data = get_json(Client(), f"/api/v1/preview/?token={token}")
    return response.status_code, data


@pytest.fixture
def live_brief(tree):
    return factories.brief("Live brief", slug="live-brief")


@pytest.fixture
def draft_brief(tree):
    return factories.brief("Draft brief", slug="draft-brief", publish=False)


def edited(page, title):
    """The page as the admin's preview sees it: the latest revision with unsaved edits."""
    page = page.specific.get_latest_revision_as_object()
    page.title = title
    return page


def test_a_token_shows_the_draft_it_was_issued_for(live_brief):
    status, data = fetch(preview.issue_token(edited(live_brief, "Unsaved title")))
    assert status == 200
    assert data["page"]["title"] == "Unsaved title"


def test_publishing_the_page_revokes_its_tokens(draft_brief):
    token = preview.issue_token(edited(draft_brief, "Unsaved title"))
    draft_brief.get_latest_revision().publish()
    assert fetch(token) == (
        401,
        refused(f"The page was published after this preview was opened; {AGAIN}"),
    )


def test_unpublishing_the_page_revokes_its_tokens(live_brief):
    token = preview.issue_token(edited(live_brief, "Unsaved title"))
    live_brief.unpublish()
    assert fetch(token) == (
        401,
        refused(f"The page was unpublished after this preview was opened; {AGAIN}"),
    )


def test_moving_the_page_revokes_its_tokens(tree, live_brief):
    home, _experts, _analysis = tree
    archive = home.add_child(instance=AnalysisIndexPage(title="Archive", slug="archive"))
    token = preview.issue_token(edited(live_brief, "Unsaved title"))
    live_brief.move(archive, pos="last-child")
    assert fetch(token) == (
        401,
        refused(f"The page was moved after this preview was opened; {AGAIN}"),
    )


def test_moving_an_ancestor_revokes_the_tokens_below_it(tree, live_brief):
    home, _experts, analysis = tree
    holder = home.add_child(instance=AnalysisIndexPage(title="Holder", slug="holder"))
    token = preview.issue_token(edited(live_brief, "Unsaved title"))
    analysis.move(holder, pos="last-child")
    assert fetch(token) == (
        401,
        refused(f"The page was moved after this preview was opened; {AGAIN}"),
    )


def test_reordering_among_siblings_keeps_the_token(live_brief):
    sibling = factories.brief("Sibling", slug="sibling")
    token = preview.issue_token(edited(live_brief, "Unsaved title"))
    live_brief.move(sibling, pos="right")
    status, data = fetch(token)
    assert (status, data["page"]["title"]) == (200, "Unsaved title")


def test_deleting_the_page_revokes_its_tokens(live_brief):
    token = preview.issue_token(edited(live_brief, "Unsaved title"))
    live_brief.delete()
    assert fetch(token) == (
        401,
        refused("The page was deleted after this preview was opened."),
    )


def test_making_the_page_private_revokes_its_tokens(live_brief):
    token = preview.issue_token(edited(live_brief, "Unsaved title"))
    factories.make_private(live_brief)
    assert fetch(token) == (
        401,
        refused(f"The page's privacy changed after this preview was opened; {AGAIN}"),
    )


def test_making_an_ancestor_private_revokes_the_tokens_below_it(tree, live_brief):
    _home, _experts, analysis = tree
    token = preview.issue_token(edited(live_brief, "Unsaved title"))
    PageViewRestriction.objects.create(page=analysis, restriction_type=PageViewRestriction.LOGIN)
    assert fetch(token) == (
        401,
        refused(f"The page's privacy changed after this preview was opened; {AGAIN}"),
    )


def test_lifting_a_restriction_revokes_the_tokens_issued_under_it(live_brief):
    factories.make_private(live_brief)
    token = preview.issue_token(edited(live_brief, "Unsaved title"))
    assert fetch(token)[0] == 200
    PageViewRestriction.objects.get(page=live_brief).delete()
    assert fetch(token) == (
        401,
        refused(f"The page's privacy changed after this preview was opened; {AGAIN}"),
    )


def test_a_restriction_elsewhere_leaves_the_token_alone(tree, live_brief):
    _home, experts, _analysis = tree
    token = preview.issue_token(edited(live_brief, "Unsaved title"))
    factories.make_private(experts)
    factories.brief("Another brief", slug="another-brief")  # another page published
    status, data = fetch(token)
    assert (status, data["page"]["title"]) == (200, "Unsaved title")


def test_a_token_is_bound_to_the_revision_it_was_issued_for(live_brief):
    token = preview.issue_token(edited(live_brief, "Title of revision N"))
    newer = edited(live_brief, "Title of revision N+1")
    newer.save_revision()
    assert fetch(token) == (
        401,
        refused(f"A newer revision of the page was saved after this preview was opened; {AGAIN}"),
    )
    status, data = fetch(preview.issue_token(edited(live_brief, "Title of revision N+1")))
    assert (status, data["page"]["title"]) == (200, "Title of revision N+1")


def _admin_preview_token(admin_client, preview_url, post):
    """Post the editor's form to the admin's preview, follow it to the front end; the token."""
    response = admin_client.post(preview_url, post)
    assert json.loads(response.content)["is_valid"] is True, response.content
    response = admin_client.get(preview_url)
    assert response.status_code == 302
    return parse_qs(urlsplit(response["Location"]).query)["token"][0]


def test_a_new_pages_token_is_revoked_when_its_parent_turns_private(tree, admin_client, settings):
    """A page being created has no row yet: its token follows the parent it is created under."""
    settings.FRONTEND_PREVIEW_URL = "https://front.example.org/api/preview"
    _home, _experts, analysis = tree
    token = _admin_preview_token(
        admin_client,
        f"/admin/pages/add/policyanalysis/briefpage/{analysis.pk}/preview/",
        brief_form("A brief being written", "being-written", factories.publication_type().pk),
    )
    status, data = fetch(token)
    assert (status, data["page"]["title"]) == (200, "A brief being written")
    factories.make_private(analysis)
    assert fetch(token) == (
        401,
        refused(f"The page's privacy changed after this preview was opened; {AGAIN}"),
    )
