"""The desk's choosers take a fixed number of queries, whatever the number of rows (every
extra column is read for the whole page of rows at once): 16 for the analysis chooser (date,
type, authors, language, Arabic status), 7 for the expert chooser (photos and their renditions
prefetched)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.support import factories


def grow(count):
    """``count`` more briefs, each by two new experts with photos, of two types."""
    kinds = [factories.publication_type("Brief Analysis"), factories.publication_type("Report")]
    experts = [factories.expert(photo=factories.image(f"portrait-{n}")) for n in range(2)]
    for n in range(count):
        factories.brief(authors=experts, type=kinds[n % 2])


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url", "expected"),
    [(reverse("analysis_chooser:choose"), 16), (reverse("expert_chooser:choose"), 7)],
)
def test_choosers_take_the_same_queries_at_two_sizes(client, superuser, tree, url, expected):
    client.force_login(superuser)
    grow(2)
    queries(client, url)  # warms caches and makes the portraits' renditions
    assert queries(client, url) == expected
    grow(6)
    queries(client, url)  # the new portraits' renditions are made once, on first view
    assert queries(client, url) == expected
