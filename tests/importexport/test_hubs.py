"""Topic hubs and programs through import and export: picks and people by record id,
idempotent, translated, and identical after export -> import -> export."""

import json

import pytest
from wagtail.models import Locale

from importexport.models import ImportedRecord
from policyanalysis.models import BriefPage, ProgramIndexPage, ProgramPage, TopicPage
from tests.support.imports import archive, brief, empty_database, run, snapshot

pytestmark = pytest.mark.django_db

EXPERTS = [
    {"kind": "expert", "id": f"e-{name}", "name": name.title(), "short_bio": f"{name}."}
    for name in ("nadimi", "levitt", "henderson")
]
BRIEFS = [brief(f"Brief {n}", id=f"b{n}", slug=f"brief-{n}", tags=["irgc"]) for n in (1, 2, 3)]
TOPIC = {"kind": "topic", "id": "hub-iran", "region": "Iran", "title": "Iran",
         "intro_html": "<p>Iran's <b>missiles</b>.</p>", "featured": ["b3", "b1"]}  # fmt: skip
TOPIC_AR = {"kind": "topic", "id": "hub-iran", "locale": "ar", "translation_of": "hub-iran",
            "title": "إيران", "intro_html": "<p><b>صواريخ</b> إيران.</p>"}  # fmt: skip
PROGRAM = {"kind": "program", "id": "p-iran", "title": "Military Studies: Iran",
           "slug": "iran-program", "description_html": "<p>The program studies Iran.</p>",
           "director": "e-nadimi", "fellows": ["e-levitt", "e-henderson"],
           "featured": ["b2"], "series": ["Militia Spotlight"],
           "keywords": ["irgc", "missiles"]}  # fmt: skip
PROGRAM_AR = {"kind": "program", "id": "p-iran", "locale": "ar", "translation_of": "p-iran",
              "title": "الدراسات العسكرية: إيران", "slug": "barnamaj-iran",
              "description_html": "<p>يدرس البرنامج إيران.</p>"}  # fmt: skip
RECORDS = [*EXPERTS, *BRIEFS, TOPIC, PROGRAM, TOPIC_AR, PROGRAM_AR]


def row(out, label):
    """(created, updated, unchanged, rejected) of one kind in the import summary."""
    line = next(line for line in out.splitlines() if line.startswith(label + " "))
    return tuple(int(n) for n in line.split()[-4:])


def picks(page):
    return [BriefPage.objects.get(pk=block.value.pk).slug for block in page.featured]


def test_topic_and_program_records_become_hub_and_program_pages(tmp_path, client):
    path = archive(tmp_path, RECORDS, photos=False)
    code, out, _ = run("import_analysis", path)
    assert code == 0, out
    assert [row(out, kind) for kind in ("topic", "program", "topic (ar)", "program (ar)")] == [
        (1, 0, 0, 0)
    ] * 4
    hub = TopicPage.objects.get(locale__language_code="en")
    assert (hub.slug, hub.region.name, hub.issue, hub.live) == ("iran", "Iran", None, True)
    assert hub.intro == "<p>Iran's <b>missiles</b>.</p>"
    assert picks(hub) == ["brief-3", "brief-1"]
    assert client.get("/policy-analysis/iran/").status_code == 200

    program = ProgramPage.objects.get(locale__language_code="en")
    assert program.get_parent().specific_class is ProgramIndexPage
    assert program.url_path.endswith("/programs/iran-program/")
    assert program.director.title == "Nadimi"
    assert [row.expert.title for row in program.fellows.order_by("sort_order")] == [
        "Levitt",
        "Henderson",
    ]
    assert picks(program) == ["brief-2"]
    assert [s.name for s in program.series.all()] == ["Militia Spotlight"]
    assert sorted(tag.name for tag in program.keywords.all()) == ["irgc", "missiles"]
    assert "The program studies Iran." in client.get("/programs/iran-program/").content.decode()

    arabic = Locale.objects.get(language_code="ar")
    hub_ar = TopicPage.objects.get(locale=arabic)
    assert (hub_ar.title, hub_ar.slug, hub_ar.live) == ("إيران", "iran", True)
    assert hub_ar.intro == "<p><b>صواريخ</b> إيران.</p>"
    program_ar = ProgramPage.objects.get(locale=arabic)
    assert (program_ar.title, program_ar.slug) == ("الدراسات العسكرية: إيران", "barnamaj-iran")
    assert client.get("/ar/programs/barnamaj-iran/").status_code == 200

    # Importing again changes nothing.
    before = snapshot()
    code, out, _ = run("import_analysis", path)
    assert [row(out, kind) for kind in ("topic", "program", "topic (ar)", "program (ar)")] == [
        (0, 0, 1, 0)
    ] * 4
    assert snapshot() == before


def test_unknown_experts_and_picks_reject_the_record_and_nothing_changes(tmp_path):
    run("import_analysis", archive(tmp_path, [*EXPERTS, *BRIEFS], photos=False))
    before = snapshot()
    path = archive(
        tmp_path,
        [{**PROGRAM, "fellows": ["e-levitt", "e-nobody"]}, {**TOPIC, "featured": ["b9"]},
         {**TOPIC, "id": "hub-x", "issue": "Energy"}],
        name="bad.jsonl",
    )  # fmt: skip
    code, out, _ = run("import_analysis", path)
    assert code == 1
    assert (
        "REJECTED line 1 (id 'p-iran'): director or fellow 'e-nobody' is not an expert record "
        "in this file or an earlier import"
    ) in out
    assert (
        "REJECTED line 2 (id 'hub-iran'): featured 'b9' is not an analysis record in this file "
        "or an earlier import"
    ) in out
    assert "REJECTED line 3 (id 'hub-x'): give region or issue (the hub's topic)" in out
    assert snapshot() == before
    assert not ImportedRecord.objects.filter(kind__in=["topic", "program"]).exists()


def test_null_optional_fields_read_as_absent(tmp_path):
    nulled = {**PROGRAM, "director": None, "slug": None, "description_markdown": None,
              "featured": None, "keywords": [None, "irgc"]}  # fmt: skip
    code, out, _ = run("import_analysis", archive(tmp_path, [*EXPERTS, *BRIEFS, nulled]))
    assert code == 0, out
    program = ProgramPage.objects.get()
    assert (program.slug, program.director) == ("military-studies-iran", None)
    plain = {k: v for k, v in nulled.items() if v is not None}
    plain["keywords"] = ["irgc"]
    code, out, _ = run("import_analysis", archive(tmp_path, [plain], name="plain.jsonl"))
    assert row(out, "program") == (0, 0, 1, 0)


def test_export_import_export_gives_identical_files(tmp_path):
    code, out, _ = run("import_analysis", archive(tmp_path, RECORDS, photos=False))
    assert code == 0, out
    first = tmp_path / "one" / "export.jsonl"
    assert run("export_analysis", first)[0] == 0
    exported = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    kinds = [(r["kind"], r["locale"]) for r in exported if r["kind"] in ("topic", "program")]
    assert kinds == [("topic", "en"), ("program", "en"), ("topic", "ar"), ("program", "ar")]
    program = next(r for r in exported if r["kind"] == "program" and r["locale"] == "en")
    assert {k: program[k] for k in ("director", "fellows", "featured", "series", "keywords")} == {
        "director": "e-nadimi",
        "fellows": ["e-levitt", "e-henderson"],
        "featured": ["b2"],
        "series": ["Militia Spotlight"],
        "keywords": ["irgc", "missiles"],
    }
    topic = next(r for r in exported if r["kind"] == "topic" and r["locale"] == "en")
    assert (topic["region"], topic["featured"]) == ("Iran", ["b3", "b1"])

    empty_database()
    code, out, _ = run("import_analysis", first)
    assert code == 0, out
    second = tmp_path / "two" / "export.jsonl"
    assert run("export_analysis", second)[0] == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    code, out, _ = run("import_analysis", first)
    assert row(out, "program") == (0, 0, 1, 0) and row(out, "topic (ar)") == (0, 0, 1, 0)
