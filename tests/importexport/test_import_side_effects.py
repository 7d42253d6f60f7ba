"""What an import leaves to the task queue and to the public caches: the search and
reference indexing of what it saved, the renditions of every image its pages use, and one
content change per batch of records it writes."""

import gc
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, ReferenceIndex

from core.tasks import PREGENERATED_RENDITION_SPECS
from headless_api.models import ContentVersion
from importexport.writers import ArchiveWriter
from policyanalysis.models import BriefPage
from tests.support.imports import archive, brief, run
from tests.support.tasks import run_queue


def specs(image):
    return sorted(image.renditions.values_list("filter_spec", flat=True))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_images_imported_pages_use_get_their_renditions_from_the_worker(
    tmp_path, tree, database_queue, settings
):
    settings.PREGENERATE_RENDITIONS = True
    first = archive(tmp_path, [brief("First", image="photos/chart.png")], name="first.jsonl")
    assert run("import_analysis", first)[0] == 0
    run_queue()
    image = get_image_model().objects.get()
    assert specs(image) == sorted(PREGENERATED_RENDITION_SPECS)  # a new image
    image.renditions.all().delete()

    second = archive(tmp_path, [brief("Second", image="photos/chart.png")], name="second.jsonl")
    assert run("import_analysis", second)[0] == 0
    run_queue()
    # The archive's image, now used by one more page, is the same image, rendered again.
    assert get_image_model().objects.get() == image
    assert specs(image) == sorted(PREGENERATED_RENDITION_SPECS)


@pytest.mark.django_db
def test_an_import_makes_the_public_caches_stale_once_per_batch(tmp_path, tree):
    version = ContentVersion.current()[0]
    path = archive(tmp_path, [brief(f"Brief {n}", regions=[f"Region {n}"]) for n in range(3)])
    assert run("import_analysis", path)[0] == 0
    # Three pages published and three regions created, in the one batch of the analysis pass.
    assert ContentVersion.current()[0] == version + 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_what_an_import_saved_is_indexed_by_the_worker(tmp_path, tree, database_queue):
    path = archive(tmp_path, [brief("Desalination in Basra", id="desalination")])
    assert run("import_analysis", path)[0] == 0
    page = BriefPage.objects.get(slug="desalination-in-basra")
    assert list(BriefPage.objects.live().search("desalination")) == []
    assert not ReferenceIndex.get_references_for_object(page).exists()

    run_queue()
    assert list(BriefPage.objects.live().search("desalination")) == [page]
    assert ReferenceIndex.get_references_for_object(page).values_list(
        "to_content_type__model", "model_path"
    ).get() == ("publicationtype", "publication_type")


@pytest.mark.django_db
def test_imported_pages_and_translations_are_published_as_the_admin_publishes_them(
    tmp_path, tree, client
):
    arabic = {
        "kind": "analysis", "id": "water-ar", "locale": "ar", "translation_of": "water",
        "title": "المياه في البصرة", "summary": "ملخص.",
        "body_html": "<h2>عنوان</h2><p>نص المقال.</p>",
    }  # fmt: skip
    path = archive(tmp_path, [brief("Water in Basra", id="water"), arabic])
    assert run("import_analysis", path)[0] == 0
    assert BriefPage.objects.count() == 2
    for page in BriefPage.objects.all():
        assert (page.live, page.has_unpublished_changes, page.expired) == (True, False, False)
        assert page.live_revision_id == page.latest_revision_id
        assert page.first_published_at == page.last_published_at
    page = BriefPage.objects.get(locale__language_code="ar")
    assert list(
        PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True)
    ) == ["wagtail.create", "wagtail.copy_for_translation", "wagtail.publish"]
    assert "نص المقال." in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_new_pages_are_logged_and_placed_in_the_tree_as_add_child_would(tmp_path, tree):
    records = [brief(f"Brief {n}", id=f"b{n}") for n in range(3)]
    assert run("import_analysis", archive(tmp_path, records))[0] == 0
    pages = list(BriefPage.objects.order_by("path"))
    assert [page.title for page in pages] == ["Brief 0", "Brief 1", "Brief 2"]
    for page in pages:
        entries = PageLogEntry.objects.filter(page=page).order_by("pk")
        assert list(entries.values_list("action", "label", "revision", "content_changed")) == [
            ("wagtail.create", page.title, None, True),
            ("wagtail.publish", page.title, page.live_revision_id, True),
        ]
        assert page.latest_revision_created_at == page.live_revision.created_at
        assert page.draft_title == page.title
    parent = pages[0].get_parent()
    assert parent.numchild == parent.get_children().count()
    assert [page.path[:-4] for page in pages] == [parent.path] * 3
    assert [int(page.path[-4:], 36) for page in pages][1:] == [
        int(pages[0].path[-4:], 36) + 1, int(pages[0].path[-4:], 36) + 2,
    ]  # fmt: skip
    assert BriefPage.find_problems() == ([], [], [], [], [])


#: What a page's first revision holds of its state before publication: the live page's
#: differ once the revision is published.
PUBLICATION_STATE = {
    "live_revision", "latest_revision", "latest_revision_created_at",
    "has_unpublished_changes", "first_published_at", "last_published_at",
}  # fmt: skip


def content(data, keys):
    """``data``'s values for ``keys`` but the publication state, StreamFields parsed (their
    JSON text as PostgreSQL returns it has its keys in another order)."""
    return {key: _parsed(data[key]) for key in keys if key not in PUBLICATION_STATE}


def _parsed(value):
    if isinstance(value, str) and value.startswith(("[", "{")):
        return json.loads(value)
    return value


@pytest.mark.django_db
def test_a_new_pages_revision_holds_its_authors_terms_and_tags_as_saved(tmp_path, tree):
    expert = {"kind": "expert", "id": "rahman", "name": "Aisha Rahman", "short_bio": "Bio."}
    record = brief(
        "Water in Basra", id="water", authors=["rahman", {"name": "A Guest"}],
        regions=["Iraq", "iraq", "Iran"], issues=["Water"], tags=["basra", "water"],
        series=["Gulf Water"],
    )  # fmt: skip
    assert run("import_analysis", archive(tmp_path, [expert, record]))[0] == 0
    page = BriefPage.objects.get(slug="water-in-basra")
    # A region named twice (in two spellings) is one region of the page.
    assert list(page.regions.values_list("name", flat=True)) == ["Iran", "Iraq"]
    assert [author.expert.title for author in page.authors.all()] == ["Aisha Rahman", "A Guest"]
    saved = json.loads(json.dumps(page.serializable_data(), cls=DjangoJSONEncoder))  # the rows
    revision = page.latest_revision.content
    assert content(revision, keys=saved) == content(saved, keys=saved)
    assert [author["pk"] for author in revision["authors"]] == list(
        page.authors.values_list("pk", flat=True)
    )


@pytest.fixture
def freeze_counts_seen(monkeypatch):
    """The garbage collector's count of frozen objects while each brief is written."""
    seen = []
    write = ArchiveWriter.write_analysis

    def writing(self, *args, **kwargs):
        seen.append(gc.get_freeze_count())
        return write(self, *args, **kwargs)

    monkeypatch.setattr(ArchiveWriter, "write_analysis", writing)
    return seen


@pytest.mark.django_db
def test_the_objects_loaded_before_an_import_are_frozen_while_it_runs(
    tmp_path, tree, freeze_counts_seen
):
    assert gc.get_freeze_count() == 0
    path = archive(tmp_path, [brief("First"), brief("Second")])
    assert run("import_analysis", path)[0] == 0
    assert len(freeze_counts_seen) == 2
    assert 0 not in freeze_counts_seen
    assert gc.get_freeze_count() == 0  # collected again once the import is over


@pytest.mark.django_db
def test_an_import_leaves_a_process_frozen_before_it_as_it_was(tmp_path, tree, freeze_counts_seen):
    """gunicorn's workers are forked with the master's objects frozen (pre_fork): an import
    run in one must not unfreeze them."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        path = archive(tmp_path, [brief("First")])
        assert run("import_analysis", path)[0] == 0
        # Frozen objects that die leave the count; none is added, and none is unfrozen.
        assert len(freeze_counts_seen) == 1
        assert 0 < freeze_counts_seen[0] <= frozen
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
