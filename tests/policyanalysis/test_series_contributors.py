"""Series contributors: a platform such as Fikra Forum lists its own writers (experts, in
the editor's order) on its series page and in the API, each in the reader's language when
the expert has an Arabic profile; hidden profiles are left out."""

import pytest

from policyanalysis.publications import SeriesContributor
from tests.support import factories
from tests.support.translation import arabic_text, translate_and_publish

pytestmark = pytest.mark.django_db


def fikra_forum():
    series = factories.series("Fikra Forum", description="A platform for regional voices.")
    people = [
        factories.expert("Zeina Karam"),
        factories.expert("Ahmed Nagi"),
        factories.expert("Hidden Writer", publish=False),
    ]
    for position, person in enumerate([people[1], people[0], people[2]]):
        SeriesContributor.objects.create(series=series, expert=person, sort_order=position)
    factories.brief("A Fikra piece", series=[series])
    return series, people


def test_series_page_lists_its_visible_contributors_in_order(client, tree):
    fikra_forum()
    html = client.get("/policy-analysis/series/fikra-forum/").content.decode()
    assert '<h2 id="contributors-heading">Contributors</h2>' in html
    assert html.index(">Ahmed Nagi</a>") < html.index(">Zeina Karam</a>")
    assert 'href="/experts/ahmed-nagi/"' in html
    assert "Hidden Writer" not in html


def test_a_series_without_contributors_and_a_landing_page_show_none(client, tree):
    factories.brief("Spotlight", series=[factories.series("Militia Spotlight")])
    factories.brief("Iraq", regions=[factories.region()])
    for url in ("/policy-analysis/series/militia-spotlight/", "/policy-analysis/iraq/"):
        assert "contributors-heading" not in client.get(url).content.decode()


def test_arabic_series_page_names_contributors_in_arabic(client, tree):
    series, (zeina, _ahmed, _hidden) = fikra_forum()
    translate_and_publish(factories.brief("Arabic host", series=[series]))
    arabic_zeina = translate_and_publish(zeina)
    html = client.get("/ar/policy-analysis/series/fikra-forum/").content.decode()
    assert f'href="{arabic_zeina.url}">{arabic_text("Zeina Karam")}</a>' in html
    # No Arabic profile: the English one, marked as English.
    assert 'lang="en" dir="ltr">Ahmed Nagi</a>' in html


def test_the_api_sends_a_series_with_its_contributors(client, tree):
    fikra_forum()
    body = client.get("/api/v1/series/fikra-forum/").json()
    assert body["label"] == "Fikra Forum"
    assert body["description"] == "A platform for regional voices."
    assert [person["name"] for person in body["contributors"]] == ["Ahmed Nagi", "Zeina Karam"]
    assert body["contributors"][0]["url"].endswith("/experts/ahmed-nagi/")


def test_the_api_answers_404_for_an_unknown_series_and_422_for_a_bad_slug(client, tree):
    assert client.get("/api/v1/series/no-such-series/").status_code == 404
    assert client.get("/api/v1/series/bad%20slug!/").status_code == 422
