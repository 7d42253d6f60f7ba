"""PO files: the editor's download/upload round trip and the folder export/import commands."""

import io

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.translation import (
    make_translator,
    publish,
    publish_english,
    submit,
    translate_and_publish,
    translate_strings,
    translation_of,
)

OFFLINE = "ترجمة دون اتصال: "


@pytest.fixture
def translator(db, django_user_model):
    return make_translator(django_user_model)


def translate_offline(po):
    for entry in po:
        if not entry.obsolete:
            entry.msgstr = OFFLINE + entry.msgid
    return po


def test_po_round_trip_through_the_admin_shows_on_the_arabic_page(
    tree, superuser, translator, client, django_capture_on_commit_callbacks
):
    brief = factories.brief(
        "Iraq and the oil law", summary="Parliament has debated it since 2007.", slug="iraq-oil-law"
    )
    translate_and_publish(factories.home_page(), superuser)
    _home, _experts, analysis = tree
    translate_and_publish(analysis, superuser)
    translation = submit(brief, superuser)
    arabic = translation.get_target_instance()
    client.force_login(translator)

    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith("-ar.po")
    po = translate_offline(polib.pofile(download.content.decode()))
    assert {"title", "summary"} <= {entry.msgctxt for entry in po}

    edit_url = reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]) + f"?next={edit_url}",
        {"file": SimpleUploadedFile("brief.po", str(po).encode())},
    )
    assert upload.status_code == 302 and upload["Location"] == edit_url
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit_url, {"action": "publish"}).status_code == 302

    arabic = BriefPage.objects.get(pk=arabic.pk)
    assert arabic.live
    response = client.get(arabic.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert OFFLINE + "Iraq and the oil law" in html
    assert OFFLINE + "Parliament has debated it since 2007." in html


def test_uploading_another_translations_po_changes_nothing(tree, superuser, client):
    first = submit(factories.brief("First"), superuser)
    second = submit(factories.brief("Second"), superuser)
    client.force_login(superuser)
    po = translate_offline(first.export_po())
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[second.pk]),
        {"file": SimpleUploadedFile("first.po", str(po).encode())},
        follow=True,
    )
    assert "different translation" in response.content.decode()
    assert not StringTranslation.objects.filter(data__startswith=OFFLINE).exists()


@pytest.fixture
def pending(tree, superuser):
    """A brief in each status; returns them by status."""
    not_started = factories.brief("Not started", slug="not-started")
    in_progress = factories.brief("In progress", slug="in-progress")
    translate_strings(submit(in_progress, superuser), limit=1)
    published = factories.brief("Published", slug="published")
    translate_and_publish(published, superuser)
    out_of_date = factories.brief("Out of date", slug="out-of-date")
    translate_and_publish(out_of_date, superuser)
    publish_english(out_of_date, summary="A new summary.")
    return {
        "not_started": not_started,
        "in_progress": in_progress,
        "published": published,
        "out_of_date": out_of_date,
    }


def test_export_writes_one_file_per_pending_translation(pending, tmp_path):
    out = io.StringIO()
    call_command("export_translations_po", str(tmp_path), stdout=out)
    names = sorted(path.name for path in tmp_path.glob("*.po"))
    expected = sorted(
        f"{pending[key].slug}-{translation_of(pending[key]).pk}.po"
        for key in ("in_progress", "out_of_date")
    )
    assert names == expected
    assert "Wrote 2 PO files" in out.getvalue()
    po = polib.pofile(str(tmp_path / expected[0]))
    assert po.metadata["X-WagtailLocalize-TranslationID"]


def test_export_refuses_an_unknown_locale(db, tmp_path):
    with pytest.raises(CommandError, match="no locale 'fr'"):
        call_command("export_translations_po", str(tmp_path), "--locale", "fr")


def test_import_applies_good_files_and_rejects_bad_ones_whole(pending, tmp_path, superuser):
    call_command("export_translations_po", str(tmp_path), stdout=io.StringIO())
    in_progress = translation_of(pending["in_progress"])
    out_of_date = translation_of(pending["out_of_date"])
    good = tmp_path / f"in-progress-{in_progress.pk}.po"
    translate_offline(polib.pofile(str(good))).save(str(good))
    # A translator's editor broke the other file: a stray line in the middle of an entry.
    broken = tmp_path / f"out-of-date-{out_of_date.pk}.po"
    text = str(translate_offline(polib.pofile(str(broken))))
    broken.write_text(text.replace("\nmsgctxt", "\nstray text\nmsgctxt", 2), encoding="utf-8")
    before = set(
        StringTranslation.objects.filter(
            context__object_id=out_of_date.source.object_id
        ).values_list("pk", "data")
    )
    (tmp_path / "stranger.po").write_text(str(polib.POFile()), encoding="utf-8")

    out = io.StringIO()
    with pytest.raises(CommandError, match="2 of 3 files rejected"):
        call_command("import_translations_po", str(tmp_path), stdout=out)
    report = out.getvalue()
    total, _done = in_progress.get_progress()
    # every entry changed: the one translated in the editor was retranslated offline
    assert f"applied  {good.name}: {total} strings updated" in report
    assert f"REJECTED {broken.name}: not a valid PO file" in report
    assert "REJECTED stranger.po: no X-WagtailLocalize-TranslationID header" in report
    assert in_progress.get_progress() == (total, total)
    after = set(
        StringTranslation.objects.filter(
            context__object_id=out_of_date.source.object_id
        ).values_list("pk", "data")
    )
    assert after == before


def test_import_with_publish_puts_the_text_live(
    pending, tmp_path, django_capture_on_commit_callbacks
):
    call_command("export_translations_po", str(tmp_path), stdout=io.StringIO())
    translation = translation_of(pending["in_progress"])
    path = tmp_path / f"in-progress-{translation.pk}.po"
    translate_offline(polib.pofile(str(path))).save(str(path))
    (tmp_path / f"out-of-date-{translation_of(pending['out_of_date']).pk}.po").unlink()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_translations_po", str(tmp_path), "--publish", stdout=out)
    assert "published" in out.getvalue()
    arabic = translation.get_target_instance().specific
    assert arabic.live and arabic.title == OFFLINE + "In progress"


def test_import_reports_entries_that_match_nothing(pending, tmp_path):
    translation = translation_of(pending["in_progress"])
    po = translate_offline(translation.export_po())
    po.append(polib.POEntry(msgid="Not in the page", msgstr="ليس في الصفحة", msgctxt="summary"))
    po.save(str(tmp_path / "extra.po"))
    out = io.StringIO()
    call_command("import_translations_po", str(tmp_path), stdout=out)
    assert "skipped entry" in out.getvalue() and "Not in the page" in out.getvalue()


def test_publish_helper_still_works_after_import(pending, superuser):
    """Importing does not disturb the editor: publishing afterwards keeps imported strings."""
    translation = translation_of(pending["in_progress"])
    po = translate_offline(translation.export_po())
    translation.import_po(po)
    arabic = publish(translation, superuser)
    assert arabic.summary.startswith(OFFLINE)
