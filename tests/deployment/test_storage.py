"""Media on object storage: django-storages' S3 backend against moto's S3 server on
127.0.0.1 (started here, in a thread). Originals, renditions and documents are stored in the
bucket and served from it over HTTP."""

import io
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.documents import get_document_model

from core.renditions import get_rendition
from tests.support import factories

BUCKET = "thinktank-media"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}
REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture
def s3(settings, monkeypatch):
    """An S3 server on 127.0.0.1 with an empty bucket, and the site's media stored in it."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    # moto keeps its buckets per process: start from none.
    urllib.request.urlopen(  # noqa: S310 - 127.0.0.1
        urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"), timeout=10
    ).close()
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    # Readers fetch media straight from the bucket (docs/deployment.md): public reads.
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "location": "media",
                "default_acl": None,
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }
    yield client
    server.stop()


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - 127.0.0.1
        return response.status, response.read()


def keys(client):
    listing = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return sorted(item["Key"] for item in listing)


@pytest.mark.django_db
def test_an_image_and_its_rendition_are_stored_in_the_bucket_and_served_over_http(s3):
    image = factories.image("harbour", width=800, height=600)
    rendition = get_rendition(image, "width-400")
    assert keys(s3) == sorted([f"media/{image.file.name}", f"media/{rendition.file.name}"])
    assert image.file.url.startswith("http://127.0.0.1:")
    status, original = fetch(image.file.url)
    assert (status, PILImage.open(io.BytesIO(original)).size) == (200, (800, 600))
    status, resized = fetch(rendition.url)
    assert (status, PILImage.open(io.BytesIO(resized)).size) == (200, (400, 300))


@pytest.mark.django_db
def test_a_document_is_stored_in_the_bucket(s3):
    document = get_document_model().objects.create(
        title="Annual report", file=ContentFile(b"%PDF-1.4 report", name="report.pdf")
    )
    assert keys(s3) == [f"media/{document.file.name}"]
    assert fetch(document.file.url) == (200, b"%PDF-1.4 report")


def test_the_environment_selects_the_s3_storage_and_allows_its_origin_in_the_csp():
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND']); "
        "print(settings.STORAGES['default']['OPTIONS']['endpoint_url']); "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'][-1])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPOSITORY, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "https://objects.example.org",
        "https://objects.example.org",
    ], result.stderr
