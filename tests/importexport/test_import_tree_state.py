"""What an import knows of the tree while it writes (``importexport.publishing.Children``,
``BaseWriter._targets``): free slugs, tree positions and the pages archive links name, read
once per transaction or run and kept true as it adds pages, rolls a record back, or changes
a slug."""

import pytest
from django.db import DatabaseError
from wagtail.signals import page_published

from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.imports import archive, brief, run

pytestmark = pytest.mark.django_db


def _sound_tree(parent):
    parent.refresh_from_db()
    assert parent.numchild == parent.get_children().count()
    assert BriefPage.find_problems() == ([], [], [], [], [])


def test_new_slugs_skip_those_taken_in_the_admin_and_earlier_in_the_file_across_batches(
    tmp_path, tree
):
    _home, _experts, index = tree
    factories.brief("Taken in the admin", slug="same-1")
    records = [brief("Same", id=f"same-{n}") for n in range(102)]  # two batches of 100
    code, out, _ = run("import_analysis", archive(tmp_path, records))
    assert code == 0, out
    imported = BriefPage.objects.filter(title="Same").order_by("path")
    assert list(imported.values_list("slug", flat=True)) == ["same"] + [
        f"same-{n}" for n in range(2, 103)
    ]
    positions = [int(page.path[-4:], 36) for page in imported]
    assert positions == list(range(positions[0], positions[0] + 102))
    _sound_tree(index)


def test_a_record_rolled_back_after_its_page_was_added_leaves_its_slug_and_place_free(
    tmp_path, tree
):
    _home, _experts, index = tree

    def fail_on_publish(instance, **kwargs):
        if instance.title == "Fails":
            raise DatabaseError("the disk is full")

    records = [
        brief("Same", id="first"),
        brief("Fails", id="second", slug="same-1"),
        brief("Same", id="third"),
    ]
    page_published.connect(fail_on_publish, dispatch_uid="test-fail-on-publish")
    try:
        code, out, _ = run("import_analysis", archive(tmp_path, records))
    finally:
        page_published.disconnect(dispatch_uid="test-fail-on-publish")
    assert code == 1
    assert "REJECTED line 2 (id 'second'): database error: the disk is full" in out
    first, third = BriefPage.objects.filter(title="Same").order_by("path")
    assert (first.slug, third.slug) == ("same", "same-1")
    assert int(third.path[-4:], 36) == int(first.path[-4:], 36) + 1
    _sound_tree(index)


def test_a_topic_whose_slug_a_page_has_is_rejected_with_wagtails_message(tmp_path, tree):
    factories.brief("Already here", slug="yemen")
    records = [{"kind": "topic", "id": "t-yemen", "region": "Yemen", "title": "Yemen"}]
    code, out, _ = run("import_analysis", archive(tmp_path, records))
    assert code == 1
    assert (
        "REJECTED line 1 (id 't-yemen'): slug: The slug 'yemen' is already in use within the "
        "parent page at '/policy-analysis/'."
    ) in out


def _linked_ids(page):
    return [
        int(part.split('"')[0])
        for part in str(page.body[0].value.source).split('linktype="page" id="')[1:]
    ]


def test_archive_links_name_pages_made_before_earlier_in_the_file_and_later(tmp_path, tree):
    made_before = factories.brief("Made before", slug="made-before")
    records = [
        brief("Earlier", id="earlier-record", slug="earlier"),
        brief(
            "Linking",
            id="linking",
            body_html='<p><a href="/policy-analysis/made-before/">a</a> '
            '<a href="/policy-analysis/earlier/">b</a> '
            '<a href="/policy-analysis/later/">c</a></p>',
        ),
        brief("Later", id="later-record", slug="later"),
    ]
    code, out, _ = run("import_analysis", archive(tmp_path, records))
    assert code == 0, out
    pages = {page.slug: page.pk for page in BriefPage.objects.all()}
    linking = BriefPage.objects.get(slug="linking")
    assert _linked_ids(linking) == [made_before.pk, pages["earlier"], pages["later"]]
    # The live revision (what the editor opens) was completed with the row.
    assert linking.live_revision_id == linking.latest_revision_id
    revision = linking.live_revision.as_object()
    assert _linked_ids(revision) == [made_before.pk, pages["earlier"], pages["later"]]


def test_a_link_to_a_slug_changed_in_the_same_run_names_the_page_by_its_new_slug(tmp_path, tree):
    code, out, _ = run(
        "import_analysis", archive(tmp_path, [brief("Moved", id="moved", slug="old-slug")])
    )
    assert code == 0, out
    records = [
        brief(
            "Before",
            id="before",
            body_html='<p><a href="/policy-analysis/old-slug/">x</a></p>',
        ),
        brief("Moved", id="moved", slug="new-slug"),
        brief("After", id="after", body_html='<p><a href="/policy-analysis/new-slug/">y</a></p>'),
        brief(
            "Stale",
            id="stale",
            body_html='<p><a href="/policy-analysis/old-slug/">z</a></p>',
        ),
    ]
    code, out, _ = run("import_analysis", archive(tmp_path, records, name="second.jsonl"))
    assert code == 0, out
    moved = BriefPage.objects.get(slug="new-slug")
    assert _linked_ids(BriefPage.objects.get(title="Before")) == [moved.pk]
    assert _linked_ids(BriefPage.objects.get(title="After")) == [moved.pk]
    stale = BriefPage.objects.get(title="Stale")
    assert _linked_ids(stale) == []
    assert 'href="/policy-analysis/old-slug/"' in str(stale.body[0].value.source)
