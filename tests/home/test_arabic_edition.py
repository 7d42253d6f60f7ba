"""Unpublished Arabic translations never reach readers, on any public HTML surface; and the whole
admin path (submit, translate, publish) produces a working Arabic page.

Each surface is checked with a positive control (a published Arabic brief that must appear) so
that a broken page cannot pass by showing nothing.
"""

import datetime
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse
from wagtail_localize.models import Translation

from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.translation import (
    arabic_text,
    make_translator,
    submit,
    translate_and_publish,
    translate_strings,
)


@pytest.fixture
def editions(tree, superuser):
    home, experts, analysis = tree
    for page in (home, experts, analysis):
        translate_and_publish(page, superuser)
    iraq = factories.region("Iraq")
    expert = factories.expert("Lina Haddad")
    arabic_expert = translate_and_publish(expert, superuser)
    briefs = {}
    for n, name in enumerate(("Live one", "Live two", "Draft only", "Withdrawn")):
        briefs[name] = factories.brief(
            name, authors=[expert], regions=[iraq], date=datetime.date(2024, 1, n + 1)
        )
    arabic = {
        name: translate_and_publish(briefs[name], superuser) for name in ("Live one", "Live two")
    }
    draft_translation = submit(briefs["Draft only"], superuser)
    translate_strings(draft_translation, superuser)
    draft_translation.save_target(user=superuser, publish=False)  # the translator saves a draft
    arabic["Draft only"] = draft_translation.get_target_instance().specific
    arabic["Withdrawn"] = translate_and_publish(briefs["Withdrawn"], superuser)
    arabic["Withdrawn"].unpublish()
    return {"english": briefs, "arabic": arabic, "expert": arabic_expert, "region": iraq}


HIDDEN = (arabic_text("Draft only"), arabic_text("Withdrawn"))


def assert_only_live(html, *live_titles):
    for title in live_titles:
        assert title in html, f"{title!r} missing: the surface did not render the live brief"
    for title in HIDDEN:
        assert title not in html, f"unpublished translation {title!r} is shown"


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_unpublished_arabic_pages_answer_404(client, editions):
    for name in ("Draft only", "Withdrawn"):
        page = BriefPage.objects.get(pk=editions["arabic"][name].pk)
        assert not page.live
        url = page.get_url()
        assert url.startswith("/ar/")
        assert client.get(url).status_code == 404
    assert client.get(editions["arabic"]["Live one"].url).status_code == 200


def test_arabic_listing_landing_and_search_show_live_pages_only(client, editions):
    live = arabic_text("Live one"), arabic_text("Live two")
    assert_only_live(get(client, "/ar/policy-analysis/"), *live)
    assert_only_live(get(client, "/ar/policy-analysis/iraq/"), *live)
    searched = get(client, "/ar/policy-analysis/?q=Draft")
    assert arabic_text("Draft only") not in searched


def test_arabic_home_page_lists_live_pages_only(client, editions):
    assert_only_live(get(client, "/ar/"), arabic_text("Live two"))


def test_arabic_expert_publications_list_live_pages_only(client, editions):
    html = get(client, editions["expert"].url)
    assert_only_live(html, arabic_text("Live one"), arabic_text("Live two"))


def test_automatic_recommendations_never_pick_an_unpublished_translation(client, editions):
    html = get(client, editions["arabic"]["Live one"].url)
    assert_only_live(html, arabic_text("Live two"))


def test_english_pages_link_only_to_live_translations(client, editions):
    english = editions["english"]
    live_html = get(client, english["Live one"].url)
    live_url = editions["arabic"]["Live one"].url
    assert f'hreflang="ar" href="http://testserver{live_url}"' in live_html
    assert f'href="{live_url}"' in live_html
    for name in ("Draft only", "Withdrawn"):
        html = get(client, english[name].url)
        hidden_url = BriefPage.objects.get(pk=editions["arabic"][name].pk).get_url()
        assert hidden_url not in html
        assert 'hreflang="ar" href' not in html.split("</head>")[0]


def test_sitemap_lists_live_translations_only(client, editions):
    xml = get(client, "/sitemap-ar.xml")
    assert editions["arabic"]["Live one"].url in xml
    for name in ("Draft only", "Withdrawn"):
        assert BriefPage.objects.get(pk=editions["arabic"][name].pk).get_url() not in xml


def test_translators_preview_a_draft_but_readers_cannot(client, editions, django_user_model):
    draft = editions["arabic"]["Draft only"]
    client.force_login(make_translator(django_user_model))
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk]))
    assert preview.status_code == 200
    assert arabic_text("Draft only") in preview.content.decode()
    client.logout()
    assert client.get(draft.get_url()).status_code == 404


def test_the_admin_path_from_english_brief_to_live_arabic_page(tree, superuser, client):
    """Submit through the admin view, translate in the editor API, publish from the editor: the
    Arabic page is served right to left with the translated text and links back to English."""
    home, experts, analysis = tree
    for page in (home, analysis):
        translate_and_publish(page, superuser)
    brief = factories.brief(
        "A U.S.-Iraq Strategic Dialogue", slug="us-iraq-dialogue", date=datetime.date(2020, 5, 14)
    )
    client.force_login(superuser)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[brief.pk]),
        {"locales": [factories.arabic().pk]},
    )
    assert response.status_code == 302
    arabic = BriefPage.objects.get(translation_key=brief.translation_key, locale=factories.arabic())
    translation = Translation.objects.get(source__object_id=brief.translation_key)
    for segment in translation.source.stringsegment_set.select_related("string"):
        value = (
            "hwar-astratyjy" if segment.context.path == "slug" else arabic_text(segment.string.data)
        )
        response = client.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
            urlencode({"value": value}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 201
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[arabic.pk]), {"action": "publish"}
        )
    assert response.status_code == 302
    arabic.refresh_from_db()
    assert arabic.live and arabic.url.endswith("/hwar-astratyjy/")
    client.logout()
    html = get(client, arabic.url)
    assert '<html lang="ar" dir="rtl">' in html
    assert arabic_text("A U.S.-Iraq Strategic Dialogue") in html
    assert f'href="{brief.url}"' in html  # Also available in English
    assert "14 أيار/مايو 2020" in html  # May 14, 2020 in Arabic


def test_not_found_page_in_arabic(client, editions):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    assert page.find("h1").get_text(strip=True) == "الصفحة غير موجودة"
    assert page.select_one("form.not-found__search")["action"] == "/ar/search/"
