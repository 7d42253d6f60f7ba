"""The admin: editors create episodes and videos under the analysis index with the media
choosers, and the media library refuses files that are not what they claim with a form error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from podcasts.models import MediaItem
from podcasts.samples import tone_wav

pytestmark = pytest.mark.django_db


def test_episode_editor_opens_with_the_audio_chooser_and_guests(admin_client, tree):
    _, _, analysis = tree
    url = reverse("wagtailadmin_pages:add", args=("podcasts", "episodepage", analysis.pk))
    page = admin_client.get(url).content.decode()
    assert 'name="audio"' in page
    assert "Guests and hosts (in order)" in page
    assert "Show notes" in page


def test_media_library_accepts_real_audio_and_reads_its_facts(admin_client):
    response = admin_client.post(
        reverse("wagtailmedia:add", args=("audio",)),
        {
            "title": "Real audio",
            "file": SimpleUploadedFile("talk.wav", tone_wav(1.5), content_type="audio/wav"),
            "captions_language": "en",
            "collection": 1,
        },
    )
    assert response.status_code == 302
    item = MediaItem.objects.get(title="Real audio")
    assert (item.mime_type, item.duration, item.file_size) == ("audio/wav", 1.5, 24044)


def test_media_library_refuses_a_fake_mp3_with_a_form_error(admin_client):
    response = admin_client.post(
        reverse("wagtailmedia:add", args=("audio",)),
        {
            "title": "Fake",
            "file": SimpleUploadedFile("talk.mp3", b"<html>no</html>", content_type="audio/mpeg"),
            "captions_language": "en",
            "collection": 1,
        },
    )
    assert response.status_code == 200
    assert "This file is not a readable" in response.content.decode()
    assert not MediaItem.objects.filter(title="Fake").exists()
