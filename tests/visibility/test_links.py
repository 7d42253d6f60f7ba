"""A rich-text link to a page readers may not see keeps its text and loses its address,
the same way in the HTML page, /api/v1/ and /api/v2/; a link to a visible page keeps its
address. No response carries Wagtail's stored ``linktype`` markup."""

import re

import pytest

from tests.visibility.world import build_world

pytestmark = pytest.mark.django_db


def _anchors(html):
    """{link text: opening tag} of every anchor in ``html``."""
    return {text: tag for tag, text in re.findall(r"(<a\b[^>]*>)([^<]*)</a>", html)}


def test_links_to_hidden_pages_lose_their_address_everywhere(client, tree):
    world = build_world()
    expected_hidden = {f"link to {state}": "<a>" for state in world.linked}
    assert {*world.hidden} - {*world.linked} == {
        "arabic_draft",
        "draft_chapter",
        "chapter_of_arabic_draft",
    }
    v1 = client.get(f"/api/v1/analysis/{world.public.pk}/").json()
    v2 = client.get(f"/api/v2/pages/{world.public.pk}/").json()
    v2_home = client.get(f"/api/v2/pages/{world.home.pk}/").json()
    bodies = {
        "brief HTML": client.get(world.public.url).content.decode(),
        "home HTML (intro)": client.get("/").content.decode(),
        "expert HTML (bio)": client.get(world.expert.url).content.decode(),
        "v1 paragraph": v1["body"][0]["value"]["html"],
        "v1 key points": v1["body"][1]["value"]["html"],
        "v2 paragraph": v2["body"][0]["value"],
        "v2 home intro": v2_home["intro"],
    }
    for name, html in bodies.items():
        anchors = _anchors(html)
        assert {text: anchors.get(text) for text in expected_hidden} == expected_hidden, name
        assert "linktype" not in html, name
    for name in ("brief HTML", "v2 paragraph"):
        assert _anchors(bodies[name])["visible link"] == '<a href="/experts/visible-expert/">'
    assert _anchors(bodies["v1 paragraph"])["visible link"] == (
        '<a href="http://localhost/experts/visible-expert/">'
    )
