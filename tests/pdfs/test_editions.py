"""PDF editions of analysis items: made from the page's own content with WeasyPrint, in
both languages (Arabic extractable in logical order), stored per published revision,
never made for pages readers may not open."""

import io
import re

import pytest
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader
from wagtail.models import Page

from core.signals import changes_gathered
from pdfs import tasks as pdf_tasks
from pdfs.models import AnalysisPdf
from pdfs.render import _local_fetcher, css_string
from tests.support import factories
from tests.support.tasks import run_queue
from tests.support.translation import publish, submit, translate_strings
from tests.visibility.world import build_world

pytestmark = pytest.mark.django_db

TITLE = "A U.S.-Iraq Strategic Dialogue: A Question of Interests and Expectations"
ARABIC = {
    TITLE: "حوار استراتيجي أمريكي-عراقي: مسألة مصالح وتوقعات",
    "Strategic Interests": "المصالح الاستراتيجية",
    "The dialogue opens in June.": "يبدأ الحوار في حزيران/يونيو.",
}


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(body))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def seed(tree):
    authors = [
        factories.expert("Karl Kaltenthaler", short_bio="Karl Kaltenthaler is a professor."),
        factories.expert("Munqith Dagher", short_bio="Munqith Dagher directs a polling firm."),
    ]
    return factories.brief(
        TITLE,
        slug="us-iraq-strategic-dialogue",
        authors=authors,
        body=[
            ("heading", {"text": "Strategic Interests", "level": "2", "anchor": ""}),
            ("paragraph", "<p>The dialogue opens in June.</p>"),
        ],
    )


def test_the_english_pdf_has_the_page_its_authors_and_its_address(client, seed):
    response = client.get(f"/pdf/{seed.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="us-iraq-strategic-dialogue.pdf"'
    text = pdf_text(response)
    for expected in (
        TITLE,
        "By Karl Kaltenthaler and Munqith Dagher",
        "Strategic Interests",
        "The dialogue opens in June.",
        "About the authors",
        "Munqith Dagher directs a polling firm.",
        f"Read online: {seed.full_url}",
    ):
        assert expected in text, expected
    assert text.count(seed.full_url) == 2  # and in every page's footer
    assert text.startswith("BRIEF ANALYSIS")
    assert text.index("Karl Kaltenthaler is a professor.") < text.index("Munqith Dagher directs")


def test_the_arabic_pdf_reads_right_to_left_in_logical_order(client, seed):
    translation = submit(seed)
    translate_strings(translation, text_for=lambda source: ARABIC.get(source, f"عربي: {source}"))
    arabic = publish(translation)
    response = client.get(f"/pdf/{arabic.pk}/")
    assert response["Content-Language"] == "ar"
    text = pdf_text(response)
    for expected in (*ARABIC.values(), "بقلم Karl Kaltenthaler وMunqith Dagher"):
        assert expected in text, expected
    assert text.index(ARABIC[TITLE]) < text.index("المصالح الاستراتيجية") < text.index("يبدأ")


def test_one_pdf_per_published_revision_and_a_republication_replaces_it(client, seed):
    client.get(f"/pdf/{seed.pk}/")
    first = AnalysisPdf.objects.get()
    storage, first_name = first.file.storage, first.file.name
    client.get(f"/pdf/{seed.pk}/")
    assert list(AnalysisPdf.objects.values_list("file", flat=True)) == [first_name]

    seed.title = "A retitled dialogue"
    seed.save_revision().publish()
    assert "A retitled dialogue" in pdf_text(client.get(f"/pdf/{seed.pk}/"))
    second = AnalysisPdf.objects.get()
    assert second.revision_id == Page.objects.get(pk=seed.pk).live_revision_id
    assert not storage.exists(first_name)


def test_unpublishing_deletes_the_stored_pdf(client, seed):
    client.get(f"/pdf/{seed.pk}/")
    name = AnalysisPdf.objects.get().file.name
    seed.unpublish()
    assert AnalysisPdf.objects.count() == 0
    assert client.get(f"/pdf/{seed.pk}/").status_code == 404
    assert not AnalysisPdf._meta.get_field("file").storage.exists(name)


def test_no_pdf_of_a_page_readers_may_not_open(client, tree):
    world = build_world()
    statuses = {
        state: client.get(f"/pdf/{page.pk}/").status_code for state, page in world.hidden.items()
    }
    assert statuses == dict.fromkeys(world.hidden, 404)
    assert client.get(f"/pdf/{world.experts_index.pk}/").status_code == 404  # not analysis
    assert AnalysisPdf.objects.count() == 0


def test_the_brief_page_links_its_pdf(client, seed):
    html = client.get(seed.url).content.decode()
    assert f'<a href="/pdf/{seed.pk}/" type="application/pdf">Download PDF</a>' in html


def test_header_and_footer_text_is_escaped_for_css():
    assert css_string('A "quoted" </style> name') == '"A \\22 quoted\\22  \\3c /style\\3e  name"'


def test_files_outside_the_site_are_left_out_rather_than_fetched():
    with pytest.raises(ValueError, match="not a file of this site"):
        _local_fetcher().fetch("https://example.org/tracker.png")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_makes_the_pdf_on_the_queue_so_the_first_reader_gets_it_stored(
    client, tree, database_queue, settings
):
    settings.PDF_ON_PUBLISH = True
    brief = factories.brief("Basra's water and power")
    assert AnalysisPdf.objects.count() == 0  # enqueued, not made in the publishing request
    assert run_queue() >= 1
    stored = AnalysisPdf.objects.get()
    assert stored.revision_id == Page.objects.get(pk=brief.pk).live_revision_id
    response = client.get(f"/pdf/{brief.pk}/")
    assert "Basra's water and power" in pdf_text(response)
    assert list(AnalysisPdf.objects.values_list("pk", flat=True)) == [stored.pk]


def test_a_reports_pdf_holds_its_notes_then_its_visible_chapters_with_theirs(client, seed):
    seed.endnotes = [("note", "<p>Interviews in Baghdad, 2020.</p>")]
    seed.save_revision().publish()
    factories.chapter(seed, "Origins", body=[("paragraph", "<p>Founded in 2014.<sup>1</sup></p>")],
                      endnotes=[("note", "<p>Fatwa of June 2014.</p>")])  # fmt: skip
    factories.chapter(seed, "Unfinished draft", publish=False)
    factories.chapter(seed, "The money", endnotes=[("note", "<p>Budget law.</p>")])
    text = pdf_text(client.get(f"/pdf/{seed.pk}/"))
    order = ["The dialogue opens in June.", "Notes", "Interviews in Baghdad, 2020.",
             "Origins", "Founded in 2014.", "Fatwa of June 2014.",
             "The money", "Text of The money.", "Budget law.", "About the authors"]  # fmt: skip
    positions = [text.index(expected) for expected in order]
    assert positions == sorted(positions)
    assert "Unfinished draft" not in text


def test_a_chapter_published_later_replaces_the_reports_stored_pdf(client, seed):
    client.get(f"/pdf/{seed.pk}/")
    first = AnalysisPdf.objects.get()
    storage, first_name = first.file.storage, first.file.name
    factories.chapter(seed, "A new chapter")
    assert not storage.exists(first_name)
    assert "A new chapter" in pdf_text(client.get(f"/pdf/{seed.pk}/"))
    chapter = seed.get_children().get()
    chapter.unpublish()
    assert "A new chapter" not in pdf_text(client.get(f"/pdf/{seed.pk}/"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_batchs_briefs_get_their_pdfs_from_a_few_tasks_and_a_failed_pdf_spares_the_others(
    tree, database_queue, settings, monkeypatch
):
    settings.PDF_ON_PUBLISH = True
    monkeypatch.setattr(pdf_tasks, "PDFS_PER_TASK", 2)
    DBTaskResult.objects.all().delete()
    with changes_gathered():
        briefs = [factories.brief(f"Batch brief {n}") for n in range(3)]
        factories.chapter(briefs[0], "A chapter")  # its report is in the batch already

    def tasks():
        found = DBTaskResult.objects.filter(task_path="pdfs.tasks.make_pdfs")
        return sorted(found, key=lambda task: task.args_kwargs["args"][0][0])

    assert [task.args_kwargs for task in tasks()] == [
        {"args": [[briefs[0].pk, briefs[1].pk]], "kwargs": {}},
        {"args": [[briefs[2].pk]], "kwargs": {}},
    ]
    assert DBTaskResult.objects.filter(task_path="pdfs.tasks.make_pdf").count() == 0

    from pdfs import editions

    real = editions.pdf_for

    def broken_for_the_second(page, request):
        if page.pk == briefs[1].pk:
            raise OSError("the font cache is unreadable")
        return real(page, request)

    monkeypatch.setattr(editions, "pdf_for", broken_for_the_second)
    run_queue()
    first, second = tasks()
    assert (first.status, second.status) == ("FAILED", "SUCCESSFUL")
    assert f"The PDFs of pages [{briefs[1].pk}] could not be made" in first.traceback
    assert sorted(AnalysisPdf.objects.values_list("page_id", flat=True)) == [
        briefs[0].pk,
        briefs[2].pk,
    ]
