"""Expert pages list the podcast episodes and videos the expert appears in."""

import datetime

import pytest

from podcasts.models import VideoSpeaker
from podcasts.templatetags.podcast_tags import podcast_appearances
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


def test_appearances_are_episodes_and_videos_newest_first_in_one_query(
    tree, django_assert_num_queries
):
    expert = factories.expert("Dana Stroul")
    show = media.show()
    media.episode(show, "Older episode", guests=[expert], date=datetime.date(2023, 5, 1))
    media.episode(show, "Newer episode", guests=[expert], date=datetime.date(2024, 9, 1))
    video = media.video("Forum video", date=datetime.date(2024, 6, 1))
    video.speakers = [VideoSpeaker(expert=expert)]
    video.save_revision().publish()
    podcast_appearances(expert, limit=2)  # warm: the view restrictions
    with django_assert_num_queries(1):
        titles = [item.title for item in podcast_appearances(expert, limit=2)]
    assert titles == ["Newer episode", "Forum video"]
