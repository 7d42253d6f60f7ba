"""Every body block is complete for editors (icon, label, group, its own template, a preview)
and renders safely, including when a chosen image or document was deleted since."""

import io

import pytest
from django.core.files.base import ContentFile
from django.template.loader import get_template
from wagtail.documents.models import Document

from core.blocks import BodyBlock
from policyanalysis.blocks import RecommendedAnalysisBlock
from tests.support import factories

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
