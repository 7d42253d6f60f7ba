"""Uploaded audio answers HEAD and byte-range requests as podcast apps and players expect."""

import pytest

from tests.support import media

pytestmark = pytest.mark.django_db


@pytest.fixture
def audio():
    return media.audio("Range test", seconds=1.0)


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
