"""The event editor: times typed in the event's own time zone, shown back in it; bad input
refused with a message on the field."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from events.models import EventPage
from tests.support import events
from tests.support.admin_forms import event_form

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", index.pk))


def test_times_are_typed_and_shown_in_the_event_time_zone(admin_client, tree):
    index = events.event_index()
    kind = events.event_type()
    data = event_form("Baghdad roundtable", "baghdad-roundtable", kind.pk, time_zone="Asia/Baghdad")

    response = admin_client.post(add_url(index), data)

    assert response.status_code == 302
    page = EventPage.objects.get(slug="baghdad-roundtable")
    # 12:00 in Baghdad (UTC+3) whatever the server's zone (UTC in the settings).
    assert page.start == datetime.datetime(2030, 11, 4, 9, 0, tzinfo=UTC)
    assert page.end == datetime.datetime(2030, 11, 4, 10, 30, tzinfo=UTC)
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert 'value="2030-11-04 12:00"' in edit


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end": "2030-11-04 11:00"}, "end", "The event cannot end before it starts."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Choose a time zone from the list."),
        ({"slug": "ical"}, "slug", "is the calendar&#x27;s address"),
        (
            {"speakers": inline_formset([{"role": "speaker", "expert": "", "name": ""}])},
            "name",
            "Choose an expert or type a guest&#x27;s name.",
        ),
    ],
)
def test_bad_input_is_refused_and_saves_nothing(admin_client, tree, overrides, field, message):
    index = events.event_index()
    slug = overrides.pop("slug", "forum")
    data = event_form("Forum", slug, events.event_type().pk, **overrides)

    response = admin_client.post(add_url(index), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventPage.objects.exists()
