"""A generated archive of hundreds of records (guest authors, forward recommendations,
archive links) imports completely and re-imports as unchanged. Its size is the smallest
that exercises every generated feature: the cost per record is asserted exactly by
test_import_queries.py, and speed at thousands of records is measured by `make bench`."""

import time

import pytest
from wagtail.models import Revision

from bench.synthetic import write_archive
from experts.models import ExpertPage
from importexport.importer import Importer
from policyanalysis.models import BriefPage

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ANALYSIS = 400
EXPERTS = 40


def test_generated_archive_imports_completely_and_again_unchanged(tmp_path):
    path = tmp_path / "archive.jsonl"
    total = write_archive(path, analysis=ANALYSIS, experts=EXPERTS)
    started = time.monotonic()
    report = Importer(path).run()
    seconds = time.monotonic() - started
    assert report.rejections == []
    assert report.counts["analysis"]["created"] == ANALYSIS
    assert report.counts["expert"]["created"] == EXPERTS
    assert BriefPage.objects.live().count() == ANALYSIS
    # Guest authors given by name became profiles, once each.
    assert ExpertPage.objects.filter(title__startswith="Guest Author").count() == 7
    # Forward recommendations and archive links were resolved in the second pass, in the
    # live content and in the revision, without extra revisions.
    last = BriefPage.objects.get(slug=f"analysis-{ANALYSIS - 1}")
    assert len(last.recommended.raw_data[0]["value"]["items"]) == 3
    assert 'linktype="page"' in last.body.raw_data[1]["value"]
    assert Revision.objects.filter(object_id=str(last.pk)).count() == 1
    assert 'linktype=\\"page\\"' in last.latest_revision.content["body"]
    print(f"\n{total} records in {seconds:.1f} s ({total / seconds:.1f} records/s)")

    pages_before = BriefPage.objects.count()
    again = Importer(path).run()
    assert again.counts["analysis"]["unchanged"] == ANALYSIS
    assert again.counts["expert"]["unchanged"] == EXPERTS
    # Nothing written: no page, no revision (one per page: briefs, experts, guest profiles,
    # the two section pages).
    assert BriefPage.objects.count() == pages_before
    assert Revision.objects.count() == ANALYSIS + EXPERTS + 7 + 2
