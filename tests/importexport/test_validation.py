"""import_analysis: every rejection reason with its line number, malformed files, --strict,
--atomic and --dry-run writing nothing, unsafe HTML dropped."""

import json

import pytest

from core.models import PublicationType, Region
from policyanalysis.models import BriefPage
from tests.support.imports import archive, brief, run, snapshot
from tests.support.paths import REPOSITORY

pytestmark = pytest.mark.django_db


def test_each_rejection_reason_is_reported_with_line_number_and_id(tmp_path):
    path = archive(
        tmp_path,
        [
            {"kind": "expert", "id": "e1", "name": "Ann Expert", "short_bio": "Ann."},
            brief("Good one", id="good"),
            {"kind": "analysis", "id": "no-date", "title": "T", "type": "Brief Analysis"},
            {"kind": "podcast", "id": "p1"},
            ["not", "an", "object"],
            brief("Dup", id="good"),
            brief("Ghost author", authors=["nobody"]),
            brief("Bad reco", recommended=["missing-brief"]),
            {"kind": "analysis", "id": "tr", "locale": "ar", "translation_of": "unknown",
             "title": "عنوان"},
            {"kind": "expert", "id": "e2", "name": "Photo Less", "short_bio": "x",
             "photo": "photos/none.jpg"},
            {"kind": "expert", "id": "e3", "name": "Escaper", "short_bio": "x",
             "photo": "../../etc/passwd"},
            {"kind": "analysis", "id": "both", "title": "T", "type": "X", "date": "2020-01-01",
             "body_html": "<p>a</p>", "body_markdown": "a"},
            {"kind": "term", "id": "fr", "locale": "fr", "vocabulary": "region", "name": "Irak"},
            {"kind": "expert", "id": "e4", "name": "No Bio"},
        ],
    )  # fmt: skip
    code, out, _err = run("import_analysis", path)
    assert code == 1
    expected = {
        3: ("no-date", "date required (a brief is published with both)"),
        4: ("p1", "does not match any of the expected tags"),
        5: ("", "a record must be a JSON object"),
        6: ("good", "duplicate of line 2"),
        7: ("ghost-author", "author 'nobody' is not an expert record"),
        8: ("bad-reco", "recommended 'missing-brief' is not an analysis record"),
        9: ("tr", "translation_of 'unknown'"),
        10: ("e2", "file 'photos/none.jpg' not found"),
        11: ("e3", "outside the import file's folder"),
        12: ("both", "give body_html or body_markdown, not both"),
        13: ("fr", "locale 'fr' is not one of en, ar"),
        14: ("e4", "short_bio required"),
    }
    rejected = [line for line in out.splitlines() if line.startswith("REJECTED")]
    assert len(rejected) == len(expected)
    for line_no, (record_id, reason) in expected.items():
        matching = [
            r for r in rejected if r.split(":")[0].split(" (")[0] == f"REJECTED line {line_no}"
        ]
        assert matching, f"line {line_no} not reported"
        assert reason in matching[0]
        if record_id:
            assert f"(id {record_id!r})" in matching[0]
    # The valid lines were still imported.
    assert BriefPage.objects.filter(title="Good one", live=True).exists()


def test_rejected_expert_also_rejects_the_analysis_naming_it(tmp_path):
    path = archive(
        tmp_path,
        [
            {"kind": "expert", "id": "e1", "name": "No Bio"},
            brief("Needs e1", authors=["e1"]),
        ],
    )
    code, out, _ = run("import_analysis", path)
    assert code == 1
    assert "REJECTED line 2 (id 'needs-e1'): author 'e1'" in out
    assert not BriefPage.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"kind": "term", "id": "x", "vocabulary": "region", "name": "Caf\xe9"}\n', "not UTF-8"),
        (b'{"kind": "term"}\nthis is not json\n', "line 3 is not JSON"),
        (b'{"kind": "term", "id": "x", "vocabulary": "region", "name": "Iraq"}\n{"kind": "ter',
         "line 3 is truncated"),
    ],
)  # fmt: skip
def test_malformed_files_exit_2_and_write_nothing(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    good = json.dumps(brief("Would be imported")).encode() + b"\n"
    path.write_bytes(good + content)
    before = snapshot()
    code, out, err = run("import_analysis", path)
    assert code == 2
    assert message in err
    assert "nothing was imported" in err.lower()
    assert snapshot() == before
    assert not BriefPage.objects.exists()


def test_missing_file_exits_2(tmp_path):
    code, _out, err = run("import_analysis", tmp_path / "nope.jsonl")
    assert code == 2
    assert "cannot open" in err


def test_strict_rejects_unknown_names_instead_of_creating_them(tmp_path):
    path = archive(
        tmp_path,
        [
            {"kind": "term", "id": "brief", "vocabulary": "type", "name": "Brief Analysis"},
            {"kind": "term", "id": "iraq", "vocabulary": "region", "name": "Iraq"},
            brief("Known terms", regions=["Iraq"]),
            brief("Unknown region", regions=["Atlantis"]),
            brief("Unknown type", type="Haiku"),
        ],
    )
    code, out, _ = run("import_analysis", path, "--strict")
    assert code == 1
    assert "REJECTED line 4 (id 'unknown-region'): unknown region 'Atlantis'" in out
    assert "REJECTED line 5 (id 'unknown-type'): unknown type 'Haiku'" in out
    assert not Region.objects.filter(name="Atlantis").exists()
    assert not PublicationType.objects.filter(name="Haiku").exists()
    assert BriefPage.objects.filter(title="Known terms").exists()

    # Without --strict the unknown names are created and reported.
    code, out, _ = run("import_analysis", path)
    assert code == 0
    assert "created terms:" in out and "region 'Atlantis'" in out and "type 'Haiku'" in out
    assert Region.objects.filter(name="Atlantis", slug="atlantis").exists()


def test_atomic_writes_nothing_when_a_line_is_rejected(tmp_path):
    path = archive(tmp_path, [brief("Fine"), brief("Broken", date="14/05/2020")])
    before = snapshot()
    code, out, _ = run("import_analysis", path, "--atomic")
    assert code == 1
    assert "REJECTED line 2" in out and "date" in out
    assert "nothing was written" in out
    assert snapshot() == before


def test_dry_run_reports_and_writes_nothing(tmp_path):
    path = archive(tmp_path, [brief("One"), brief("Two"), brief("Bad", type="")])
    before = snapshot()
    code, out, _ = run("import_analysis", path, "--dry-run")
    assert code == 1
    assert snapshot() == before
    assert "--dry-run: nothing was written." in out
    row = next(line for line in out.splitlines() if line.startswith("analysis"))
    assert row.split()[1:] == ["2", "0", "0", "1"]  # would create 2, 1 rejected


def test_unsafe_html_is_dropped(tmp_path):
    body = (
        '<p onclick="steal()">Click <a href="javascript:alert(1)">here</a> or '
        '<a href="https://example.org/" onmouseover="x()">there</a>.</p>'
        "<script>alert('xss')</script><style>body{display:none}</style>"
        '<p><img src="x" onerror="alert(2)">Kept text<iframe src="https://evil"></iframe></p>'
    )
    path = archive(tmp_path, [brief("Unsafe", body_html=body)])
    code, _out, _ = run("import_analysis", path)
    assert code == 0
    stored = json.dumps(list(BriefPage.objects.get(title="Unsafe").body.raw_data))
    for forbidden in ("script", "alert", "onclick", "onmouseover", "onerror", "javascript:",
                      "display:none", "iframe", "steal"):  # fmt: skip
        assert forbidden not in stored
    assert "Click here or" in stored
    assert 'href=\\"https://example.org/\\"' in stored
    assert "Kept text" in stored


def test_schema_file_is_current_and_accepts_the_demo_archive():
    import jsonschema

    from importexport.records import record_json_schema

    schema_path = REPOSITORY / "docs" / "import-format.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert schema == json.loads(json.dumps(record_json_schema())), (
        "docs/import-format.schema.json is stale: regenerate it from record_json_schema()"
    )
    validator = jsonschema.Draft202012Validator(schema)
    demo = REPOSITORY / "home" / "demo"
    for name in ("content.jsonl", "content.ar.jsonl", "events.jsonl"):
        for line in (demo / name).read_text(encoding="utf-8").splitlines():
            validator.validate(json.loads(line))
    assert not validator.is_valid({"kind": "analysis", "id": "x"})


def test_progress_bar_is_drawn_on_a_terminal_only(tmp_path):
    import io

    from importexport.importer import Importer, Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    path = archive(tmp_path, [brief(f"Brief {n}", id=f"b{n}") for n in range(3)])
    terminal = Terminal()
    Importer(path, progress=Progress(stream=terminal)).run()
    drawn = terminal.getvalue()
    assert "validating" in drawn and "analysis" in drawn
    assert "[" + "#" * 30 + "] 3/3" in drawn
    piped = io.StringIO()
    Importer(path, progress=Progress(stream=piped)).run()
    assert piped.getvalue() == ""


def test_atomic_also_rolls_back_when_a_record_fails_while_writing(tmp_path):
    path = archive(
        tmp_path,
        [
            brief("Fine"),
            {"kind": "expert", "id": "e1", "name": "Bad Link", "short_bio": "x",
             "links": [{"label": "Website", "url": "not a url"}]},
        ],
    )  # fmt: skip
    before = snapshot()
    code, out, _ = run("import_analysis", path, "--atomic")
    assert code == 1
    assert "REJECTED line 2 (id 'e1'): link 'Website': Enter a valid URL." in out
    assert "nothing was written" in out
    assert snapshot() == before
    # Without --atomic the valid record is imported and the bad one reported.
    code, out, _ = run("import_analysis", path)
    assert code == 1
    assert BriefPage.objects.filter(title="Fine", live=True).exists()


def test_dry_run_after_an_import_predicts_unchanged_and_updated(tmp_path):
    from tests.support.imports import fixture_archive

    path = fixture_archive(tmp_path)
    run("import_analysis", path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[6] = lines[6].replace("Rockets.", "Rockets, revised.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot()
    code, out, _ = run("import_analysis", path, "--dry-run")
    assert code == 0 and snapshot() == before
    rows = {line.split()[0] + line.split()[1]: line.split()[-4:] for line in out.splitlines()
            if line.startswith(("analysis", "expert", "term"))}  # fmt: skip
    assert rows["analysis0"] == ["0", "1", "1", "0"]
    assert rows["analysis(ar)"] == ["0", "0", "1", "0"]
    assert rows["term(ar)"] == ["0", "0", "1", "0"]
