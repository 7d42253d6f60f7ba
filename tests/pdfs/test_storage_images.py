"""A PDF edition embeds the page's images when media live on S3 (django-storages against
moto's S3 server on 127.0.0.1): they are read through the storage, whose URLs are the
bucket's, not MEDIA_URL."""

import io

import pytest
from pypdf import PdfReader

from tests.deployment.test_storage import s3  # noqa: F401 - the S3 server fixture
from tests.support import factories

pytestmark = pytest.mark.django_db


def test_the_pdf_embeds_a_hero_image_stored_on_s3(client, tree, s3):  # noqa: F811
    image = factories.image("harbour", width=800, height=600)
    assert image.file.url.startswith("http://127.0.0.1:")  # the bucket's, not /media/
    brief = factories.brief("Harbours and trade", hero_image=image)
    response = client.get(f"/pdf/{brief.pk}/")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    images = [picture for page in reader.pages for picture in page.images]
    assert len(images) == 1
