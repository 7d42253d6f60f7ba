"""The record format: JSON null reads as "field absent" for every optional field, as
archives exported from Drupal or WordPress write them."""

import json

import jsonschema
import pytest

from importexport.importer import Importer
from importexport.records import (
    AnalysisRecord,
    ExpertRecord,
    TermRecord,
    parse_record,
    record_json_schema,
)
from tests.support.imports import fixture_archive, run

pytestmark = pytest.mark.django_db

MODELS = {"term": TermRecord, "expert": ExpertRecord, "analysis": AnalysisRecord}


def with_nulls(record):
    """``record`` with every optional field it leaves out given as null, and a null label
    on its links: the shape of a Drupal or WordPress export."""
    nulled = dict(record)
    for name, field in MODELS[record["kind"]].model_fields.items():
        if not field.is_required() and name not in nulled:
            nulled[name] = None
    for link in nulled.get("links") or []:
        link.setdefault("label", None)
    return nulled


def nulled_archive(tmp_path):
    path = fixture_archive(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [with_nulls(json.loads(line)) for line in lines]
    nulled = tmp_path / "nulled.jsonl"
    nulled.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path, nulled


def counts(report):
    return {label: dict(row) for label, row in report.counts.items()}


def test_a_real_world_archive_with_nulls_imports_with_the_same_counts(tmp_path):
    plain, nulled = nulled_archive(tmp_path)
    assert all(": null" in line for line in nulled.read_text().splitlines())
    expected = counts(Importer(plain, dry_run=True).run())

    report = Importer(nulled).run()

    assert report.rejections == []
    assert counts(report) == expected
    assert expected["analysis"]["created"] == 2
    # null is exactly "absent": the plain archive re-imports as unchanged, record for record.
    again = Importer(plain).run()
    assert {label: row["unchanged"] for label, row in counts(again).items()} == {
        label: row["created"] for label, row in expected.items()
    }


def test_one_null_subtitle_no_longer_rejects_the_record(tmp_path):
    from tests.support.imports import archive, brief

    path = archive(tmp_path, [brief("Nulls", subtitle=None, image=None, byline=None, tags=None)])
    code, out, _ = run("import_analysis", path)
    assert code == 0, out
    from policyanalysis.models import BriefPage

    page = BriefPage.objects.get(slug="nulls")
    assert (page.subtitle, page.byline, page.hero_image) == ("", "", None)


def test_a_required_field_given_as_null_is_reported_as_missing():
    from importexport.records import RecordError

    with pytest.raises(RecordError) as error:
        parse_record({"kind": "analysis", "id": "x", "title": None, "type": "T", "date": None})
    assert error.value.reason == "title: Field required"


def test_the_json_schema_accepts_null_for_optional_fields_only():
    validator = jsonschema.Draft202012Validator(record_json_schema())
    record = with_nulls(
        {"kind": "analysis", "id": "a", "title": "T", "type": "Brief", "date": "2020-01-01"}
    )
    assert validator.is_valid(record)
    assert not validator.is_valid({**record, "title": None})
    assert validator.is_valid(with_nulls({"kind": "term", "id": "t", "vocabulary": "series",
                                          "name": "Policy Notes"}))  # fmt: skip
