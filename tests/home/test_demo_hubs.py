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
