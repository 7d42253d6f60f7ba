"""PO files: the editor's download/upload round trip and the folder export/import commands.

The import never reports a string as updated when wagtail-localize refused it, never moves a
page's URL because of a slug conflict, and publishes only complete translations; the export
carries what CAT tools need (header, readable context, source URL); a dry run changes nothing.
"""

import io

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.translation import (
    arabic_text,
    make_translator,
    publish,
    publish_english,
    submit,
    translate_and_publish,
    translate_strings,
    translation_of,
)
from translation_workflow.po_context import plural_forms

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
    assert "  published" in out.getvalue().splitlines()
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


# --- Rejections: what wagtail-localize refuses is reported, never counted, never published ---

TITLE = "Iraq and the oil law"
DIV_REFUSED = (
    "<div> tag is not allowed. "
    "Strings can only contain standard HTML inline tags (such as <b>, <a>)"
)


@pytest.fixture
def arabic_brief(tree, superuser):
    """A brief with a paragraph and a quote, its Arabic edition live at
    /ar/policy-analysis/iraq-oil-law/, and a live Arabic sibling at /ar/policy-analysis/sibling/."""
    _home, _experts, analysis = tree
    translate_and_publish(factories.home_page(), superuser)
    translate_and_publish(analysis, superuser)
    translate_and_publish(factories.brief("Sibling", slug="sibling"), superuser)
    brief = factories.brief(
        TITLE,
        slug="iraq-oil-law",
        summary="Parliament has debated it since 2007.",
        body=[
            ("paragraph", "<p>The law is <b>stalled</b>.</p>"),
            ("quote", {"quote": "Oil is politics.", "attribution": "A minister"}),
        ],
    )
    translate_and_publish(brief, superuser)
    return brief, translation_of(brief)


def po_with(translation, path, **msgstrs):
    """Write ``translation``'s PO file (current translations filled in) to ``path`` with the
    msgstr of the given contexts replaced."""
    po = translation.export_po()
    for entry in po:
        if entry.msgctxt in msgstrs:
            entry.msgstr = msgstrs[entry.msgctxt]
    po.save(str(path))


def live_arabic(brief):
    return BriefPage.objects.get(pk=brief.get_translation(factories.arabic()).pk)


def run_import(folder, *flags):
    """Run import_translations_po (publishing callbacks executed): (output lines, error)."""
    out = io.StringIO()
    error = None
    with TestCase.captureOnCommitCallbacks(execute=True):
        try:
            call_command("import_translations_po", str(folder), *flags, stdout=out)
        except CommandError as exc:
            error = str(exc)
    return out.getvalue().splitlines(), error


def test_a_string_with_refused_markup_is_rejected_and_blocks_publishing(arabic_brief, tmp_path):
    brief, translation = arabic_brief
    po_with(translation, tmp_path / "brief.po", title="<div>عنوان جديد</div>", summary="ملخص جديد")

    lines, error = run_import(tmp_path, "--publish")

    blocker = "1 string rejected (fix it, or pass --publish-with-rejections to publish the rest)"
    assert lines == [
        "applied  brief.po: 1 string updated, 1 rejected",
        f"  rejected entry 1, {TITLE} › Title: '<div>عنوان جديد</div>': {DIV_REFUSED}",
        f"  not published: {blocker}",
        "Not published (1):",
        f"  {TITLE} (brief.po): {blocker}",
    ]
    assert error == "1 string rejected (the rest was applied); fix them and run the import again."
    # The refused string did not replace the good translation, and nothing went live.
    title = StringTranslation.objects.get(context__path="title", translation_of__data=TITLE)
    assert (title.data, title.has_error) == (arabic_text(TITLE), False)
    arabic = live_arabic(brief)
    assert (arabic.title, arabic.summary) == (
        arabic_text(TITLE),
        arabic_text("Parliament has debated it since 2007."),
    )


def test_publish_with_rejections_keeps_the_previous_arabic_title(arabic_brief, tmp_path):
    brief, translation = arabic_brief
    po_with(translation, tmp_path / "brief.po", title="<div>عنوان جديد</div>", summary="ملخص جديد")

    lines, error = run_import(tmp_path, "--publish-with-rejections")

    assert lines == [
        "applied  brief.po: 1 string updated, 1 rejected",
        f"  rejected entry 1, {TITLE} › Title: '<div>عنوان جديد</div>': {DIV_REFUSED}",
        "  published",
    ]
    assert error == "1 string rejected (the rest was applied); fix them and run the import again."
    arabic = live_arabic(brief)
    assert arabic.live
    assert (arabic.title, arabic.summary) == (arabic_text(TITLE), "ملخص جديد")


def test_a_link_id_the_source_lacks_is_rejected(arabic_brief, tmp_path):
    brief, translation = arabic_brief
    paragraph = next(e.msgctxt for e in translation.export_po() if e.msgctxt.startswith("body."))
    po_with(translation, tmp_path / "brief.po", **{paragraph: 'القانون <a id="a9">معطل</a>.'})

    lines, error = run_import(tmp_path)

    assert lines == [
        "applied  brief.po: 0 strings updated, 1 rejected",
        f"  rejected entry 4, {TITLE} › Body › Paragraph (block 1 of 2): "
        "'القانون <a id=\"a9\">معطل</a>.': Unrecognised id found in an <a> tag: a9",
    ]
    assert error == "1 string rejected (the rest was applied); fix them and run the import again."


def test_a_slug_a_sibling_uses_is_rejected_and_the_url_stays(arabic_brief, tmp_path):
    brief, translation = arabic_brief
    po_with(translation, tmp_path / "brief.po", slug="sibling", summary="ملخص جديد")

    lines, error = run_import(tmp_path, "--publish-with-rejections")

    assert lines == [
        "applied  brief.po: 1 string updated, 1 rejected",
        f"  rejected entry 2, {TITLE} › Slug: 'sibling': the slug 'sibling' is already used by "
        "'عربي: Sibling' under the same parent (/ar/policy-analysis/); the page keeps its "
        "address /ar/policy-analysis/iraq-oil-law/",
        "  published",
    ]
    assert error == "1 string rejected (the rest was applied); fix them and run the import again."
    arabic = live_arabic(brief)
    assert (arabic.url, arabic.summary) == ("/ar/policy-analysis/iraq-oil-law/", "ملخص جديد")


def test_a_slug_in_arabic_letters_is_rejected(arabic_brief, tmp_path):
    brief, translation = arabic_brief
    po_with(translation, tmp_path / "brief.po", slug="قانون-النفط")

    lines, error = run_import(tmp_path)

    assert lines == [
        "applied  brief.po: 0 strings updated, 1 rejected",
        f"  rejected entry 2, {TITLE} › Slug: 'قانون-النفط': 'قانون-النفط' cannot be a slug: "
        "only Latin letters, digits and hyphens are kept; write the slug in Latin letters "
        "(a transliteration)",
    ]
    assert live_arabic(brief).url == "/ar/policy-analysis/iraq-oil-law/"


# --- Files for CAT tools, dry run, publishing only what is complete ---


def test_export_carries_the_header_and_readable_context_cat_tools_show(
    arabic_brief, tmp_path, settings
):
    brief, translation = arabic_brief
    publish_english(brief, summary="Parliament has debated it since 2008.")  # now out of date
    call_command("export_translations_po", str(tmp_path), stdout=io.StringIO())
    path = tmp_path / f"iraq-oil-law-{translation.pk}.po"
    po = polib.pofile(str(path))

    assert {
        key: po.metadata[key] for key in ("Project-Id-Version", "Language", "Plural-Forms")
    } == {
        "Project-Id-Version": f"{settings.WAGTAIL_SITE_NAME}: {TITLE}",
        "Language": "ar",
        "Plural-Forms": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
    }
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    url = "http://localhost/policy-analysis/iraq-oil-law/"
    current = [entry for entry in po if not entry.obsolete]
    assert [(entry.comment, entry.msgid) for entry in current] == [
        (f"{TITLE} › Title", TITLE),
        (f"{TITLE} › Slug", "iraq-oil-law"),
        (f"{TITLE} › Summary", "Parliament has debated it since 2008."),
        (f"{TITLE} › Body › Paragraph (block 1 of 2)", "The law is <b>stalled</b>."),
        (f"{TITLE} › Body › Quote (block 2 of 2) › Quote", "Oil is politics."),
        (f"{TITLE} › Body › Quote (block 2 of 2) › Attribution", "A minister"),
    ]
    assert {tuple(entry.occurrences) for entry in current} == {((url, ""),)}
    text = path.read_text(encoding="utf-8")
    assert f"#. {TITLE} › Body › Quote (block 2 of 2) › Attribution\n#: {url}\n" in text
    # The msgctxt wagtail-localize needs is untouched: the file imports back.
    po.find("Parliament has debated it since 2008.").msgstr = "ناقشه البرلمان منذ 2008."
    po.save(str(path))
    lines, error = run_import(tmp_path, "--publish")
    assert (lines, error) == ([f"applied  {path.name}: 1 string updated", "  published"], None)
    assert live_arabic(brief).summary == "ناقشه البرلمان منذ 2008."


def test_a_terms_file_names_the_term_and_field_and_has_no_page_url(db, superuser, tmp_path):
    translation = submit(factories.region("Iraq"), superuser)
    call_command("export_translations_po", str(tmp_path), stdout=io.StringIO())
    po = polib.pofile(str(tmp_path / f"iraq-{translation.pk}.po"))
    assert [(e.comment, e.occurrences, e.msgid) for e in po] == [("Iraq › Name", [], "Iraq")]


def test_plural_forms_of_other_languages_come_from_djangos_catalogue():
    assert plural_forms("fr") == "nplurals=2; plural=(n > 1);"


def strings_of(translation):
    return set(
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id
        ).values_list("pk", "data", "has_error")
    )


def test_dry_run_shows_what_would_change_and_changes_nothing(arabic_brief, tmp_path):
    brief, translation = arabic_brief
    po_with(
        translation,
        tmp_path / "brief.po",
        summary="ملخص جديد",
        title="<div>عنوان جديد</div>",
    )
    before = strings_of(translation)
    revisions = brief.get_translation(factories.arabic()).revisions.count()

    lines, error = run_import(tmp_path, "--dry-run", "--publish-with-rejections")

    assert lines == [
        "dry run  brief.po: 1 string would be updated, 1 rejected",
        f"  would update entry 3, {TITLE} › Summary: "
        "'عربي: Parliament has debated it since 2007.' → 'ملخص جديد'",
        f"  rejected entry 1, {TITLE} › Title: '<div>عنوان جديد</div>': {DIV_REFUSED}",
        "  would publish",
        "Dry run: nothing was changed.",
    ]
    assert error == (
        "1 string rejected (the rest was not applied); fix them and run the import again."
    )
    assert strings_of(translation) == before
    arabic = live_arabic(brief)
    assert arabic.revisions.count() == revisions
    assert arabic.summary == arabic_text("Parliament has debated it since 2007.")


def test_publish_publishes_only_complete_translations_and_names_the_rest(pending, tmp_path):
    call_command("export_translations_po", str(tmp_path), stdout=io.StringIO())
    in_progress = translation_of(pending["in_progress"])
    out_of_date = translation_of(pending["out_of_date"])
    complete = tmp_path / f"in-progress-{in_progress.pk}.po"
    translate_offline(polib.pofile(str(complete))).save(str(complete))
    # The out-of-date file comes back as exported: its new summary is still untranslated.
    incomplete = f"out-of-date-{out_of_date.pk}.po"
    total, _done = out_of_date.get_progress()
    arabic_summary = out_of_date.get_target_instance().specific.summary

    lines, error = run_import(tmp_path, "--publish")

    assert error is None
    assert lines[-2:] == [
        "Not published (1):",
        f"  Out of date ({incomplete}): 1 of {total} strings untranslated",
    ]
    assert f"applied  {incomplete}: 0 strings updated" in lines
    assert in_progress.get_target_instance().specific.live
    assert in_progress.get_target_instance().specific.title == OFFLINE + "In progress"
    assert out_of_date.get_target_instance().specific.summary == arabic_summary


def test_a_title_longer_than_the_page_holds_is_rejected_and_not_published(arabic_brief, tmp_path):
    """Rejected before wagtail-localize writes it (PostgreSQL would refuse the write itself),
    with the same report on every database."""
    brief, translation = arabic_brief
    po_with(translation, tmp_path / "brief.po", title="ع" * 300)

    lines, error = run_import(tmp_path, "--publish")

    blocker = "1 string rejected (fix it, or pass --publish-with-rejections to publish the rest)"
    assert lines == [
        "applied  brief.po: 0 strings updated, 1 rejected",
        f"  rejected entry 1, {TITLE} › Title: {'ع' * 80!r}: "
        "longer than the 255 characters the field holds (it has 300)",
        f"  not published: {blocker}",
        "Not published (1):",
        f"  {TITLE} (brief.po): {blocker}",
    ]
    assert error == "1 string rejected (the rest was applied); fix them and run the import again."
    assert live_arabic(brief).title == arabic_text(TITLE)
