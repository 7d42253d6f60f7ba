"""The demo's curated hubs (Iraq, Iran) and its program page, in both languages."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_demo_hubs_and_program_in_both_languages(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())

    iraq = page(client, "/policy-analysis/iraq/")
    assert iraq.select_one(".topic__intro").get_text().startswith("Iraq sits where")
    assert len(iraq.select(".recommended .card")) == 3
    assert iraq.select(".topic__experts li")
    assert iraq.select(".topic__type")
    iraq_ar = page(client, "/ar/policy-analysis/iraq/")
    assert iraq_ar.select_one("h1").get_text(strip=True) == "العراق"
    assert iraq_ar.select_one(".topic__intro").get_text().startswith("يقع العراق")
    iran_ar = page(client, "/ar/policy-analysis/iran/")
    assert iran_ar.select_one(".topic__intro").get_text().startswith("يرسم برنامج إيران")

    program = page(client, "/programs/iran-security-program/")
    people = [a.get_text(strip=True) for a in program.select(".program__people a")]
    assert people[0] == "Farzin Nadimi"
    assert len(program.select(".recommended .card")) == 3
    assert program.select(".results .card")
    program_ar = page(client, "/ar/programs/iran-security-program/")
    assert program_ar.select_one("h1").get_text(strip=True) == ("الدراسات العسكرية والأمنية: إيران")
    assert page(client, "/ar/programs/").select(".program-list a")


def test_load_hubs_on_a_small_archive_twice(client, tree):
    """The hubs loader alone on the few records it names; a second run adds nothing."""
    from wagtail.models import Page, Revision

    from home.demo.hubs import HUBS, PROGRAM, load_hubs
    from tests.support import factories

    home, _experts, analysis = tree
    for slug in ("iraq", "iran"):
        factories.region(slug.title(), slug)
    for slug in [PROGRAM["director"], *PROGRAM["fellows"]]:
        factories.expert(slug.replace("-", " ").title(), slug=slug)
    for slug in {s for spec in HUBS for s in spec["featured"]} | set(PROGRAM["featured"]):
        factories.brief(slug, slug=slug, regions=[factories.region("Iran", "iran")])
    arabic = factories.arabic()
    assert load_hubs(home, analysis, arabic) == 4
    counts = Page.objects.count(), Revision.objects.count()
    assert load_hubs(home, analysis, arabic) == 0
    assert (Page.objects.count(), Revision.objects.count()) == counts

    assert page(client, "/ar/policy-analysis/iran/").select_one(".topic__intro").get_text()
    program = page(client, "/programs/iran-security-program/")
    assert [a.get_text(strip=True) for a in program.select(".program__people a")][0] == (
        "Farzin Nadimi"
    )
    assert len(program.select(".recommended .card")) == 3
    assert (
        page(client, "/ar/programs/iran-security-program/").select_one("h1").get_text(strip=True)
        == "الدراسات العسكرية والأمنية: إيران"
    )
