"""A brief's DOI in the archive format: imported, exported, and a malformed one rejected."""

import json

import pytest

from policyanalysis.models import BriefPage
from tests.support.imports import archive, brief, run

pytestmark = pytest.mark.django_db

DOI = "10.1234/wp.2021.3"


def test_a_doi_is_imported_and_exported(tmp_path, tree):
    code, _out, _err = run("import_analysis", archive(tmp_path, [brief("Ports", doi=DOI)]))
    assert code == 0
    assert BriefPage.objects.get(title="Ports").doi == DOI
    exported = tmp_path / "out.jsonl"
    assert run("export_analysis", exported)[0] == 0
    records = [json.loads(line) for line in exported.read_text().splitlines()]
    assert [r["doi"] for r in records if r["kind"] == "analysis"] == [DOI]


def test_a_malformed_doi_rejects_the_record(tmp_path, tree):
    path = archive(tmp_path, [brief("Ports", doi="https://doi.org/10.1234/x")], photos=False)
    code, out, _err = run("import_analysis", path)
    assert code == 1
    rejected = [line for line in out.splitlines() if line.startswith("REJECTED")]
    assert rejected == [
        "REJECTED line 1 (id 'ports'): doi must look like 10.1234/abcd.5678 "
        "(without https://doi.org/)"
    ]
    assert BriefPage.objects.count() == 0
