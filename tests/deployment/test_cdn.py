"""CDN purge on publish: a real HTTP server on 127.0.0.1 stands for the CDN and records the
PURGE requests Wagtail's frontend-cache backend sends through the task queue."""

import pytest

from tests.support import factories
from tests.support.tasks import run_queue
from tests.support.translation import translate_and_publish
from tests.webhooks.support import receivers

receiver = pytest.fixture(receivers, name="receiver")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_purges_the_page_its_editions_listings_and_api_urls(
    receiver, tree, settings, database_queue
):
    cdn = receiver()
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{cdn.port}",
        }
    }
    brief = factories.brief("Grain prices", slug="grain")
    translate_and_publish(brief)
    run_queue()
    cdn.requests.clear()
    brief.save_revision().publish()
    assert cdn.requests == []  # the purge waits for the worker
    run_queue()
    purged = sorted({(method, path) for _t, method, path, _h, _b in cdn.requests})
    assert purged == sorted(
        {
            ("PURGE", "/"),
            ("PURGE", "/policy-analysis/"),
            ("PURGE", "/policy-analysis/grain/"),
            ("PURGE", "/ar/"),
            ("PURGE", "/ar/policy-analysis/"),
            ("PURGE", "/ar/policy-analysis/grain/"),
            ("PURGE", "/api/v1/analysis/"),
            ("PURGE", f"/api/v1/analysis/{brief.pk}/"),
            ("PURGE", f"/api/v1/analysis/{brief.get_translations().get().pk}/"),
            ("PURGE", "/api/v1/pages/by-path/?path=%2Fpolicy-analysis%2Fgrain%2F"),
            ("PURGE", "/api/v1/pages/by-path/?path=%2Far%2Fpolicy-analysis%2Fgrain%2F"),
        }
    )
    assert {headers["Host"] for _t, _m, _p, headers, _b in cdn.requests} == {"localhost"}
