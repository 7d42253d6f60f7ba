"""core.statements: a queryset compiled once per shape of its arguments, run with others.

The rows must be those of the queryset built with the same arguments, whatever changed
since the first call (the values, the clock, the view restrictions, a page's expiry); a
function reading something besides its arguments must be refused on its first call.
"""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from core.statements import prepared
from core.visibility import visible
from experts.models import ExpertPage
from policyanalysis.models import BriefAuthor
from tests.support import factories

#: How many times each builder below built its queryset.
BUILT = []


@prepared
def visible_experts_named(ids, now):
    BUILT.append("visible_experts_named")
    return visible(ExpertPage.objects.filter(pk__in=ids), now).order_by("pk")


@prepared
def titles(ids, now):
    return (
        visible(Page.objects.filter(pk__in=ids), now).order_by("pk").values_list("title", flat=True)
    )


@prepared
def authors_with_experts(page_id):
    return BriefAuthor.objects.filter(page_id=page_id).select_related("expert").order_by("pk")


@prepared
def pages_by_key(translation_key, slug):
    return Page.objects.filter(Q(translation_key=translation_key) | Q(slug=slug)).values("pk")


@prepared
def reads_the_clock(ids):
    return visible(Page.objects.filter(pk__in=ids))


@prepared
def sliced(ids, limit):
    return Page.objects.filter(pk__in=ids)[:limit]


@pytest.fixture
def experts(tree):
    return [factories.expert(f"Expert {number}") for number in range(3)]


def ids(pages):
    return [page.pk for page in pages]


def test_rows_are_those_of_the_queryset_for_each_call(experts):
    now = timezone.now()
    first = visible_experts_named(ids=ids(experts[:2]), now=now)
    second = visible_experts_named(ids=ids(experts[1:]), now=now)
    assert [(type(e), e.pk, e.title) for e in first] == [
        (ExpertPage, experts[0].pk, "Expert 0"),
        (ExpertPage, experts[1].pk, "Expert 1"),
    ]
    assert [e.title for e in second] == ["Expert 1", "Expert 2"]


def test_a_shape_is_built_twice_on_its_first_call_and_never_again(experts):
    BUILT.clear()
    now = timezone.now()
    visible_experts_named(ids=ids(experts[:2]), now=now)
    visible_experts_named(ids=ids(experts[1:]), now=now)
    assert BUILT == ["visible_experts_named"] * 2
    visible_experts_named(ids=ids(experts), now=now)  # three ids: another shape
    assert BUILT == ["visible_experts_named"] * 4


def test_a_call_runs_one_query(experts):
    now = timezone.now()
    visible_experts_named(ids=ids(experts[:2]), now=now)
    with CaptureQueriesContext(connection) as queries:
        visible_experts_named(ids=ids(experts[1:]), now=now)
    assert len(queries) == 1


def test_the_clock_passed_in_decides_expiry(experts):
    expert = experts[0]
    expert.expire_at = timezone.now() + datetime.timedelta(hours=1)
    expert.save(update_fields=["expire_at"])
    before = timezone.now()
    after = before + datetime.timedelta(hours=2)
    assert titles(ids=[expert.pk], now=before) == ["Expert 0"]
    assert titles(ids=[expert.pk], now=after) == []


def test_a_new_view_restriction_applies_at_the_next_call(experts):
    now = timezone.now()
    assert titles(ids=ids(experts[:2]), now=now) == ["Expert 0", "Expert 1"]
    factories.make_private(experts[0])
    assert titles(ids=ids(experts[:2]), now=now) == ["Expert 1"]


def test_select_related_rows_carry_their_related_object(tree):
    brief = factories.brief("With authors", authors=[factories.expert("Dana Stroul")])
    authors_with_experts(page_id=brief.pk)
    with CaptureQueriesContext(connection) as queries:
        rows = authors_with_experts(page_id=brief.pk)
        names = [row.expert.title for row in rows]
    assert (names, len(queries)) == (["Dana Stroul"], 1)


def test_uuid_and_string_arguments_are_slots(experts):
    first, second = experts[0], experts[1]
    assert pages_by_key(translation_key=first.translation_key, slug=second.slug) == [
        {"pk": first.pk},
        {"pk": second.pk},
    ]
    assert pages_by_key(translation_key=second.translation_key, slug="no-such-page") == [
        {"pk": second.pk}
    ]


def test_an_empty_list_runs_no_query(tree):
    titles(ids=[], now=timezone.now())  # (compiling it reads the view restrictions)
    with CaptureQueriesContext(connection) as queries:
        rows = titles(ids=[], now=timezone.now())
    assert (rows, len(queries)) == ([], 0)


def test_a_builder_that_reads_the_clock_is_refused(experts):
    with pytest.raises(ImproperlyConfigured, match="reads something besides its arguments"):
        reads_the_clock(ids=ids(experts))


def test_a_builder_that_writes_an_argument_into_the_sql_is_refused(experts):
    with pytest.raises(ImproperlyConfigured, match="builds different SQL"):
        sliced(ids=ids(experts), limit=2)
