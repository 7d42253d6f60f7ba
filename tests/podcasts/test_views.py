"""Uploaded audio answers HEAD and byte-range requests as podcast apps and players expect,
while a page readers may see plays it (the file of a draft episode is not heard early)."""

import pytest

from tests.support import media

pytestmark = pytest.mark.django_db


@pytest.fixture
def audio():
    item = media.audio("Range test", seconds=1.0)
    media.episode(media.show(), media=item)  # a published episode plays it
    return item


def test_full_get_announces_byte_ranges(client, audio):
    response = client.get(audio.url)
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/wav"
    assert len(body) == audio.file_size == 16_044


def test_head_gives_length_and_type_without_a_body(client, audio):
    response = client.head(audio.url)
    assert response.status_code == 200
    assert (response["Content-Length"], response["Content-Type"]) == ("16044", "audio/wav")
    assert response.content == b""


def test_range_get_answers_206_with_exactly_those_bytes(client, audio):
    whole = audio.file.open("rb").read()
    response = client.get(audio.url, headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 100-199/16044"
    assert response["Content-Length"] == "100"
    assert b"".join(response.streaming_content) == whole[100:200]


def test_suffix_and_open_ended_ranges(client, audio):
    whole = audio.file.open("rb").read()
    tail = client.get(audio.url, headers={"Range": "bytes=-44"})
    assert (tail.status_code, tail["Content-Range"]) == (206, "bytes 16000-16043/16044")
    assert b"".join(tail.streaming_content) == whole[-44:]
    rest = client.get(audio.url, headers={"Range": "bytes=16000-"})
    assert b"".join(rest.streaming_content) == whole[16000:]


def test_unsatisfiable_range_answers_416(client, audio):
    response = client.get(audio.url, headers={"Range": "bytes=20000-"})
    assert (response.status_code, response["Content-Range"]) == (416, "bytes */16044")


def test_wrong_file_name_or_method_is_refused(client, audio):
    assert client.get(audio.url.replace(".wav", ".mp3")).status_code == 404
    assert client.post(audio.url).status_code == 405


def test_a_file_no_public_page_plays_is_served_to_editors_only(admin_client):
    from django.test import Client

    client = Client()  # anonymous (the project's admin_client logs the client fixture in)
    show = media.show()
    draft = media.episode(show, "Unreleased episode", publish=False)
    unused = media.audio("Not yet used")
    for item in (draft.audio, unused):
        assert client.get(item.url).status_code == 404
        assert client.head(item.url).status_code == 404
        response = admin_client.get(item.url)
        assert response.status_code == 200
        b"".join(response.streaming_content)
    draft.save_revision().publish()
    response = client.get(draft.audio.url, headers={"Range": "bytes=0-9"})
    assert (response.status_code, response["Content-Range"]) == (
        206,
        f"bytes 0-9/{draft.audio.file_size}",
    )
    b"".join(response.streaming_content)


def test_an_event_recording_is_served_while_its_event_is_public(client):
    from tests.support import events

    item = media.audio("Forum recording")
    event = events.event("Recorded forum", recording=item, publish=False)
    assert client.get(item.url).status_code == 404
    event.save_revision().publish()
    response = client.get(item.url)
    assert response.status_code == 200
    b"".join(response.streaming_content)


def test_captions_follow_the_rule_of_their_media_file(admin_client):
    from django.test import Client

    client = Client()  # anonymous
    item = media.audio("Captioned", seconds=1.0, captions=[(0, 1, "Welcome to the show.")])
    draft = media.episode(media.show(), "Captioned episode", media=item, publish=False)
    file_name = item.captions.name.split("/")[-1]
    assert item.captions_url == f"/audio-video/{item.pk}/captions/{file_name}"
    assert client.get(item.captions_url).status_code == 404
    assert admin_client.get(item.captions_url).status_code == 200
    draft.save_revision().publish()
    response = client.get(item.captions_url)
    assert (response.status_code, response["Content-Type"]) == (200, "text/vtt; charset=utf-8")
    assert b"".join(response.streaming_content).startswith(b"WEBVTT")
    # The episode's player offers them at that address.
    player = client.get(draft.url).content.decode()
    assert f'<track kind="captions" src="{item.captions_url}"' in player
    assert client.get(item.captions_url.replace(".vtt", ".srt")).status_code == 404
