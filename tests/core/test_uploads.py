"""Hostile uploads: images accepted only as raster files checked by content (admin and
importer), images that cannot be rendered left out of every page and API response, and
documents always served as downloads that browsers do not sniff."""

import io
import logging
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import features
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.support import factories
from tests.support.imports import archive, brief, run

pytestmark = pytest.mark.django_db

FORMATS = "JPEG, PNG, WebP, GIF or AVIF" if features.check("avif") else "JPEG, PNG, WebP or GIF"
SVG_REFUSED = (
    "SVG images are not accepted: an SVG file can contain scripts. "
    f"Upload a {FORMATS} image instead."
)
NOT_AN_IMAGE = f"This file is not a {FORMATS} image."
DAMAGED = "This image file is damaged or incomplete: it cannot be read."
TOO_MANY_PIXELS = (
    "This image has too many pixels: the limit is 50 million (width x height x frames)."
)

SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    b'<script>alert(document.cookie)</script><rect width="40" height="40"/></svg>'
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def raster(fmt="PNG", size=(40, 30), mode="RGB"):
    """A real image file made with Pillow."""
    buffer = io.BytesIO()
    image = PILImage.new(mode, size, "white" if mode == "1" else (200, 120, 40))
    if fmt == "MPO":  # a camera JPEG carrying a second picture
        image.save(buffer, fmt, save_all=True, append_images=[image])
    else:
        image.save(buffer, fmt)
    return buffer.getvalue()


def truncated_jpeg():
    """A JPEG cut after its headers: Wagtail reads its size, nobody can decode it."""
    return raster("JPEG", size=(400, 300))[:400]


def png_claiming(width, height):
    """A tiny PNG whose header claims ``width`` x ``height`` pixels: a decompression bomb."""

    def chunk(kind, data):
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 256))
        + chunk(b"IEND", b"")
    )


# --- the admin's image upload ------------------------------------------------------------


def upload_image(admin_client, name, data):
    return admin_client.post(
        reverse("wagtailimages:add"), {"title": "Upload", "file": SimpleUploadedFile(name, data)}
    )


def form_errors(response):
    """The file field's error messages as the admin shows them."""
    return re.findall(r'<p class="error-message">\s*(.*?)\s*</p>', response.content.decode(), re.S)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("evil.svg", SVG, SVG_REFUSED),
        ("evil.png", SVG, SVG_REFUSED),
        ("page.png", HTML, NOT_AN_IMAGE),
        ("truncated.jpg", truncated_jpeg(), DAMAGED),
        ("huge.png", raster("PNG", size=(10_000, 8_000), mode="1"), TOO_MANY_PIXELS),
        ("bomb.png", png_claiming(30_000, 30_000), TOO_MANY_PIXELS),
        (
            "photo.jpg",
            raster("PNG"),
            'The file name ends in ".jpg" but the file is a PNG image: name it ".png".',
        ),
    ],
    ids=["svg", "svg-named-png", "html-named-png", "truncated-jpeg", "80-megapixels", "bomb",
         "png-named-jpg"],
)  # fmt: skip
def test_admin_upload_refuses_what_the_site_cannot_show_with_a_clear_message(
    admin_client, name, data, message
):
    response = upload_image(admin_client, name, data)
    assert response.status_code == 200
    assert form_errors(response) == [escape(message)]
    assert Image.objects.count() == 0


ACCEPTED = [
    ("photo.png", "PNG"),
    ("photo.jpg", "JPEG"),
    ("camera.jpeg", "MPO"),
    ("photo.webp", "WEBP"),
    ("photo.gif", "GIF"),
]
if features.check("avif"):
    ACCEPTED.append(("photo.avif", "AVIF"))


@pytest.mark.parametrize(("name", "fmt"), ACCEPTED)
def test_admin_upload_accepts_real_raster_images(admin_client, name, fmt):
    response = upload_image(admin_client, name, raster(fmt))
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (40, 30)
    assert image.file.name.endswith(Path(name).suffix)


def test_multiple_uploader_refuses_an_svg_with_the_same_message(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": SimpleUploadedFile("evil.png", SVG)}
    )
    assert response.json() == {"success": False, "error_message": SVG_REFUSED}
    assert Image.objects.count() == 0


def test_editing_an_image_without_a_new_file_still_saves(admin_client):
    image = factories.image("kept")
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Renamed", "focal_point_x": "", "focal_point_y": "", "focal_point_width": "",
         "focal_point_height": ""},
    )  # fmt: skip
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Renamed"


# --- the importer ------------------------------------------------------------------------


def test_importer_rejects_lines_whose_images_are_not_raster_images(tmp_path):
    path = archive(
        tmp_path,
        [
            {"kind": "expert", "id": "svg-photo", "name": "Svg Photo", "short_bio": "x",
             "photo": "photos/evil.svg"},
            {"kind": "expert", "id": "html-photo", "name": "Html Photo", "short_bio": "x",
             "photo": "photos/page.png"},
            brief("Damaged hero", id="damaged-hero", image="photos/truncated.jpg"),
            brief("Svg in body", id="svg-in-body",
                  body_html='<p>Text.</p><img src="photos/disguised.png" alt="A chart">'),
            {"kind": "expert", "id": "good", "name": "Good Photo", "short_bio": "x",
             "photo": "photos/portrait.png"},
            brief("Svg in Markdown", id="svg-in-markdown", body_html=None,
                  body_markdown="Text.\n\n![A chart](photos/disguised.png)"),
        ],
    )  # fmt: skip
    (tmp_path / "photos" / "evil.svg").write_bytes(SVG)
    (tmp_path / "photos" / "page.png").write_bytes(HTML)
    (tmp_path / "photos" / "truncated.jpg").write_bytes(truncated_jpeg())
    (tmp_path / "photos" / "disguised.png").write_bytes(SVG)
    code, out, _err = run("import_analysis", path)
    assert code == 1
    rejected = [line for line in out.splitlines() if line.startswith("REJECTED")]
    assert rejected == [
        f"REJECTED line 1 (id 'svg-photo'): image 'photos/evil.svg' refused: {SVG_REFUSED}",
        f"REJECTED line 2 (id 'html-photo'): image 'photos/page.png' refused: {NOT_AN_IMAGE}",
        f"REJECTED line 3 (id 'damaged-hero'): image 'photos/truncated.jpg' refused: {DAMAGED}",
        f"REJECTED line 4 (id 'svg-in-body'): image 'photos/disguised.png' refused: {SVG_REFUSED}",
        f"REJECTED line 6 (id 'svg-in-markdown'): image 'photos/disguised.png' refused: "
        f"{SVG_REFUSED}",
    ]
    # Only the valid line's photo became an image.
    assert [image.file.name.rsplit("/", 1)[-1][:8] for image in Image.objects.all()] == ["portrait"]


# --- images that cannot be rendered ------------------------------------------------------


def image_row(name, data, width=400, height=300):
    """An image row written straight to the database, as an older upload path could."""
    stored = default_storage.save(f"original_images/{name}", ContentFile(data))
    return Image.objects.create(title="Broken", file=stored, width=width, height=height)


def broken_image(kind):
    if kind == "damaged":
        return image_row("zzbroken-damaged.jpg", truncated_jpeg())
    if kind == "html-named-png":
        return image_row("zzbroken-html.png", HTML)
    if kind == "missing":
        image = image_row("zzbroken-missing.jpg", raster("JPEG"))
        default_storage.delete(image.file.name)
        return image
    if kind == "svg":
        return image_row("zzbroken-vector.svg", SVG, 40, 40)
    if kind == "svg-named-png":
        return image_row("zzbroken-disguised.png", SVG, 40, 40)
    if kind == "bomb":
        return image_row("zzbroken-bomb.png", png_claiming(30_000, 30_000), 30_000, 30_000)
    raise AssertionError(kind)


def content_with(broken):
    """An expert whose photo is ``broken`` and a brief by them with ``broken`` as hero image
    and as the first of two body images (the second one is fine)."""
    good = factories.image("goodchart")
    expert = factories.expert("Broken Photo", photo=broken)
    page = factories.brief(
        "Broken images",
        authors=[expert],
        hero_image=broken,
        body=[
            ("image", {"image": broken, "alt_text": "Broken", "decorative": False,
                       "caption": "First", "credit": ""}),
            ("image", {"image": good, "alt_text": "Good", "decorative": False,
                       "caption": "Second", "credit": ""}),
        ],
    )  # fmt: skip
    return expert, page, good


BROKEN_KINDS = ["damaged", "html-named-png", "missing", "svg", "svg-named-png", "bomb"]


@pytest.mark.parametrize("kind", BROKEN_KINDS)
def test_a_broken_image_is_left_out_of_every_page(client, tree, kind):
    expert, page, _good = content_with(broken_image(kind))
    for url in ("/", page.url, "/policy-analysis/", "/experts/", expert.url):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "zzbroken" not in html, url
        assert "not-found" not in html, url
    html = client.get(page.url).content.decode()
    # The brief keeps its working body image, and only that one.
    assert html.count("<img ") == 1
    assert "goodchart" in html


@pytest.mark.parametrize("kind", BROKEN_KINDS)
def test_a_broken_image_is_null_in_every_api_response(client, tree, kind):
    expert, page, good = content_with(broken_image(kind))
    responses = {
        url: client.get(url)
        for url in ("/api/v1/analysis/", f"/api/v1/analysis/{page.pk}/", "/api/v1/experts/",
                    f"/api/v1/experts/{expert.pk}/")
    }  # fmt: skip
    assert {url: r.status_code for url, r in responses.items()} == dict.fromkeys(responses, 200)
    [card] = responses["/api/v1/analysis/"].json()["items"]
    assert card["image"] is None
    detail = responses[f"/api/v1/analysis/{page.pk}/"].json()
    assert detail["image"] is None
    assert detail["hero"]["image"] is None
    assert detail["seo"]["image"] is None
    assert [block["value"]["image"]["id"] for block in detail["body"]] == [good.pk]
    assert detail["about_authors"][0]["photo"] is None
    [expert_card] = responses["/api/v1/experts/"].json()["items"]
    assert expert_card["photo"] is None
    assert responses[f"/api/v1/experts/{expert.pk}/"].json()["photo"] is None


def test_a_broken_image_is_logged_as_a_warning(client, tree, caplog):
    broken = broken_image("damaged")
    _expert, page, _good = content_with(broken)
    with caplog.at_level(logging.WARNING, logger="core.renditions"):
        client.get(page.url)
    messages = {r.getMessage() for r in caplog.records if r.name == "core.renditions"}
    assert messages == {
        f"Image {broken.pk} ({broken.file.name}) not rendered: OSError: Truncated File Read"
    }


@pytest.mark.parametrize(
    "tag",
    [
        "{% image img width-100 %}",
        '{% srcset_image img width-{100,200} sizes="50vw" %}',
        "{% picture img format-{webp,jpeg} width-100 %}",
        "{% image img width-100 as rendition %}{{ rendition.url }}",
    ],
    ids=["image", "srcset_image", "picture", "image-as"],
)
def test_each_image_tag_renders_nothing_for_a_broken_image(tag):
    template = Template("{% load core_images %}" + tag)
    assert template.render(Context({"img": broken_image("damaged")})) == ""
    good = factories.image("tagcheck")
    assert "/media/images/tagcheck" in template.render(Context({"img": good}))


def test_site_templates_use_the_fail_soft_image_tags():
    """``wagtailimages_tags`` raises on a broken image; every template loads ``core_images``."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for folder in ("core", "experts", "policyanalysis", "home", "webhooks", "templates")
        for path in (root / folder).rglob("*.html")
        if re.search(r"{%\s*load\b[^%]*\bwagtailimages_tags\b", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# --- documents ---------------------------------------------------------------------------

TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.mark.parametrize("data", [HTML, TINY_PDF], ids=["html-named-pdf", "real-pdf"])
def test_documents_are_downloads_that_browsers_do_not_sniff(admin_client, client, data):
    response = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "Report", "file": SimpleUploadedFile("x.pdf", data)}
    )
    assert response.status_code == 302
    document = Document.objects.get()
    response = client.get(f"/documents/{document.pk}/{document.filename}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{document.filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == data
