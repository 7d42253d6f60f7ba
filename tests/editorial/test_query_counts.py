"""The desk's admin listings and choosers take a fixed number of queries, whatever the
number of rows (every extra column is read for the whole page of rows at once)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.support import factories

ANALYSIS_QUERIES = 0
EXPERTS_QUERIES = 0


def grow(count):
    """``count`` more briefs, each by two experts of a growing staff, of two types."""
    kinds = [factories.publication_type("Brief Analysis"), factories.publication_type("Report")]
    experts = [factories.expert() for _ in range(2)]
    for n in range(count):
        factories.brief(authors=experts, type=kinds[n % 2])


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        reverse("experts:index"),
        reverse("analysis_chooser:choose"),
        reverse("expert_chooser:choose"),
    ],
)
def test_desk_pages_take_the_same_queries_at_two_sizes(client, superuser, tree, url):
    client.force_login(superuser)
    grow(2)
    queries(client, url)  # warm Wagtail's per-process caches (content types, site roots)
    small = queries(client, url)
    grow(6)
    large = queries(client, url)
    print(url, small, large)
    assert large == small
