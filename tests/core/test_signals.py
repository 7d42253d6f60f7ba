"""``content_changed``: sent for each change, or once for a block that gathers them."""

import pytest

from core.signals import at_gathered_end, changes_gathered, content_changed, gathered_memo
from tests.support import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefs(tree):
    return factories.brief("First"), factories.brief("Second")


@pytest.fixture
def received(briefs):
    """The reasons of the changes sent after the briefs were made."""
    reasons = []

    def receiver(reason, **kwargs):
        reasons.append(reason)

    content_changed.connect(receiver, dispatch_uid="test-received")
    yield reasons
    content_changed.disconnect(dispatch_uid="test-received")


def publish(page):
    page.save_revision().publish()


def test_each_publish_is_a_change(briefs, received):
    publish(briefs[0])
    publish(briefs[1])
    assert received == ["page_published", "page_published"]


def test_a_gathering_block_sends_one_change_when_it_ends(briefs, received):
    with changes_gathered():
        publish(briefs[0])
        publish(briefs[1])
        assert received == []
    assert received == ["page_published"]


def test_a_nested_block_leaves_the_change_to_the_outer_one(briefs, received):
    with changes_gathered():
        with changes_gathered():
            publish(briefs[0])
        assert received == []
        publish(briefs[1])
    assert received == ["page_published"]


def test_a_block_that_raises_still_sends_its_change(briefs, received):
    with pytest.raises(ZeroDivisionError), changes_gathered():
        publish(briefs[0])
        1 / 0  # noqa: B018
    assert received == ["page_published"]


def test_a_block_without_changes_sends_nothing(received):
    with changes_gathered():
        pass
    assert received == []


def test_work_asked_for_inside_a_block_runs_when_the_outermost_block_ends():
    done = []
    at_gathered_end(lambda: done.append("outside"))
    assert done == ["outside"]
    with changes_gathered():
        with changes_gathered():
            at_gathered_end(lambda: done.append("inner"))
            gathered_memo()["seen"] = True
        at_gathered_end(lambda: done.append("outer"))
        assert done == ["outside"]
        assert gathered_memo() == {"seen": True}
    assert done == ["outside", "inner", "outer"]
    assert gathered_memo() is None


def test_work_asked_for_inside_a_block_that_raises_is_dropped():
    done = []
    with pytest.raises(ZeroDivisionError), changes_gathered():
        at_gathered_end(lambda: done.append("never"))
        1 / 0  # noqa: B018
    assert done == []
    with changes_gathered():
        assert gathered_memo() == {}
