"""Topic hubs: the editable landing page of a region or issue, served at the term's URL."""

import pytest
from bs4 import BeautifulSoup

from policyanalysis.models import BriefPage
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


# The hub page: the listing page's queries (LISTING_PAGE_QUERIES in tests/home) plus the
# hub's own: the term, the featured picks (the picks with their translations, the cards),
# the experts, the latest items (counts, ranked ids, cards) and the events hook's one query;
# in Arabic, the lookups of the Arabic editions of profiles and pages too.
HUB_QUERIES = 17
ARABIC_HUB_QUERIES = 22


def _content(size, iraq, podcast, offset=0):
    """``size`` experts covering Iraq and ``size`` briefs and podcasts about it, each
    translated into Arabic (the Arabic hub lists Arabic items)."""
    from tests.support.translation import translate_and_publish

    experts = []
    for i in range(size):
        expert = factories.expert(f"Scholar {offset + i}")
        expert.expertise_regions = [iraq]
        expert.save_revision().publish()
        experts.append(expert)
    for i in range(size):
        for item in (
            factories.brief(f"Brief {offset + i}", regions=[iraq], authors=experts[:2]),
            factories.brief(
                f"Podcast {offset + i}", regions=[iraq], type=podcast, authors=experts[:1]
            ),
        ):
            translate_and_publish(item)
    return experts


def _measure(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_hub_query_count_is_constant_in_both_languages(client, tree, settings):
    from tests.support.translation import translate_and_publish

    settings.PAGE_CACHE_ENABLED = False
    iraq = factories.region("Iraq")
    podcast = factories.publication_type("Podcast")
    for tree_page in tree:
        translate_and_publish(tree_page)
    _content(2, iraq, podcast)
    picks = list(BriefPage.objects.filter(locale=factories.english())[:3])
    page = hub(iraq, featured=picks)
    arabic = translate_and_publish(page)
    assert arabic.url == "/ar/policy-analysis/iraq/"

    small = _measure(client, page.url)[0], _measure(client, arabic.url)[0]
    _content(4, iraq, podcast, offset=100)
    large_en, response = _measure(client, page.url)
    large_ar, arabic_response = _measure(client, arabic.url)
    assert (small, (large_en, large_ar)) == ((HUB_QUERIES, ARABIC_HUB_QUERIES),) * 2

    html = soup(arabic_response)
    assert html.html["dir"] == "rtl"
    assert text(html.select_one(".topic__intro")).startswith("عربي:")
    assert len(html.select(".topic__experts li")) == 6
    assert len(html.select(".recommended .card")) == 3
    assert [len(s.select(".card")) for s in html.select(".topic__type")] == [3, 3]
    assert len(soup(response).select(".recommended .card")) == 3


def test_hub_lists_upcoming_events_on_its_topic(client, iraq_content):
    from tests.support import events

    iraq = iraq_content["iraq"]
    events.event("Forum on Baghdad", regions=[iraq])
    events.event("Forum on Tehran", regions=[factories.region("Iran")])
    events.event("Draft forum", regions=[iraq], publish=False)
    hub(iraq)
    html = soup(client.get("/policy-analysis/iraq/"))
    assert [text(a) for a in html.select(".topic__events .card__title a")] == ["Forum on Baghdad"]
    assert html.select_one(".topic__events .topic__more a")["href"] == "/events/?region=iraq"
