"""Program pages: description, director and fellows, featured work, the program's items."""

import pytest
from bs4 import BeautifulSoup

from tests.support import factories
from tests.support.hubs import program, program_index
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def names(nodes):
    return [" ".join(node.get_text().split()) for node in nodes]


@pytest.fixture
def content(tree):
    notes = factories.series("Policy Notes")
    director = factories.expert("Farzin Nadimi")
    fellow = factories.expert("Michael Knights")
    hidden = factories.expert("Hidden Fellow", publish=False)
    factories.brief("Iran's drones", series=[notes])
    tagged = factories.brief("Missile doctrine")
    tagged.tags.add("iran-security")
    tagged.save_revision().publish()
    factories.brief("Unrelated brief")
    draft = factories.brief("Draft in series", series=[notes], publish=False)
    from taggit.models import Tag

    page = program(
        director=director,
        fellows=[fellow, hidden, director],
        featured=[draft, tagged],
        series=[notes],
        keywords=[Tag.objects.get(slug="iran-security")],
    )
    return {"page": page, "director": director, "fellow": fellow}


def test_program_page_shows_people_featured_and_items(client, content):
    page = content["page"]
    assert page.url == "/programs/iranian-security/"
    html = soup(client.get(page.url))
    people = html.select(".program__people .people-list")
    assert [names(group.select("a")) for group in people] == [
        ["Farzin Nadimi"],
        ["Michael Knights"],
    ]
    assert names(html.select(".recommended .card__title a")) == ["Missile doctrine"]
    assert names(html.select(".results .card__title a")) == ["Missile doctrine", "Iran's drones"]
    index = soup(client.get(program_index().url))
    assert names(index.select(".program-list a")) == ["Program on Iranian Security Policy"]


def test_arabic_program(client, content):
    home, _, _ = factories.site_tree()
    translate_and_publish(home)
    translate_and_publish(program_index())
    arabic = translate_and_publish(content["page"])
    html = soup(client.get(arabic.url))
    assert html.html["dir"] == "rtl"
    assert names(html.select("h1")) == ["عربي: Program on Iranian Security Policy"]
    assert names(html.select(".results .card__title a")) == []  # no Arabic items yet
    assert names(html.select(".program__people a")) == ["Farzin Nadimi", "Michael Knights"]


def test_draft_and_private_programs_are_not_served(client, tree):
    draft = program("Secret program", "secret-program", publish=False)
    assert client.get("/programs/secret-program/").status_code == 404
    assert "Secret program" not in client.get("/programs/").content.decode()
    private = factories.make_private(program("Closed program", "closed-program"))
    response = client.get(private.url)
    assert "Closed program" not in soup(client.get("/programs/")).get_text()
    assert 'name="password"' in response.content.decode()
    assert draft.pk
