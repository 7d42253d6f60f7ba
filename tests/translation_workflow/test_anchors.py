"""Migration 0002: pages saved before the anchor rule get the anchors a fresh install writes,
the same in English and Arabic (translation_workflow/anchors.py)."""

import importlib
import json
from types import SimpleNamespace

from bs4 import BeautifulSoup
from django.apps import apps
from django.db import connection, models
from django.db.models.functions import Cast
from wagtail_localize.models import TranslationSource

from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.translation import publish, translate_and_publish, translation_of
from translation_workflow.status import TranslationStatus, status_for_page

migration = importlib.import_module("translation_workflow.migrations.0002_stable_heading_anchors")

BODY = [
    ("heading", {"text": "U.S. Interests in Iraq", "level": "2", "anchor": ""}),
    ("paragraph", "<p>Text.</p>"),
    ("heading", {"text": "What next", "level": "3", "anchor": "next-steps"}),
]


def raw_body(page):
    text = (
        BriefPage.objects.filter(pk=page.pk)
        .annotate(raw=Cast("body", models.TextField()))
        .values_list("raw", flat=True)
        .get()
    )
    return json.loads(text)


def as_saved_before_the_rule(page):
    """Empty the derived anchor, as the page was stored before HeadingBlock derived it."""
    raw = raw_body(page)
    for block in raw:
        if block["type"] == "heading" and block["value"]["anchor"] == "us-interests-in-iraq":
            block["value"]["anchor"] = ""
    migration._write(connection, BriefPage, "body", page.pk, raw)


def anchors(client, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return [h["id"] for h in page.select(".block-heading")]


def test_old_pages_get_the_anchors_of_a_fresh_install_in_both_languages(tree, superuser, client):
    for page in tree:
        translate_and_publish(page)
    english = factories.brief("A dialogue", body=BODY)
    arabic = translate_and_publish(english, superuser)
    fresh = [block["value"]["anchor"] for block in raw_body(english) if block["type"] == "heading"]
    assert fresh == ["us-interests-in-iraq", "next-steps"]

    # The state of a database from before the rule: no stored anchor, in the pages and in the
    # English content the translation source recorded.
    as_saved_before_the_rule(english)
    as_saved_before_the_rule(arabic)
    source = TranslationSource.objects.get(object_id=english.translation_key, locale=english.locale)
    content = json.loads(source.content_json)
    content["body"] = content["body"].replace('"anchor": "us-interests-in-iraq"', '"anchor": ""')
    TranslationSource.objects.filter(pk=source.pk).update(content_json=json.dumps(content))
    assert anchors(client, arabic.url)[0] == "عربي-us-interests-in-iraq"  # from the Arabic

    migration.stable_anchors(apps, SimpleNamespace(connection=connection))

    assert anchors(client, english.url) == ["us-interests-in-iraq", "next-steps"]
    assert anchors(client, arabic.url) == ["us-interests-in-iraq", "next-steps"]
    assert status_for_page(english).status == TranslationStatus.PUBLISHED  # no false sync
    # Republishing the translation (built from the source) keeps them.
    arabic = publish(translation_of(english), superuser)
    assert anchors(client, arabic.url) == ["us-interests-in-iraq", "next-steps"]


def test_the_migration_changes_nothing_on_a_fresh_install(tree, superuser):
    english = factories.brief("A dialogue", body=BODY)
    arabic = translate_and_publish(english, superuser)
    before = raw_body(english), raw_body(arabic)
    migration.stable_anchors(apps, SimpleNamespace(connection=connection))
    assert (raw_body(english), raw_body(arabic)) == before


def test_a_page_stored_without_anchors_is_translated_with_the_english_ones(tree, superuser, client):
    # The importer and the demo loader write StreamFields as raw data: no anchor is stored.
    for page in tree:
        translate_and_publish(page)
    english = factories.brief("Imported", body=BODY)
    as_saved_before_the_rule(english)
    arabic = translate_and_publish(english, superuser)
    assert anchors(client, english.url) == ["us-interests-in-iraq", "next-steps"]
    assert anchors(client, arabic.url) == ["us-interests-in-iraq", "next-steps"]  # not Arabic
    assert status_for_page(english).status == TranslationStatus.PUBLISHED
