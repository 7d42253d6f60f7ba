"""A listener plays an episode in Chromium; the page passes axe; the audio file answers HEAD and
byte ranges over real HTTP, as podcast apps ask for it."""

import urllib.request

from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations
from tests.support import factories, media


def _episode():
    show = media.show()
    expert = factories.expert("Dana Stroul", short_bio="Dana Stroul is director of research.")
    audio = media.audio("Playable", seconds=4.0, captions=[(0, 2, "Welcome to the show.")])
    return media.episode(show, "Gulf security after the truce", media=audio, guests=[expert])


def test_episode_plays_and_passes_axe(page, site):
    episode = _episode()
    response = page.goto(site + episode.url)
    assert response.status == 200

    audio = page.locator("audio.media-player__audio")
    expect(audio).to_have_attribute("controls", "")
    # Keyboard: the player is reachable with Tab (native controls are focusable).
    audio.focus()
    assert page.evaluate("document.activeElement.tagName") == "AUDIO"
    page.evaluate("document.querySelector('audio').play()")
    page.wait_for_function(
        "() => { const a = document.querySelector('audio');"
        " return !a.paused && a.currentTime > 0; }"
    )
    assert page.evaluate("document.querySelector('audio').duration") == 4.0

    transcript = page.locator("details#transcript")
    expect(transcript).not_to_have_attribute("open", "")
    transcript.locator("summary").click()
    expect(transcript.get_by_text("Host: Welcome to the show.")).to_be_visible()

    assert axe_violations(page) == []
    page.log.assert_clean()


def test_audio_answers_head_and_range_over_http(site):
    episode = _episode()
    url = site + episode.audio.url
    head = urllib.request.urlopen(urllib.request.Request(url, method="HEAD"))
    assert (head.status, head.headers["Content-Length"]) == (200, str(episode.audio.file_size))
    assert head.headers["Accept-Ranges"] == "bytes"
    assert head.read() == b""
    ranged = urllib.request.urlopen(urllib.request.Request(url, headers={"Range": "bytes=0-11"}))
    assert ranged.status == 206
    assert ranged.headers["Content-Range"] == f"bytes 0-11/{episode.audio.file_size}"
    assert ranged.read()[:4] == b"RIFF"
