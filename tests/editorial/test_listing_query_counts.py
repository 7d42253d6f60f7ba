"""Every desk listing, and its CSV export, takes the same exact number of queries with N and
3N rows of content (issue 16: the admin listings' query counts are constant as content
grows). Row buttons and wagtail-localize's per-row checks included."""

import datetime
import itertools

import pytest
from django.urls import reverse

from podcasts.models import PodcastShowPage
from tests.support import events, factories, media

_counter = itertools.count()


def grow(count):
    """``count`` more of everything the desk lists: briefs (typed, in a series, by two
    experts), experts, events with a speaker, podcast episodes with a guest and videos."""
    kinds = [factories.publication_type("Brief Analysis"), factories.publication_type("Report")]
    series = factories.series("Policy Notes", "policy-notes")
    event_type = events.event_type("Policy Forum", "policy-forum")
    show = media.show() if not _shows() else _shows()[0]
    for n in range(count):
        i = next(_counter)
        experts = [factories.expert(f"Expert {i} {k}") for k in range(2)]
        brief = factories.brief(
            f"Brief {i}", authors=experts, type=kinds[n % 2], date=datetime.date(2024, 1, 1)
        )
        brief.series.add(series)
        brief.save()
        events.event(f"Event {i}", type=event_type, speakers=experts[:1])
        media.episode(show, f"Episode {i}", guests=[experts[0], "A guest"])
        media.video(f"Video {i}")


def _shows():
    return list(PodcastShowPage.objects.all())


def count_queries(client, url, params, django_assert_num_queries, expected):
    client.get(url, params)  # warms per-process caches (content types, locales)
    with django_assert_num_queries(expected):
        response = client.get(url, params)
        if params.get("export"):
            b"".join(response.streaming_content)
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["analysis", "experts", "events", "episodes", "videos"])
@pytest.mark.parametrize("export", [False, True])
def test_listing_queries_are_the_same_with_n_and_3n_rows(
    client, superuser, tree, name, export, django_assert_num_queries
):
    client.force_login(superuser)
    url = reverse(f"{name}:index")
    params = {"export": "csv"} if export else {}
    grow(2)
    expected = EXPECTED[(name, export)]
    count_queries(client, url, params, django_assert_num_queries, expected)
    grow(4)  # 3N
    count_queries(client, url, params, django_assert_num_queries, expected)


#: Queries of one listing page (all rows on it) and of its CSV export (every filtered row).
#: Measured; each is the same with 2 and 6 items of every kind.
EXPECTED = {
    ("analysis", False): 43,
    ("analysis", True): 38,
    ("experts", False): 33,
    ("experts", True): 28,
    ("events", False): 38,
    ("events", True): 33,
    ("episodes", False): 33,
    ("episodes", True): 30,
    ("videos", False): 35,
    ("videos", True): 30,
}
