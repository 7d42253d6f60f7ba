"""The Translators group, action by action, through the real admin views.

Allowed: the queue, submitting pages and terms for translation, wagtail-localize's editor (string
edits, PO download/upload), publishing Arabic pages, creating Arabic pages, editing Arabic terms.
Forbidden: editing, publishing, unpublishing, deleting or adding English pages, deleting the
Arabic tree, editing English terms, PO files of translations into English. Every forbidden
action is refused (403, or Wagtail's redirect to the dashboard with a permission error) and
changes nothing.
"""

import importlib
from urllib.parse import urlencode

import polib
import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringTranslation, Translation

from core.models import PublicationType, Region
from policyanalysis.models import AnalysisIndexPage, BriefPage
from tests.support import factories
from tests.support.translation import (
    assert_refused,
    make_translator,
    submit,
    translate_strings,
    translation_of,
)


@pytest.fixture
def translator(db, django_user_model):
    return make_translator(django_user_model)


@pytest.fixture
def translated(tree, superuser):
    """An English brief with an Arabic draft under translation (Arabic home created by it)."""
    brief = factories.brief("Sanctions and oil", summary="Exports fell by a third.")
    translation = submit(brief, superuser)
    return brief, translation, translation.get_target_instance().specific


@pytest.fixture
def as_translator(client, translator):
    client.force_login(translator)
    return client


def brief_form(title, slug, publication_type, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "subtitle": "",
            "publication_type": publication_type.pk,
            "date": "2025-03-01",
            "summary": "",
            "hero_caption": "",
            "hero_credit": "",
            "body": streamfield([("paragraph", rich_text("<p>نص عربي.</p>"))]),
            "recommended": streamfield([]),
            "endnotes": streamfield([]),
            "authors": inline_formset([]),
            "byline": "",
            "tags": "",
            "seo_title": "",
            "search_description": "",
            "comments": inline_formset([]),
            **extra,
        }
    )


# Allowed ---------------------------------------------------------------------------------


def test_the_group_gets_the_arabic_subtree_when_its_root_is_created(translated):
    arabic_home = Page.objects.get(depth=2, locale=factories.arabic())
    granted = set(
        GroupPagePermission.objects.filter(group__name="Translators").values_list(
            "page_id", "permission__codename"
        )
    )
    assert granted == {
        (arabic_home.pk, "add_page"),
        (arabic_home.pk, "change_page"),
        (arabic_home.pk, "publish_page"),
    }


def test_translator_submits_an_english_page_for_translation(tree, as_translator):
    brief = factories.brief("Elections in Kurdistan")
    url = reverse("wagtail_localize:submit_page_translation", args=[brief.pk])
    assert as_translator.get(url).status_code == 200
    response = as_translator.post(url, {"locales": [factories.arabic().pk]})
    assert response.status_code == 302
    arabic = BriefPage.objects.get(translation_key=brief.translation_key, locale=factories.arabic())
    assert not arabic.live  # a draft until a translator publishes it
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    brief.refresh_from_db()
    assert brief.title == "Elections in Kurdistan"


def test_translator_opens_the_translation_editor(translated, as_translator):
    _brief, _translation, arabic = translated
    response = as_translator.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk]))
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]


def test_translator_edits_a_string_through_the_editor_api(translated, as_translator):
    _brief, translation, _arabic = translated
    segment = translation.source.stringsegment_set.get(context__path="summary")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = as_translator.put(
        url,
        urlencode({"value": "انخفضت الصادرات بمقدار الثلث."}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201
    assert (
        StringTranslation.objects.get(
            translation_of=segment.string, locale=factories.arabic(), context=segment.context
        ).data
        == "انخفضت الصادرات بمقدار الثلث."
    )


def test_translator_downloads_and_uploads_a_po_file(translated, as_translator):
    _brief, translation, arabic = translated
    response = as_translator.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    entry = next(e for e in po if e.msgctxt == "summary")
    entry.msgstr = "انخفضت الصادرات بمقدار الثلث."
    next_url = reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    response = as_translator.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]) + f"?next={next_url}",
        {"file": SimpleUploadedFile("brief-ar.po", str(po).encode(), "text/x-gettext-translation")},
    )
    assert response.status_code == 302
    assert StringTranslation.objects.filter(data="انخفضت الصادرات بمقدار الثلث.").exists()


def test_translator_publishes_the_arabic_page(
    translated, as_translator, django_capture_on_commit_callbacks
):
    _brief, translation, arabic = translated
    translate_strings(translation)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_translator.post(
            reverse("wagtailadmin_pages:edit", args=[arabic.pk]), {"action": "publish"}
        )
    assert response.status_code == 302
    arabic.refresh_from_db()
    assert arabic.live
    assert arabic.title == "عربي: Sanctions and oil"


def test_translator_creates_an_arabic_page(translated, as_translator):
    arabic_index = AnalysisIndexPage.objects.get(locale=factories.arabic())
    arabic_type = factories.term(
        PublicationType, "تحليل موجز", "brief-analysis", factories.arabic()
    )
    url = reverse("wagtailadmin_pages:add", args=["policyanalysis", "briefpage", arabic_index.pk])
    assert as_translator.get(url).status_code == 200
    response = as_translator.post(url, brief_form("تحليل جديد", "new-analysis", arabic_type))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    created = BriefPage.objects.get(slug="new-analysis")
    assert created.locale == factories.arabic()


def test_translator_translates_and_edits_arabic_taxonomy_names(tree, as_translator):
    iraq = factories.region("Iraq")
    response = as_translator.post(
        reverse("wagtail_localize:submit_snippet_translation", args=["core", "region", iraq.pk]),
        {"locales": [factories.arabic().pk]},
    )
    assert response.status_code == 302
    arabic_iraq = Region.objects.get(
        translation_key=iraq.translation_key, locale=factories.arabic()
    )
    edit_url = reverse("wagtailsnippets_core_region:edit", args=[arabic_iraq.pk])
    response = as_translator.get(edit_url)
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    translation = translation_of(iraq)
    segment = translation.source.stringsegment_set.get(context__path="name")
    response = as_translator.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": "العراق"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201


# Forbidden -------------------------------------------------------------------------------


def _revisions(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_translator_cannot_open_or_save_an_english_page(translated, as_translator):
    brief, _translation, _arabic = translated
    url = reverse("wagtailadmin_pages:edit", args=[brief.pk])
    revisions = _revisions(brief)
    assert_refused(as_translator.get(url))
    response = as_translator.post(
        url, brief_form("Hijacked", brief.slug, brief.publication_type, **{"action-publish": "1"})
    )
    assert_refused(response)
    brief.refresh_from_db()
    assert brief.title == "Sanctions and oil" and _revisions(brief) == revisions


def test_translator_cannot_publish_via_the_translation_editor_on_english(translated, as_translator):
    brief, _translation, _arabic = translated
    response = as_translator.post(
        reverse("wagtailadmin_pages:edit", args=[brief.pk]), {"action": "publish"}
    )
    assert_refused(response)


def test_translator_cannot_delete_english_pages(translated, as_translator):
    brief, _translation, _arabic = translated
    assert_refused(as_translator.post(reverse("wagtailadmin_pages:delete", args=[brief.pk])))
    assert Page.objects.filter(pk=brief.pk).exists()


def test_translator_cannot_delete_the_arabic_tree_but_may_delete_one_arabic_page(
    translated, as_translator
):
    """Wagtail ties deleting a leaf page to 'change'; a whole subtree needs 'bulk_delete',
    which translators do not have."""
    _brief, _translation, arabic = translated
    arabic_home = Page.objects.get(depth=2, locale=factories.arabic())
    assert_refused(as_translator.post(reverse("wagtailadmin_pages:delete", args=[arabic_home.pk])))
    assert Page.objects.filter(pk=arabic_home.pk).exists()
    response = as_translator.post(reverse("wagtailadmin_pages:delete", args=[arabic.pk]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=arabic.pk).exists()


def test_translator_cannot_unpublish_english_pages(translated, as_translator):
    brief, _translation, _arabic = translated
    response = as_translator.post(reverse("wagtailadmin_pages:unpublish", args=[brief.pk]))
    assert_refused(response)
    brief.refresh_from_db()
    assert brief.live


def test_translator_cannot_add_english_pages(translated, as_translator):
    _home, _experts, analysis = factories.site_tree()
    url = reverse("wagtailadmin_pages:add", args=["policyanalysis", "briefpage", analysis.pk])
    before = BriefPage.objects.count()
    assert_refused(as_translator.get(url))
    response = as_translator.post(url, brief_form("Sneaky", "sneaky", factories.publication_type()))
    assert_refused(response)
    assert BriefPage.objects.count() == before


def test_translator_cannot_edit_english_taxonomy_names(tree, as_translator):
    iraq = factories.region("Iraq")
    url = reverse("wagtailsnippets_core_region:edit", args=[iraq.pk])
    assert_refused(as_translator.get(url))
    response = as_translator.post(url, {"name": "Mesopotamia", "slug": "iraq", "sort_order": 0})
    assert_refused(response)
    iraq.refresh_from_db()
    assert iraq.name == "Iraq"


def test_translator_cannot_touch_translations_into_english(tree, superuser, as_translator):
    """A translation whose target is an English page (Arabic-first content) is not theirs."""
    home = factories.home_page()
    arabic_home = home.copy_for_translation(factories.arabic())
    arabic_home.save_revision().publish()
    arabic_only = arabic_home.add_child(
        instance=AnalysisIndexPage(title="تحليلات", slug="analysis-ar", locale=factories.arabic())
    )
    # Remove the English index so the Arabic one can be translated into English.
    AnalysisIndexPage.objects.filter(locale=factories.english()).delete()
    translation = submit_to_english(arabic_only, superuser)
    download = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    assert_refused(as_translator.get(download))
    upload = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    po_file = SimpleUploadedFile("x.po", str(translation.export_po()).encode())
    assert_refused(as_translator.post(upload, {"file": po_file}))


def submit_to_english(page, user):
    from wagtail_localize.operations import translate_object

    translate_object(page, [factories.english()], user=user)
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=factories.english()
    )


@pytest.fixture
def translators_may_add_and_delete_terms(db):
    """An administrator widened the group: the Arabic-only rule must still hold."""
    group = Group.objects.get(name="Translators")
    group.permissions.add(*Permission.objects.filter(codename__in=["add_region", "delete_region"]))


def test_widened_translators_still_cannot_create_or_delete_english_terms(
    tree, as_translator, translators_may_add_and_delete_terms
):
    iraq = factories.region("Iraq")
    add = reverse("wagtailsnippets_core_region:add")
    assert_refused(as_translator.get(add))
    assert_refused(as_translator.post(add, {"name": "Syria", "slug": "syria", "sort_order": 0}))
    assert not Region.objects.filter(slug="syria").exists()
    delete = reverse("wagtailsnippets_core_region:delete", args=[iraq.pk])
    assert_refused(as_translator.post(delete))
    assert Region.objects.filter(pk=iraq.pk).exists()


def test_widened_translators_may_create_and_delete_arabic_terms(
    tree, as_translator, translators_may_add_and_delete_terms
):
    add = reverse("wagtailsnippets_core_region:add") + "?locale=ar"
    response = as_translator.post(
        add, {"name": "سوريا", "slug": "syria", "description": "", "sort_order": 0}
    )
    assert response.status_code == 302
    syria = Region.objects.get(slug="syria")
    assert syria.locale == factories.arabic()
    response = as_translator.post(reverse("wagtailsnippets_core_region:delete", args=[syria.pk]))
    assert response.status_code == 302
    assert not Region.objects.filter(pk=syria.pk).exists()


def test_the_migration_grants_existing_arabic_roots(tree, superuser):
    """Sites that already have an Arabic tree when the migration runs get the grant too."""
    home = factories.home_page()
    arabic_home = home.copy_for_translation(factories.arabic())
    GroupPagePermission.objects.filter(group__name="Translators").delete()
    migration = importlib.import_module("translation_workflow.migrations.0001_translators_group")
    migration.create_translators(django_apps, None)
    assert set(
        GroupPagePermission.objects.filter(group__name="Translators").values_list(
            "page_id", "permission__codename"
        )
    ) == {(arabic_home.pk, code) for code in ("add_page", "change_page", "publish_page")}
