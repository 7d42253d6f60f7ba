"""Expiry is honoured when read: a page whose ``expire_at`` has passed is gone for readers at
that instant (404 on its address, absent from every list, from the caches too), although it
stays live until ``publish_scheduled`` runs and unpublishes it."""

import datetime

import pytest
import time_machine

from policyanalysis.models import BriefPage
from tests.support import factories

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2030, 3, 1, 12, 0, tzinfo=datetime.UTC)
EXPIRY = T0 + datetime.timedelta(seconds=120)
AFTER = T0 + datetime.timedelta(seconds=121)


def test_an_expired_but_live_page_is_a_404_and_in_no_list(client, tree):
    with time_machine.travel(T0, tick=False) as clock:
        brief = factories.brief("Fading brief", slug="fading-brief", expire_at=EXPIRY)
        clock.move_to(AFTER)
        assert BriefPage.objects.get(pk=brief.pk).live
        assert client.get("/policy-analysis/fading-brief/").status_code == 404
        assert "Fading brief" not in client.get("/policy-analysis/").content.decode()
        assert client.get("/api/v1/analysis/").json()["count"] == 0
        assert client.get(f"/api/v2/pages/{brief.pk}/").status_code == 404


def test_an_api_listing_cached_before_an_expiry_drops_the_page_after_it(client, tree):
    with time_machine.travel(T0, tick=False) as clock:
        brief = factories.brief("Fading brief", slug="fading-brief", expire_at=EXPIRY)
        factories.brief("Lasting brief", slug="lasting-brief")
        first = client.get("/api/v1/analysis/")
        assert [item["title"] for item in first.json()["items"]] == [
            "Lasting brief",
            "Fading brief",
        ]
        clock.move_to(AFTER)
        response = client.get("/api/v1/analysis/")
        assert [item["title"] for item in response.json()["items"]] == ["Lasting brief"]
        assert client.get(f"/api/v1/analysis/{brief.pk}/").status_code == 404
