"""A new translated page is written once (``importexport.translation._publish_new_page``)
and ends as wagtail-localize's ``save_target`` and Wagtail's publishing leave it: the same
row, child rows, live revision content, log, translation log and view restrictions."""

import json

import pytest
from django.db import transaction
from wagtail.models import Page, PageLogEntry
from wagtail_localize.models import Translation, TranslationLog

from importexport import translation as importexport_translation
from importexport.importer import Importer
from importexport.translation import TranslationOptions, translate
from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.imports import archive, brief

#: What differs between two saves of the same content: ids, revision links and times.
MOMENTS = {
    "pk", "page", "latest_revision", "live_revision", "latest_revision_created_at",
    "first_published_at", "last_published_at",
}  # fmt: skip


def without_moments(data):
    if isinstance(data, dict):
        return {key: without_moments(value) for key, value in data.items() if key not in MOMENTS}
    if isinstance(data, list):
        return [without_moments(value) for value in data]
    return data


def arabic_edition_state():
    """What the Arabic pages are: per page (by tree path), its row, its live revision's
    content, its log, its translation log entries and its view restrictions."""
    state = {}
    for page in Page.objects.filter(locale__language_code="ar").order_by("path").specific():
        ids = {str(page.pk): "<page>", str(page.get_parent().pk): "<parent>"}
        log = [
            (entry.action, entry.label, entry.content_changed,
             entry.revision_id == page.live_revision_id,
             json.loads(_replace_ids(json.dumps(entry.data, sort_keys=True), ids)))
            for entry in PageLogEntry.objects.filter(page=page).order_by("pk")
        ]  # fmt: skip
        state[page.path] = {
            "row": without_moments(page.serializable_data()),
            "live revision": without_moments(page.live_revision.content),
            "latest is live": page.latest_revision_id == page.live_revision_id,
            "url": page.url,
            "log": log,
            "translation logs": TranslationLog.objects.filter(
                revision__object_id=str(page.pk)
            ).count(),
            "restrictions": list(
                page.view_restrictions.values_list("restriction_type", "password")
            ),
            "translation updated": Translation.objects.filter(
                source__object_id=page.translation_key,
                target_locale=page.locale,
                destination_last_updated_at__isnull=False,
            ).count(),
        }
    return state


def _replace_ids(text, ids):
    for pk, name in ids.items():
        text = text.replace(f'"id": {pk},', f'"id": "{name}",').replace(
            f'"id": {pk}}}', f'"id": "{name}"}}'
        )
    return text


def translated(page, values):
    """The Arabic editions ``translate`` makes, then undone."""
    savepoint = transaction.savepoint()
    translate(page, factories.arabic(), values)
    state = arabic_edition_state()
    transaction.savepoint_rollback(savepoint)
    return state


@pytest.fixture
def source(tree):
    authors = [factories.expert("Dana Stroul"), factories.expert("Michael Knights")]
    other = factories.brief("Another brief")
    body = [
        ("heading", {"text": "Water and power", "anchor": ""}),
        ("paragraph", '<p>Read <a href="https://example.org/report">the report</a>.</p>'),
        ("paragraph", f'<p>See <a linktype="page" id="{other.pk}">our brief</a>.</p>'),
    ]
    page = factories.brief(
        "Water in Basra",
        authors=authors,
        regions=[factories.region()],
        issues=[factories.issue()],
        body=body,
        recommended=[other],
        hero_image=factories.image(),
    )
    return BriefPage.objects.get(pk=page.pk)


def arabic_values(page):
    body = list(page.body.raw_data)
    texts = ["المياه والطاقة", '<p>اقرأ <a href="https://example.org/report">التقرير</a>.</p>']
    body[0] = {**body[0], "value": {**body[0]["value"], "text": texts[0]}}
    body[1] = {**body[1], "value": texts[1]}
    return {"title": "المياه في البصرة", "summary": "ملخص.", "body": body}


@pytest.mark.django_db
def test_a_new_translation_is_the_page_wagtail_localize_would_make(source, monkeypatch):
    written_once = translated(source, arabic_values(source))
    monkeypatch.setattr(importexport_translation, "_publish_new_page", lambda *args: False)
    by_wagtail_localize = translated(source, arabic_values(source))

    assert written_once == by_wagtail_localize
    brief_state = next(s for s in written_once.values() if s["row"]["title"] == "المياه في البصرة")
    assert [entry[0] for entry in brief_state["log"]] == [
        "wagtail.create", "wagtail.copy_for_translation", "wagtail.publish",
    ]  # fmt: skip
    assert brief_state["url"] == f"/ar/policy-analysis/{source.slug}/"
    assert (brief_state["translation logs"], brief_state["latest is live"]) == (1, True)


@pytest.mark.django_db
def test_a_private_pages_translation_keeps_its_restriction(source, monkeypatch):
    factories.make_private(source)
    written_once = translated(source, arabic_values(source))
    monkeypatch.setattr(importexport_translation, "_publish_new_page", lambda *args: False)
    assert written_once == translated(source, arabic_values(source))
    restricted = [s["restrictions"] for s in written_once.values() if s["restrictions"]]
    assert restricted == [[("password", "secret")]]


@pytest.mark.django_db
def test_a_new_translation_is_written_with_one_revision(source):
    translate(source, factories.arabic(), arabic_values(source))
    target = BriefPage.objects.get(locale__language_code="ar")
    assert target.revisions.count() == 1
    assert target.live and target.live_revision_id == target.latest_revision_id


@pytest.mark.django_db
def test_editions_made_by_wagtail_localize_and_written_once_share_a_parent_in_one_run(
    tmp_path, tree
):
    # A draft edition is left to wagtail-localize's own save (treebeard inserts it); the
    # published ones around it are written once, under the same Arabic section, in the
    # same transaction.
    records = [brief(f"Brief {name}", id=name) for name in "abc"] + [
        {"kind": "analysis", "id": f"{name}-ar", "locale": "ar", "translation_of": name,
         "title": f"موجز {name}"}
        for name in "abc"
    ]  # fmt: skip

    def options(record):
        return TranslationOptions(publish=record.id != "b-ar")

    report = Importer(archive(tmp_path, records), translation_options=options).run()
    assert report.rejections == []
    editions = BriefPage.objects.filter(locale__language_code="ar").order_by("path")
    assert [(page.title, page.live) for page in editions] == [
        ("موجز a", True), ("موجز b", False), ("موجز c", True),
    ]  # fmt: skip
    parent = editions[0].get_parent()
    assert [page.get_parent() for page in editions[1:]] == [parent, parent]
