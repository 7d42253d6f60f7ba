"""Topic hubs: the editable landing page of a region or issue, served at the term's URL."""

import pytest
from bs4 import BeautifulSoup

from tests.support import factories
from tests.support.hubs import hub

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(node):
    return " ".join(node.get_text().split())


@pytest.fixture
def iraq_content(tree):
    iraq = factories.region("Iraq")
    podcast = factories.publication_type("Podcast")
    karl = factories.expert("Karl Kaltenthaler", expertise_regions=[])
    karl.expertise_regions = [iraq]
    karl.save_revision().publish()
    briefs = [factories.brief(f"Iraq brief {i}", regions=[iraq]) for i in range(5)]
    pods = [factories.brief(f"Iraq podcast {i}", regions=[iraq], type=podcast) for i in range(2)]
    other = factories.brief("Iran brief", regions=[factories.region("Iran")])
    return {"iraq": iraq, "karl": karl, "briefs": briefs, "podcasts": pods, "other": other}


def test_hub_is_served_at_the_landing_url(client, iraq_content):
    page = hub(iraq_content["iraq"], featured=[iraq_content["briefs"][0], iraq_content["other"]])
    assert page.url == "/policy-analysis/iraq/"
    html = soup(client.get("/policy-analysis/iraq/"))
    assert text(html.select_one(".topic__intro")) == "What we study about this topic."
    featured = [text(a) for a in html.select(".recommended .card__title a")]
    assert featured == ["Iraq brief 0", "Iran brief"]
    assert [text(a) for a in html.select(".topic__experts a")] == ["Karl Kaltenthaler"]
    groups = [
        (text(section.h3), [text(a) for a in section.select(".card__title a")])
        for section in html.select(".topic__type")
    ]
    assert groups == [
        ("Brief Analysis", ["Iraq brief 4", "Iraq brief 3", "Iraq brief 2"]),
        ("Podcast", ["Iraq podcast 1", "Iraq podcast 0"]),
    ]
    more = [a["href"] for a in html.select(".topic__more a")]
    assert more == ["?type=brief-analysis#results-heading", "?type=podcast#results-heading"]
    # The filter form is preset to the topic, without "All" to choose.
    region = html.select_one("select[name=region]")
    assert region.has_attr("disabled")
    assert region.select_one("option[selected]")["value"] == "iraq"


def test_filtered_hub_lists_only_the_results(client, iraq_content):
    hub(iraq_content["iraq"])
    html = soup(client.get("/policy-analysis/iraq/?type=podcast"))
    assert html.select_one(".topic__latest") is None
    assert [text(a) for a in html.select(".results .card__title a")] == [
        "Iraq podcast 1",
        "Iraq podcast 0",
    ]


def test_term_without_a_live_hub_keeps_the_listing(client, iraq_content):
    draft = hub(iraq_content["iraq"], intro="<p>Secret draft introduction.</p>", publish=False)
    response = client.get("/policy-analysis/iraq/")
    html = soup(response)
    assert "Secret draft introduction" not in response.content.decode()
    assert draft.title not in response.content.decode()
    assert html.select_one(".topic__intro") is None
    assert len(html.select(".results .card__title a")) == 7


def test_private_hub_asks_for_a_password(client, iraq_content):
    page = factories.make_private(hub(iraq_content["iraq"], intro="<p>Private words.</p>"))
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Private words" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_hidden_experts_and_picks_are_left_out(client, iraq_content):
    iraq = iraq_content["iraq"]
    hidden = factories.expert("Hidden Scholar", publish=False)
    hidden.expertise_regions = [iraq]
    hidden.save_revision()
    draft = factories.brief("Draft pick", regions=[iraq], publish=False)
    hub(iraq, featured=[draft, iraq_content["briefs"][1]])
    response = client.get("/policy-analysis/iraq/")
    content = response.content.decode()
    assert "Hidden Scholar" not in content
    assert "Draft pick" not in content
    html = soup(response)
    assert [text(a) for a in html.select(".recommended .card__title a")] == ["Iraq brief 1"]


def test_one_hub_per_topic_and_slug_follows_the_term(iraq_content):
    from django.core.exceptions import ValidationError

    from policyanalysis.hubs import TopicPage

    page = hub(iraq_content["iraq"])
    assert page.slug == "iraq"
    second = TopicPage(title="Another", region=iraq_content["iraq"])
    second.set_url_path(page.get_parent())
    second._parent_page = page.get_parent()
    with pytest.raises(ValidationError):
        page.get_parent().add_child(instance=second)
    neither = TopicPage(title="Nothing")
    with pytest.raises(ValidationError, match="either a region or an issue"):
        page.get_parent().add_child(instance=neither)
