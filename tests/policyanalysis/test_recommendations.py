"""The Recommended block's rules: hand-picked first, topped up to three, never self,
duplicates, drafts or private pages."""

import datetime

import pytest

from policyanalysis.recommendations import recommended_cards, recommended_for
from tests.support import factories

pytestmark = pytest.mark.django_db


def day(n):
    return datetime.date(2021, 1, 1) + datetime.timedelta(days=n)


def titles(cards):
    return [card.title for card in cards]


@pytest.fixture
def iraq(tree):
    return factories.region("Iraq")


def test_hand_picked_cards_keep_the_editors_order(iraq):
    a, b, c = (factories.brief(f"Pick {n}", date=day(n)) for n in range(3))
    page = factories.brief("Host", regions=[iraq], recommended=[c, a, b])
    assert titles(recommended_for(page)[1]) == ["Pick 2", "Pick 0", "Pick 1"]


def test_self_duplicates_drafts_and_private_pages_are_never_shown(iraq):
    live = factories.brief("Live pick", date=day(1))
    draft = factories.brief("Draft pick", date=day(2), publish=False)
    private = factories.make_private(factories.brief("Private pick", date=day(3)))
    page = factories.brief("Host", regions=[iraq])
    page.recommended = [
        ("recommended", {"heading": "Recommended", "items": [page, live, live, draft, private]})
    ]
    page.save_revision().publish()
    shown = titles(recommended_for(page)[1])
    assert shown[0] == "Live pick"
    assert shown.count("Live pick") == 1
    for hidden in ("Host", "Draft pick", "Private pick"):
        assert hidden not in shown


def test_fewer_than_three_picks_are_topped_up_with_newest_sharing_a_term(iraq):
    terrorism = factories.issue("Terrorism")
    egypt = factories.region("Egypt")
    picked = factories.brief("Picked", date=day(1), regions=[egypt])
    factories.brief("Old Iraq", date=day(2), regions=[iraq])
    factories.brief("Newer Iraq", date=day(5), regions=[iraq])
    factories.brief("Newest terrorism", date=day(9), issues=[terrorism])
    factories.brief("Unrelated newest", date=day(20), regions=[egypt])
    factories.brief("Related draft", date=day(30), regions=[iraq], publish=False)
    factories.make_private(factories.brief("Related private", date=day(31), regions=[iraq]))
    page = factories.brief(
        "Host", date=day(10), regions=[iraq], issues=[terrorism], recommended=[picked]
    )
    heading, cards = recommended_for(page)
    assert str(heading) == "Recommended"
    assert titles(cards) == ["Picked", "Newest terrorism", "Newer Iraq"]


def test_fill_never_repeats_a_hand_picked_brief(iraq):
    shared = factories.brief("Shared and picked", date=day(50), regions=[iraq])
    factories.brief("Other related", date=day(40), regions=[iraq])
    page = factories.brief("Host", regions=[iraq], recommended=[shared])
    assert titles(recommended_for(page)[1]) == ["Shared and picked", "Other related"]


def test_without_a_block_three_related_briefs_are_chosen(iraq):
    for n in range(5):
        factories.brief(f"Related {n}", date=day(n), regions=[iraq])
    page = factories.brief("Host", regions=[iraq])
    assert titles(recommended_for(page)[1]) == ["Related 4", "Related 3", "Related 2"]


def test_six_picks_at_most(iraq):
    picks = [factories.brief(f"Pick {n}", date=day(n)) for n in range(7)]
    page = factories.brief("Host", regions=[iraq])
    cards = recommended_cards(page, picks)
    assert len(cards) == 6


def test_cards_carry_type_title_date_and_authors(iraq):
    author = factories.expert("Farzin Nadimi")
    podcast = factories.publication_type("Podcast")
    pick = factories.brief(
        "Iran Takes Next Steps on Rocket Technology",
        date=datetime.date(2022, 2, 11),
        authors=[author],
        type=podcast,
    )
    page = factories.brief("Host", regions=[iraq], recommended=[pick])
    (card,) = recommended_for(page)[1][:1]
    assert card.card_type.name == "Podcast"
    assert [a.title for a in card.card_authors] == ["Farzin Nadimi"]
    assert card.date == datetime.date(2022, 2, 11)
    assert card.url.endswith(f"/policy-analysis/{pick.slug}/")


def test_recommendations_cost_the_same_queries_for_one_or_six_cards(
    iraq, django_assert_max_num_queries
):
    experts = [factories.expert(f"Author {n}") for n in range(3)]
    one = [factories.brief("Single", authors=experts[:1])]
    six = [factories.brief(f"Many {n}", authors=experts) for n in range(6)]
    page = factories.brief("Host", regions=[iraq])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        recommended_cards(page, one)
    with CaptureQueriesContext(connection) as large:
        recommended_cards(page, six)
    assert len(large) <= len(small)
    with django_assert_max_num_queries(len(small)):
        recommended_cards(page, six)


def test_author_rows_of_a_prefetched_brief_are_its_own(iraq):
    from policyanalysis.models import BriefPage

    first, second, third = (factories.expert(f"Writer {n}") for n in range(3))
    one = factories.brief("One", authors=[second, first])
    factories.brief("Other", authors=[third])
    briefs = {b.pk: b for b in BriefPage.objects.prefetch_related("authors__expert")}
    assert [row.person.title for row in briefs[one.pk].get_authors()] == ["Writer 1", "Writer 0"]
