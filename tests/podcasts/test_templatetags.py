"""Expert pages list the podcast episodes and videos the expert appears in."""

import pytest

from tests.support import factories, media

pytestmark = pytest.mark.django_db


def test_expert_page_lists_visible_appearances_only(client, tree):
    expert = factories.expert("Dana Stroul")
    show = media.show()
    media.episode(show, "Gulf security after the truce", guests=[expert])
    media.episode(show, "Unreleased conversation", guests=[expert], publish=False)
    media.episode(show, "Without her", guests=["Someone Else"])
    page = client.get(expert.url).content.decode()
    assert '<h2 id="appearances-heading">Podcast and video appearances</h2>' in page
    assert "Gulf security after the truce" in page
    assert "Unreleased conversation" not in page
    assert "Without her" not in page


def test_expert_without_appearances_has_no_section(client, tree):
    expert = factories.expert("Nobody Heard")
    assert "appearances-heading" not in client.get(expert.url).content.decode()
