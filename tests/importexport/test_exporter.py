"""import_analysis and export_analysis: typed blocks, idempotence, updates as revisions,
author matching, wagtail-localize translations, export -> import -> export identity."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from experts.models import ExpertPage
from importexport.models import ImportedRecord
from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.imports import (
    archive,
    brief,
    empty_database,
    fixture_archive,
    run,
    snapshot,
)

pytestmark = pytest.mark.django_db


def _brief(slug, locale="en"):
    return BriefPage.objects.get(slug=slug, locale__language_code=locale)


def test_fixture_becomes_typed_blocks_with_internal_links(tmp_path, client):
    code, out, _ = run("import_analysis", fixture_archive(tmp_path))
    assert code == 0, out
    page = _brief("a-strategic-dialogue")
    rockets = _brief("iran-rockets")
    blocks = list(page.body.raw_data)
    assert [b["type"] for b in blocks] == ["heading", "paragraph", "quote", "table", "image"]
    assert blocks[0]["value"] == {"text": "U.S. Interests in Iraq", "level": "2", "anchor": ""}
    paragraph = blocks[1]["value"]
    assert '<a href="https://www.state.gov/remarks/">the remarks</a>' in paragraph
    # A forward link to a brief later in the file became an internal page link.
    assert f'<a linktype="page" id="{rockets.pk}">our rockets brief</a>' in paragraph
    assert "<ul><li>Security of forces</li><li>Energy independence</li></ul>" in paragraph
    assert blocks[2]["value"] == {
        "quote": "A dialogue is the place to start.",
        "attribution": "Joint statement",
    }
    assert blocks[3]["value"]["data"] == [["Year", "Troops"], ["2019", "5,200"]]
    assert blocks[3]["value"]["first_row_is_table_header"] is True
    assert blocks[4]["value"]["alt_text"] == "Troop levels"
    assert blocks[4]["value"]["caption"] == "Troops by year"
    # Recommended resolved in the second pass; Markdown bodies work too.
    assert page.recommended.raw_data[0]["value"]["items"] == [rockets.pk]
    assert [b["type"] for b in rockets.body.raw_data] == ["heading", "paragraph"]
    assert f'linktype="page" id="{page.pk}"' in rockets.body.raw_data[1]["value"]
    # Taxonomy, tags, authors in order, expert details.
    assert page.publication_type.name == "Brief Analysis"
    assert [r.name for r in page.regions.all()] == ["Iraq"]
    assert sorted(t.name for t in page.tags.all()) == ["dialogue", "security"]
    assert [a.expert.title for a in page.authors.order_by("sort_order")] == [
        "Karl Kaltenthaler",
        "Munqith Dagher",
    ]
    karl = ExpertPage.objects.get(slug="karl-kaltenthaler", locale__language_code="en")
    assert karl.languages == "English, German"
    assert [(link.kind, link.url) for link in karl.links.all()] == [
        ("email", "mailto:karl@example.org"),
        ("website", "https://example.org/karl"),
        ("other", "https://example.social/@karl"),
    ]
    assert karl.photo is not None and karl.photo.width == 300
    assert {t.name for t in karl.expertise_regions.all()} == {"Iraq"}
    # The search index was updated once the import was over.
    assert list(BriefPage.objects.live().search("Strategic Dialogue")) == [page]
    response = client.get("/policy-analysis/a-strategic-dialogue/")
    assert response.status_code == 200
    assert "A dialogue is the place to start." in response.content.decode()


def test_reimport_is_idempotent_and_changes_become_revisions(tmp_path):
    path = fixture_archive(tmp_path)
    run("import_analysis", path)
    before = snapshot()
    translations = StringTranslation.objects.count()
    code, out, _ = run("import_analysis", path)
    assert code == 0
    assert snapshot() == before
    assert StringTranslation.objects.count() == translations
    row = next(line for line in out.splitlines() if line.startswith("analysis "))
    assert row.split()[1:] == ["0", "0", "2", "0"]

    page = _brief("a-strategic-dialogue")
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[5])
    record["title"] = "A Strategic Dialogue, Revisited"
    lines[5] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    code, out, _ = run("import_analysis", path, "--draft")
    assert code == 0
    page.refresh_from_db()
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions + 1
    assert page.title == "A Strategic Dialogue"  # the live version is unchanged
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "A Strategic Dialogue, Revisited"
    assert BriefPage.objects.filter(locale__language_code="en").count() == 2

    code, out, _ = run("import_analysis", path, "--publish")
    row = next(line for line in out.splitlines() if line.startswith("analysis "))
    assert row.split()[1:] == ["0", "1", "1", "0"]
    page.refresh_from_db()
    assert page.title == "A Strategic Dialogue, Revisited" and page.live
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions + 2
    assert ImportedRecord.objects.filter(kind="analysis", locale="en").count() == 2


def test_authors_by_name_match_existing_experts_exactly(tmp_path):
    existing = factories.expert("Jane Roe", slug="jane-roe")
    factories.expert("Jane Roe Smith", slug="jane-roe-smith")
    path = archive(
        tmp_path,
        [
            brief("First", authors=[{"name": "Jane Roe"}, {"name": "John Doe"}]),
            brief("Second", authors=[{"name": "John Doe"}, {"name": "jane roe"}]),
        ],
    )
    code, out, _ = run("import_analysis", path)
    assert code == 0
    first = BriefPage.objects.get(title="First")
    second = BriefPage.objects.get(title="Second")
    assert [a.expert_id for a in first.authors.order_by("sort_order")][0] == existing.pk
    john = ExpertPage.objects.get(title="John Doe")
    assert john.slug == "john-doe" and john.live
    assert [a.expert_id for a in second.authors.order_by("sort_order")][0] == john.pk
    # Matching is exact: a different case is a different name, so a new profile.
    lower = ExpertPage.objects.get(title="jane roe")
    assert lower.pk != existing.pk and lower.slug == "jane-roe-1"
    assert ExpertPage.objects.filter(title="John Doe").count() == 1
    assert "created expert profiles from author names: John Doe, jane roe" in out


def test_translation_records_become_wagtail_localize_translations(tmp_path, client):
    code, out, _ = run("import_analysis", fixture_archive(tmp_path))
    assert code == 0, out
    arabic = Locale.objects.get(language_code="ar")
    source_page = _brief("a-strategic-dialogue")
    ar_page = BriefPage.objects.get(translation_key=source_page.translation_key, locale=arabic)
    assert ar_page.live and ar_page.title == "حوار استراتيجي"
    assert ar_page.get_parent().specific.translation_key == source_page.get_parent().translation_key
    source = TranslationSource.objects.get(
        object_id=source_page.translation_key, locale=source_page.locale
    )
    translation = Translation.objects.get(source=source, target_locale=arabic)
    total, done = translation.get_progress()
    assert total == done > 10
    imported = StringTranslation.objects.filter(locale=arabic, tool_name="bulk import")
    assert imported.filter(data="أمن القوات").exists()
    # Same block ids as the source: wagtail-localize paired the segments.
    assert [b["id"] for b in ar_page.body.raw_data] == [b["id"] for b in source_page.body.raw_data]
    assert "<li>استقلال الطاقة</li>" in ar_page.body.raw_data[1]["value"]
    # Synchronized fields follow the source.
    assert ar_page.date == source_page.date
    assert [a.expert_id for a in ar_page.authors.all()] == [
        a.expert_id for a in source_page.authors.all()
    ]
    response = client.get("/ar/policy-analysis/hwar-astratyjy/")
    assert response.status_code == 200
    assert "المصالح الأمريكية في العراق" in response.content.decode()
    # Term and expert translations are tracked the same way.
    iraq_ar = ar_page.regions.first().get_translation(arabic)
    assert iraq_ar.name == "العراق"
    karl = ExpertPage.objects.get(slug="karl-kaltenthaler", locale=arabic)
    assert karl.title == "كارل كالتنثالر" and karl.live
    assert Translation.objects.filter(source__object_id=karl.translation_key).exists()


def test_translation_with_different_structure_is_rejected(tmp_path):
    path = archive(
        tmp_path,
        [
            brief("Source", id="s", body_html="<h2>H</h2><p>One</p><p>Two</p>"),
            {"kind": "analysis", "id": "s", "locale": "ar", "translation_of": "s",
             "title": "مصدر", "body_html": "<h2>ع</h2><p>واحد</p>"},
        ],
    )  # fmt: skip
    code, out, _ = run("import_analysis", path)
    assert code == 1
    assert "REJECTED line 2 (id 's'): the translation does not match its source:" in out
    assert "paragraph" in out
    assert not BriefPage.objects.filter(locale__language_code="ar").exists()


def test_export_import_export_gives_identical_files(tmp_path):
    run("import_analysis", fixture_archive(tmp_path))
    first = tmp_path / "one" / "export.jsonl"
    code, out, _ = run("export_analysis", first)
    assert code == 0 and "Wrote 11 records" in out
    exported = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    assert [r["kind"] for r in exported][:4] == ["term"] * 4
    assert {(r["kind"], r["locale"]) for r in exported[-3:]} == {
        ("term", "ar"),
        ("expert", "ar"),
        ("analysis", "ar"),
    }
    dialogue = next(r for r in exported if r["id"] == "a-1" and r["locale"] == "en")
    assert '<a href="/policy-analysis/iran-rockets/">' in dialogue["body_html"]
    assert dialogue["authors"] == ["e-karl", "munqith-dagher"]
    assert (first.parent / dialogue["body_html"].split('src="')[1].split('"')[0]).is_file()

    # Re-importing the export into the same database duplicates nothing.
    before = snapshot()
    code, out, _ = run("import_analysis", first)
    assert code == 0
    assert snapshot()["pages"] == before["pages"]
    assert BriefPage.objects.count() == 3 and ExpertPage.objects.count() == 3

    # Into an empty database it gives back the same file, and importing it there again
    # leaves everything unchanged.
    empty_database()
    code, out, _ = run("import_analysis", first)
    assert code == 0, out
    second = tmp_path / "two" / "export.jsonl"
    run("export_analysis", second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    before = snapshot()
    code, out, _ = run("import_analysis", first)
    assert snapshot() == before
    for line in out.splitlines()[1:]:
        if line.startswith(("term", "expert", "analysis")):
            created, updated, _unchanged, rejected = line.split()[-4:]
            assert (created, updated, rejected) == ("0", "0", "0"), line


def test_queries_per_record_do_not_grow_with_the_database(tmp_path):
    def import_batch(prefix):
        path = archive(
            tmp_path,
            [
                brief(f"{prefix} brief {n}", id=f"{prefix}-{n}", regions=["Iraq"],
                      authors=[{"name": "Shared Author"}], recommended=[f"{prefix}-0"])
                for n in range(10)
            ],
            name=f"{prefix}.jsonl",
        )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            code, out, _ = run("import_analysis", path)
        assert code == 0, out
        return len(queries)

    import_batch("warmup")  # creates the sections, the term and the author
    small = import_batch("small")
    for n in range(5):
        import_batch(f"filler{n}")
    large = import_batch("large")
    assert BriefPage.objects.count() == 80
    assert large <= small * 1.05 + 5


def test_export_options_locale_and_since(tmp_path):
    run("import_analysis", fixture_archive(tmp_path))
    english_only = tmp_path / "en" / "export.jsonl"
    run("export_analysis", english_only, "--locale", "en")
    records = [json.loads(line) for line in english_only.read_text(encoding="utf-8").splitlines()]
    assert {r["locale"] for r in records} == {"en"}
    assert len(records) == 8
    later = tmp_path / "later" / "export.jsonl"
    code, _out, _ = run("export_analysis", later, "--since", "2999-01-01")
    assert code == 0
    kinds = [json.loads(line)["kind"] for line in later.read_text(encoding="utf-8").splitlines()]
    assert set(kinds) == {"term"}  # no page was published after that date
