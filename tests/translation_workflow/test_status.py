"""The translation queue: statuses through a brief's life, sync on publish, filters, query bound."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, TranslationSource

from tests.support import factories
from tests.support.translation import (
    assert_refused,
    make_translator,
    publish,
    publish_english,
    submit,
    translate_and_publish,
    translate_strings,
    translation_of,
)
from translation_workflow.po_checks import missing_strings
from translation_workflow.status import TranslationStatus, queue_rows, status_for_page

S = TranslationStatus


@pytest.fixture
def translator(db, django_user_model):
    return make_translator(django_user_model)


def arabic_strings(translation):
    return dict(
        StringTranslation.objects.filter(
            locale=translation.target_locale, context__object_id=translation.source.object_id
        ).values_list("context__path", "data")
    )


def test_status_moves_through_the_whole_life_of_a_brief(tree, superuser):
    brief = factories.brief("Water and power in Basra", summary="Shortages grow every summer.")
    assert status_for_page(brief).status == S.NOT_STARTED

    translation = submit(brief, superuser)
    row = status_for_page(brief)
    assert (row.status, row.percent) == (S.IN_PROGRESS, 0)
    assert row.total_segments >= 3  # title, slug, summary, body paragraph

    translate_strings(translation, superuser, limit=2)
    row = status_for_page(brief)
    assert row.status == S.IN_PROGRESS
    assert row.translated_segments == 2
    assert row.percent == round(200 / row.total_segments)

    translate_strings(translation, superuser)
    assert status_for_page(brief).status == S.READY

    arabic = publish(translation, superuser)
    assert arabic.live and arabic.title == "عربي: Water and power in Basra"
    assert status_for_page(brief).status == S.PUBLISHED

    # The English summary changes and is published: the source is synced at once.
    publish_english(brief, summary="Shortages now last all year.")
    row = status_for_page(brief)
    assert row.status == S.OUT_OF_DATE
    assert not row.needs_sync  # already synced by the publish handler
    assert row.translated_segments == row.total_segments - 1
    assert row.action[1] == reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    # The translator sees the new string untranslated; the other translations are kept.
    kept = arabic_strings(translation)
    assert kept["title"] == "عربي: Water and power in Basra"
    # The published Arabic page is untouched until a translator republishes it.
    arabic.refresh_from_db()
    assert arabic.summary == "عربي: Shortages grow every summer."

    translate_strings(translation, superuser)
    assert status_for_page(brief).status == S.OUT_OF_DATE  # translated, not yet republished
    arabic = publish(translation, superuser)
    assert status_for_page(brief).status == S.PUBLISHED
    assert arabic.title == "عربي: Water and power in Basra"
    assert arabic.summary == "عربي: Shortages now last all year."


def test_republishing_english_without_changes_keeps_published(tree, superuser):
    brief = factories.brief("Unchanged")
    translate_and_publish(brief, superuser)
    source = TranslationSource.objects.get(object_id=brief.translation_key, locale=brief.locale)
    before = source.last_updated_at
    publish_english(brief)
    source.refresh_from_db()
    assert source.last_updated_at == before
    assert status_for_page(brief).status == S.PUBLISHED


def test_a_synchronized_field_change_makes_the_translation_out_of_date(tree, superuser):
    brief = factories.brief("Dated")
    arabic = translate_and_publish(brief, superuser)
    publish_english(brief, date=datetime.date(2024, 5, 1))
    assert status_for_page(brief).status == S.OUT_OF_DATE
    arabic = publish(translation_of(brief), superuser)
    assert arabic.date == datetime.date(2024, 5, 1)
    assert status_for_page(brief).status == S.PUBLISHED


def test_a_missed_sync_is_out_of_date_and_links_to_the_sync_view(
    tree, superuser, translator, client
):
    brief = factories.brief("Synced late")
    translate_and_publish(brief, superuser)
    # An English publish the handler did not see (e.g. before this feature was deployed).
    revision = brief.save_revision()
    Page.objects.filter(pk=brief.pk).update(
        live_revision=revision, last_published_at=timezone.now()
    )
    row = status_for_page(brief)
    assert (row.status, row.needs_sync) == (S.OUT_OF_DATE, True)
    sync_url = reverse("wagtail_localize:update_translations", args=[row.source_id])
    assert row.action == ("Sync", sync_url)

    # The admin's "Sync" records the live revision; nothing to translate changed, so the
    # translation is published and up to date again (it used to stay "Out of date").
    client.force_login(translator)
    response = client.post(sync_url, {})
    assert response.status_code == 302
    row = status_for_page(brief)
    assert (row.status, row.needs_sync) == (S.PUBLISHED, False)


def test_a_missed_sync_with_changed_text_stays_out_of_date_after_sync(
    tree, superuser, translator, client
):
    brief = factories.brief("Changed behind the handler's back", summary="Old summary.")
    translate_and_publish(brief, superuser)
    brief.summary = "New summary."
    revision = brief.save_revision()
    Page.objects.filter(pk=brief.pk).update(
        live_revision=revision, last_published_at=timezone.now()
    )
    type(brief).objects.filter(pk=brief.pk).update(summary="New summary.")
    client.force_login(translator)
    row = status_for_page(brief)
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[row.source_id]), {}
    )
    assert response.status_code == 302
    row = status_for_page(brief)
    assert (row.status, row.needs_sync) == (S.OUT_OF_DATE, False)
    assert row.translated_segments == row.total_segments - 1  # the new summary


def test_only_aliases_count_as_not_started(tree, superuser):
    brief = factories.brief("Makes aliases")
    submit(brief, superuser)
    home, experts, analysis = tree
    # Submitting the brief created Arabic aliases of home and the index: not translations yet.
    assert Page.objects.filter(locale=factories.arabic(), alias_of=analysis).exists()
    statuses = {row.page.pk: row.status for row in queue_rows()}
    assert statuses[analysis.pk] == S.NOT_STARTED
    assert statuses[home.pk] == S.NOT_STARTED
    assert statuses[brief.pk] == S.IN_PROGRESS


# The documented costs (docs/translation.md): statuses of any number of rows, the queue page
# (pages and the snippet models' terms: two queries per snippet model that has terms, one per
# model without any).
STATUS_QUERIES = 7
QUEUE_PAGE_QUERIES = 27


def _rows_in_every_status(superuser, count, start=0):
    made = []
    for n in range(start, start + count):
        expert = factories.expert(f"Author {n}")
        brief = factories.brief(f"Queue brief {n}", authors=[expert])
        kind = n % 5
        if kind >= 1:
            translation = submit(brief, superuser)
            translate_strings(translation, superuser, limit=None if kind >= 2 else 1)
            if kind >= 3:
                publish(translation, superuser)
            if kind == 4:
                publish_english(brief, summary=f"Changed {n}")
        made.append(brief)
    return made


def test_queue_rows_take_a_fixed_number_of_queries(tree, superuser):
    _rows_in_every_status(superuser, 5)
    with CaptureQueriesContext(connection) as few:
        small = queue_rows()
    _rows_in_every_status(superuser, 15, start=5)
    with CaptureQueriesContext(connection) as many:
        large = queue_rows()
    assert len(large) > len(small) + 10
    assert (len(few), len(many)) == (STATUS_QUERIES, STATUS_QUERIES)
    assert {row.status for row in large} == set(S.values)


def test_queue_view_lists_filters_and_sorts(
    tree, superuser, translator, client, django_assert_num_queries
):
    briefs = _rows_in_every_status(superuser, 10)
    client.force_login(translator)
    url = reverse("translation_queue")
    client.get(url)  # warm the per-process caches (content types, locales)
    with django_assert_num_queries(QUEUE_PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Translation queue" in html
    for brief in briefs:
        assert brief.title in html
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[briefs[0].pk])
    assert f"{submit_url}?select_locale=ar" in html
    assert status_for_page(briefs[1]).status == S.IN_PROGRESS
    assert "In progress" in html

    # Twice as many rows, same query budget.
    _rows_in_every_status(superuser, 10, start=10)
    with django_assert_num_queries(QUEUE_PAGE_QUERIES):
        assert client.get(url).status_code == 200

    ready = client.get(url, {"status": "ready"}).content.decode()
    ready_titles = [b.title for b in briefs if status_for_page(b).status == S.READY]
    assert ready_titles and all(title in ready for title in ready_titles)
    assert briefs[0].title not in ready  # not started

    expert = briefs[3].authors.first().expert
    by_author = client.get(url, {"expert": expert.pk}).content.decode()
    assert briefs[3].title in by_author and briefs[4].title not in by_author

    brief_type = briefs[0].content_type
    by_type = client.get(url, {"page_type": brief_type.pk}).content.decode()
    assert "Policy Analysis" not in by_type and briefs[0].title in by_type

    oldest_first = client.get(url, {"ordering": "date", "page_type": brief_type.pk})
    titles = [row.page.title for row in oldest_first.context["object_list"]]
    dates = [row.date for row in oldest_first.context["object_list"]]
    assert dates == sorted(dates) and len(titles) == 20


def test_queue_is_refused_to_users_without_translation_rights(tree, client, django_user_model):
    url = reverse("translation_queue")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    reader = django_user_model.objects.create_user("reader", password="password")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    assert_refused(client.get(url))
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_editors_see_the_queue_too(tree, client, editor):
    """wagtail-localize gives Editors and Moderators the right to submit translations."""
    client.force_login(editor)
    assert client.get(reverse("translation_queue")).status_code == 200


def test_queue_menu_item_is_shown_to_translators(tree, client, translator):
    client.force_login(translator)
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("translation_queue") in response.content.decode()


def test_filtering_in_place_uses_the_results_view(tree, superuser, translator, client):
    """Wagtail's filter drawer reloads only the results through the _results URL."""
    ready = factories.brief("Ready brief")
    translate_strings(submit(ready, superuser), superuser)
    factories.brief("Untouched brief")
    client.force_login(translator)
    response = client.get(reverse("translation_queue_results"), {"status": "ready"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ready brief" in html and "Untouched brief" not in html
    assert "<html" not in html  # a fragment, not a whole page
    assert client.get(reverse("translation_queue"), {"status": "bogus"}).status_code == 200


# Briefs and terms of every kind (types, regions, issues), translated or not.
QUEUE_WITH_TERMS_QUERIES = 28


def test_the_queue_lists_taxonomy_terms_and_searches_by_title(
    tree, superuser, translator, client, django_assert_num_queries
):
    iraq = factories.region("Iraq", "iraq")
    terrorism = factories.issue("Terrorism", "terrorism")
    podcast = factories.publication_type("Podcast", "podcast")
    translate_and_publish(iraq, superuser)
    podcast.description = "Conversations with our experts."
    podcast.save()
    translate_strings(submit(podcast, superuser), superuser, limit=1)
    factories.brief("Terror financing in Iraq")

    client.force_login(translator)
    url = reverse("translation_queue")
    with django_assert_num_queries(QUEUE_WITH_TERMS_QUERIES):
        response = client.get(url)
    # More terms, more translations: the same number of queries.
    for n in range(5):
        translate_and_publish(factories.region(f"Region {n}"), superuser)
        submit(factories.issue(f"Issue {n}"), superuser)
    with django_assert_num_queries(QUEUE_WITH_TERMS_QUERIES):
        assert client.get(url).status_code == 200
    rows = {row.title: row for row in response.context["object_list"]}
    assert (rows["Iraq"].status, rows["Iraq"].page_type) == (S.PUBLISHED, "region or country")
    assert rows["Podcast"].status == S.IN_PROGRESS
    assert rows["Terrorism"].status == S.NOT_STARTED
    assert rows["Terrorism"].action[1] == (
        reverse("wagtail_localize:submit_snippet_translation", args=["core", "issue", terrorism.pk])
        + "?select_locale=ar"
    )
    arabic_iraq = iraq.get_translation(factories.arabic())
    assert rows["Iraq"].action[1] == reverse(
        "wagtailsnippets_core_region:edit", args=[arabic_iraq.pk]
    )

    found = client.get(url, {"title": "terror"}).context["object_list"]
    assert [row.title for row in found] == ["Terror financing in Iraq", "Terrorism"]
    html = client.get(url, {"title": "terror"}).content.decode()
    podcast_edit = reverse("wagtailsnippets_core_publicationtype:edit", args=[podcast.pk])
    assert podcast_edit not in html
    region_type = ContentType.objects.get_for_model(type(iraq))
    only_regions = client.get(url, {"page_type": region_type.pk}).context["object_list"]
    assert sorted(row.title for row in only_regions) == ["Iraq", *(f"Region {n}" for n in range(5))]


def test_a_byline_left_in_english_is_in_progress_not_published(tree, superuser):
    brief = factories.brief(
        "Protest and power", slug="protest-and-power", byline="Staff of the Institute"
    )
    translation = submit(brief, superuser)
    copies = {"Staff of the Institute", "protest-and-power"}
    translate_strings(
        translation,
        superuser,
        text_for=lambda text: text if text in copies else f"عربي: {text}",
    )
    arabic = publish(translation, superuser)
    assert arabic.byline == "Staff of the Institute"
    row = status_for_page(brief)
    # The English byline counts as untranslated; the slug, Latin in every edition, does not.
    assert (row.status, row.total_segments - row.translated_segments) == (S.IN_PROGRESS, 1)
    assert missing_strings(translation) == (1, row.total_segments)

    StringTranslation.objects.filter(
        translation_of__data="Staff of the Institute", locale=factories.arabic()
    ).update(data="فريق المعهد")
    publish(translation, superuser)
    assert status_for_page(brief).status == S.PUBLISHED


def snippet_row(term):
    [row] = [row for row in queue_rows(snippets=True) if row.snippet == term]
    return row


def test_a_term_edited_in_english_is_out_of_date_like_a_page(
    tree, superuser, translator, client, django_capture_on_commit_callbacks
):
    iraq = factories.region("Iraq", "iraq")
    iraq.description = "Between the rivers."
    iraq.save()
    translation = submit(iraq, superuser)
    translate_strings(translation, superuser)
    arabic = publish(translation, superuser)
    assert snippet_row(iraq).status == S.PUBLISHED

    # The English term changes: the source has not been synced yet (it said "Published").
    iraq.description = "Between the Tigris and the Euphrates."
    iraq.save()
    row = snippet_row(iraq)
    sync_url = reverse("wagtail_localize:update_translations", args=[row.source_id])
    assert (row.status, row.needs_sync, row.action) == (S.OUT_OF_DATE, True, ("Sync", sync_url))

    # After the admin's Sync, the new string waits for the translator: still out of date.
    client.force_login(translator)
    assert client.post(sync_url, {}).status_code == 302
    row = snippet_row(iraq)
    assert (row.status, row.needs_sync) == (S.OUT_OF_DATE, False)
    assert row.translated_segments == row.total_segments - 1
    edit_url = reverse("wagtailsnippets_core_region:edit", args=[arabic.pk])
    assert row.action == ("Open translation editor", edit_url)

    # Translated and saved again: published.
    translate_strings(translation, superuser)
    publish(translation, superuser)
    assert snippet_row(iraq).status == S.PUBLISHED


def test_a_term_synced_without_changes_stays_published(tree, superuser, translator, client):
    iraq = factories.region("Iraq", "iraq")
    translation = submit(iraq, superuser)
    translate_strings(translation, superuser)
    publish(translation, superuser)
    iraq.save()  # saved without a change
    client.force_login(translator)
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    assert client.post(sync_url, {}).status_code == 302
    assert snippet_row(iraq).status == S.PUBLISHED
