"""Every body block is complete for editors (icon, label, group, its own template, a preview)
and renders safely, including when a chosen image or document was deleted since."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.template.loader import get_template
from wagtail.documents.models import Document

from core.blocks import BodyBlock
from policyanalysis.blocks import RecommendedAnalysisBlock
from tests.support import factories
from tests.support.translation import translate_and_publish

pytestmark = pytest.mark.django_db

BLOCKS = list(BodyBlock().child_blocks.values()) + [RecommendedAnalysisBlock()]


@pytest.mark.parametrize("block", BLOCKS, ids=lambda block: block.name or "recommended")
def test_block_has_icon_label_description_and_its_own_template(block):
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.label and block.get_description()
    get_template(block.meta.template)  # exists


def test_body_blocks_are_grouped_in_the_picker():
    groups = {block.name: str(block.meta.group) for block in BodyBlock().child_blocks.values()}
    assert set(groups.values()) == {"Text", "Media", "Data"}


@pytest.mark.parametrize("with_media", [False, True])
def test_every_body_block_preview_renders(with_media):
    if with_media:
        factories.image("preview")
        Document.objects.create(
            title="Report", file=ContentFile(io.BytesIO(b"%PDF-1.4").read(), name="report.pdf")
        )
    for block in BodyBlock().child_blocks.values():
        assert block.is_previewable, block.name
        html = block.render(block.get_preview_value())
        if with_media or block.name not in ("image", "document"):
            assert html.strip(), block.name


def test_a_deleted_image_or_document_leaves_the_page_rendering(tree, client):
    image = factories.image("soon gone")
    document = Document.objects.create(title="Gone", file=ContentFile(b"%PDF-1.4", name="gone.pdf"))
    brief = factories.brief(
        body=[
            ("paragraph", "<p>Before the image.</p>"),
            (
                "image",
                {"image": image, "alt_text": "x", "decorative": False, "caption": "", "credit": ""},
            ),
            ("document", {"document": document, "title": "", "description": ""}),
            ("paragraph", "<p>After the image.</p>"),
        ]
    )
    image.delete()
    document.delete()
    response = client.get(brief.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Before the image." in html and "After the image." in html


def test_a_heading_has_the_same_anchor_in_english_and_arabic(tree, client):
    # An anchor derived at render time from the Arabic text (#عربي-us-interests-in-iraq)
    # broke every link to the section from the other edition.
    for page in tree:
        translate_and_publish(page)
    english = factories.brief(
        "A dialogue",
        body=[
            ("heading", {"text": "U.S. Interests in Iraq", "level": "2", "anchor": ""}),
            ("paragraph", "<p>Text.</p>"),
            ("heading", {"text": "What next", "level": "3", "anchor": "next-steps"}),
        ],
    )
    arabic = translate_and_publish(english)

    def anchors(url):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        return [(h.name, h["id"], h.get_text()) for h in page.select(".block-heading")]

    assert anchors(english.url) == [
        ("h2", "us-interests-in-iraq", "U.S. Interests in Iraq"),
        ("h3", "next-steps", "What next"),
    ]
    assert anchors(arabic.url) == [
        ("h2", "us-interests-in-iraq", "عربي: U.S. Interests in Iraq"),
        ("h3", "next-steps", "عربي: What next"),
    ]
    api = client.get(f"/api/v1/analysis/{arabic.pk}/").json()
    assert [b["value"]["anchor"] for b in api["body"] if b["type"] == "heading"] == [
        "us-interests-in-iraq",
        "next-steps",
    ]
