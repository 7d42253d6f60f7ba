"""A hidden expert (draft, login-restricted or expired profile) is left off everywhere a
brief names its authors: HTML byline, "About the authors", cards, /api/v1/ and /api/v2/.
The brief's visible author stays, in byline order."""

import pytest
from bs4 import BeautifulSoup

from tests.visibility.world import build_world

pytestmark = pytest.mark.django_db

VISIBLE = ["Visible Expert"]


def _texts(html, selector):
    return [
        node.get_text(strip=True) for node in BeautifulSoup(html, "html.parser").select(selector)
    ]


def _card_authors(html, title):
    """Author names on the card of the brief titled ``title``."""
    for card in BeautifulSoup(html, "html.parser").select("article.card"):
        if card.select_one(".card__title").get_text(strip=True) == title:
            return [node.get_text(strip=True) for node in card.select(".card__authors li")]
    return None


def test_hidden_authors_are_left_off_every_surface(client, tree):
    world = build_world()
    brief = client.get(world.public.url).content.decode()
    listing = client.get("/policy-analysis/").content.decode()
    expert_page = client.get(world.expert.url).content.decode()
    v1_card = next(
        item
        for item in client.get("/api/v1/analysis/").json()["items"]
        if item["id"] == world.public.pk
    )
    v1_detail = client.get(f"/api/v1/analysis/{world.public.pk}/").json()
    v2_detail = client.get(f"/api/v2/pages/{world.public.pk}/").json()
    seen = {
        "byline": _texts(brief, ".byline__authors a"),
        "about the authors": _texts(brief, ".about-authors h3"),
        "listing card": _card_authors(listing, "Public Brief"),
        "expert page card": _card_authors(expert_page, "Public Brief"),
        "v1 card": [author["name"] for author in v1_card["authors"]],
        "v1 detail": [author["name"] for author in v1_detail["authors"]],
        "v1 about the authors": [author["name"] for author in v1_detail["about_authors"]],
        "v2 authors": [row["expert"]["title"] for row in v2_detail["authors"]],
    }
    assert seen == {surface: VISIBLE for surface in seen}
