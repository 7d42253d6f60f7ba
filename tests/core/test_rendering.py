"""Preparing a StreamField body for rendering (core.rendering and the ``prepare_stream`` tag),
tested directly: the internal links of every rich text in a body are resolved in one batch,
in the reader's language, and the image renditions prefetched, so a body costs the same
queries whatever its length and renders with none; a link whose target is missing renders as
text.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.utils import timezone, translation
from wagtail.documents.models import Document
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from core import localization
from core.blocks import BodyBlock
from core.rendering import prepare_stream
from core.visibility import private_q
from policyanalysis.models import BriefPage
from tests.support import factories
from tests.support.editions import HIDDEN_EDITIONS
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db

#: prepare_stream of a body with page links, document links, key points and images, for an
#: English reader: the images, the linked pages with the editions readers may open (one
#: query; for English readers too: the page itself must be visible), the documents, the
#: renditions (the active locale comes from the process's cache, the view restrictions from
#: the values kept by content version).
PREPARE_QUERIES_ENGLISH = 4
#: The same for an Arabic reader (the same query finds the Arabic editions).
PREPARE_QUERIES_ARABIC = 4


@pytest.fixture(autouse=True)
def _site_with_both_locales(tree):
    """The site tree and both locales."""
    factories.arabic()


def warm_caches():
    """What a running site has read already: the site root paths, the locales and the view
    restrictions (kept by content version, core.versioned)."""
    Site.clear_site_root_paths_cache()
    Site.get_site_root_paths()
    localization.language_code_for(factories.english().pk)
    localization.locale_for_language("ar")
    private_q()


def document(name):
    return Document.objects.create(title=name, file=ContentFile(b"%PDF-1.4", name=f"{name}.pdf"))


def link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def rich(html):
    return ("paragraph", html)


def body_linking_to(targets):
    """A body with, for each target, a paragraph linking to it and to a document, an image,
    and key points whose text links to it again."""
    blocks = []
    for n, target in enumerate(targets):
        report = document(f"report-{n}")
        blocks += [
            rich(
                f"<p>See {link(target, 'the brief')} and "
                f'<a linktype="document" id="{report.pk}">the report</a>.</p>'
            ),  # fmt: skip
            (
                "image",
                {
                    "image": factories.image(f"figure-{n}"),
                    "alt_text": "A figure",
                    "decorative": False,
                    "caption": "",
                    "credit": "",
                },
            ),
            (
                "key_points",
                {"title": "Key points", "points": ["One"], "text": f"<p>{link(target, 'it')}</p>"},
            ),
        ]
    return blocks


def render(body):
    """The HTML of each block of ``body``, one after the other (templates end in a newline)."""
    return "".join(str(block.render()).strip() for block in body)


def stored_body(page):
    """The page's body as a new request reads it (nothing loaded or expanded yet)."""
    return BriefPage.objects.get(pk=page.pk).body


def rendered_paragraph(html):
    """The HTML the paragraph block ``html`` renders to, prepared, in the active language."""
    host = factories.brief(body=[rich(html)])
    body = prepare_stream(stored_body(host))
    return render(body)


def rendered_link(target):
    """The rendered ``<a>`` of a paragraph that only links to ``target``."""
    html = rendered_paragraph(f"<p>{link(target, 'x')}</p>")
    return html.removeprefix('<div class="block-paragraph"><p>').removesuffix("</p></div>")


# --- links -------------------------------------------------------------------------------


def test_page_and_document_links_render_with_their_urls():
    target = factories.brief("Target", slug="target")
    report = document("report")
    html = rendered_paragraph(
        f"<p>See {link(target, 'the brief')} and "
        f'<a linktype="document" id="{report.pk}">the report</a>.</p>'
    )
    assert html == (
        '<div class="block-paragraph"><p>See <a href="/policy-analysis/target/">the brief</a> '
        f'and <a href="{report.url}">the report</a>.</p></div>'
    )


def test_a_link_to_a_missing_page_renders_as_text_without_href():
    gone = factories.brief("Gone")
    gone_link = link(gone, "the old brief")
    gone.delete()
    assert rendered_paragraph(f"<p>See {gone_link}.</p>") == (
        '<div class="block-paragraph"><p>See <a>the old brief</a>.</p></div>'
    )


def expired_brief():
    page = factories.brief("Expired", slug="expired")
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(days=1))
    return page


#: Link targets readers cannot open, by reason.
UNREACHABLE = {
    "draft": lambda: factories.brief("Upcoming", slug="upcoming-secret", publish=False),
    "private": lambda: factories.make_private(factories.brief("Members", slug="members")),
    "expired": expired_brief,
    "outside every site": lambda: Page.get_first_root_node().add_child(
        instance=Page(title="Orphan", slug="orphan")
    ),
}


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("reason", sorted(UNREACHABLE))
def test_a_link_to_a_page_readers_cannot_open_renders_as_text_without_href(reason, language):
    target = UNREACHABLE[reason]()
    translation.activate(language)
    assert rendered_link(target) == "<a>x</a>"


def test_in_arabic_a_link_to_a_draft_with_a_live_arabic_edition_points_at_that_edition():
    target = factories.brief("Withdrawn", slug="withdrawn")
    translate_and_publish(target)
    target.unpublish()
    Site.clear_site_root_paths_cache()
    translation.activate("ar")
    assert rendered_link(target) == '<a href="/ar/policy-analysis/withdrawn/">x</a>'


def test_in_arabic_a_link_points_at_the_arabic_edition():
    target = factories.brief("Translated target", slug="translated-target")
    arabic = translate_and_publish(target)
    Site.clear_site_root_paths_cache()
    translation.activate("ar")
    expected = "/ar/policy-analysis/translated-target/"
    assert (rendered_link(target), Page.objects.get(pk=arabic.pk).url) == (
        f'<a href="{expected}">x</a>',
        expected,
    )


def test_in_arabic_a_link_to_an_untranslated_page_keeps_its_english_url():
    target = factories.brief("English only", slug="english-only")
    translation.activate("ar")
    assert rendered_link(target) == '<a href="/policy-analysis/english-only/">x</a>'


@pytest.mark.parametrize("reason", sorted(HIDDEN_EDITIONS))
def test_in_arabic_a_link_whose_edition_readers_may_not_see_keeps_the_english_url(reason):
    target = factories.brief("Hidden edition", slug="hidden-edition")
    HIDDEN_EDITIONS[reason](target)
    Site.clear_site_root_paths_cache()
    translation.activate("ar")
    assert rendered_link(target) == '<a href="/policy-analysis/hidden-edition/">x</a>'


def test_rich_text_rendered_without_preparing_is_localized_too():
    target = factories.brief("Filter target", slug="filter-target")
    translate_and_publish(target)
    Site.clear_site_root_paths_cache()
    translation.activate("ar")
    html = Template("{% load wagtailcore_tags %}{{ value|richtext }}").render(
        Context({"value": RichText(f"<p>{link(target, 'x')}</p>")})
    )
    assert html == '<p><a href="/ar/policy-analysis/filter-target/">x</a></p>'


# --- one batch ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 5])
def test_preparing_a_body_costs_the_same_queries_for_any_number_of_links(
    django_assert_num_queries, count
):
    targets = [factories.brief(f"Target {n}") for n in range(count)]
    page = factories.brief("Host", body=body_linking_to(targets))
    render(stored_body(page))  # makes the renditions, as the first reader does
    body = stored_body(page)
    warm_caches()
    with django_assert_num_queries(PREPARE_QUERIES_ENGLISH):
        prepare_stream(body)


@pytest.mark.parametrize("count", [1, 5])
def test_preparing_a_body_in_arabic_costs_the_same_queries_for_any_number_of_links(
    django_assert_num_queries, count
):
    targets = [factories.brief(f"Target {n}") for n in range(count)]
    for target in targets[::2]:
        translate_and_publish(target)
    page = factories.brief("Host", body=body_linking_to(targets))
    render(stored_body(page))
    body = stored_body(page)
    warm_caches()
    translation.activate("ar")
    with django_assert_num_queries(PREPARE_QUERIES_ARABIC):
        prepare_stream(body)


def test_a_prepared_body_renders_without_a_query(django_assert_num_queries):
    targets = [factories.brief(f"Target {n}") for n in range(3)]
    translate_and_publish(targets[0])
    page = factories.brief("Host", body=body_linking_to(targets))
    render(stored_body(page))
    cache.clear()  # Wagtail also caches renditions: here they come from the prefetch alone
    body = stored_body(page)
    warm_caches()
    translation.activate("ar")
    prepare_stream(body)
    with django_assert_num_queries(0):
        html = render(body)
    assert html.count('href="/ar/policy-analysis/') == 2  # the paragraph and the key points


def test_an_empty_body_is_returned_as_it_is_without_a_query(django_assert_num_queries):
    page = factories.brief("Empty body")
    BriefPage.objects.filter(pk=page.pk).update(body=[])
    body = stored_body(page)
    with django_assert_num_queries(0):
        prepared = prepare_stream(body)
    assert prepared is body


def test_a_body_holding_the_separator_character_is_left_for_render_time():
    target = factories.brief("Separator target", slug="separator-target")
    source = f"<p>A\x00B {link(target, 'x')}</p>"
    body = BodyBlock().to_python([{"type": "paragraph", "value": source, "id": "p"}])
    prepare_stream(body)
    assert (body[0].value.source, render(body)) == (
        source,
        '<div class="block-paragraph"><p>A\x00B <a href="/policy-analysis/separator-target/">x'
        "</a></p></div>",
    )


def test_the_prepare_stream_tag_outputs_nothing_and_expands_the_links():
    target = factories.brief("Tag target", slug="tag-target")
    page = factories.brief("Tag host", body=[rich(f"<p>{link(target, 'x')}</p>")])
    body = stored_body(page)
    output = Template("{% load core_tags %}{% prepare_stream body %}").render(
        Context({"body": body})
    )
    assert (output, body[0].value.source) == (
        "",
        '<p><a href="/policy-analysis/tag-target/">x</a></p>',
    )
