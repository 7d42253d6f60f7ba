"""Builders for events: the /events/ section, event types and event pages (real models)."""

import datetime
import itertools
import zoneinfo

from wagtail.models import Site

from events.models import EventIndexPage, EventPage, EventSpeaker, EventType
from tests.support import factories

_counter = itertools.count(1)

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def event_index():
    """/events/ under the English home page (created once)."""
    home, _experts, _analysis = factories.site_tree()
    index = EventIndexPage.objects.filter(locale=factories.english()).first()
    if index is None:
        index = home.add_child(instance=EventIndexPage(title="Events", slug="events"))
        index.save_revision().publish()
        Site.clear_site_root_paths_cache()
    return index


def event_type(name="Policy Forum", slug=None):
    return factories.term(EventType, name, slug)


def event(
    title=None,
    *,
    start=None,
    end=None,
    time_zone="America/New_York",
    type=None,
    speakers=(),
    moderators=(),
    guests=(),
    regions=(),
    issues=(),
    publish=True,
    **fields,
):
    """An EventPage under /events/, published unless ``publish=False``. ``start`` and
    ``end`` are aware datetimes (default: a day in 2030, 12:00–13:30 in New York)."""
    index = event_index()
    n = next(_counter)
    title = title or f"Event number {n}"
    start = start or datetime.datetime(2030, 1, 1, 12, 0, tzinfo=NEW_YORK) + datetime.timedelta(
        days=n
    )
    page = EventPage(
        # A draft is never live, not even for an instant (no publish or unpublish signal).
        live=publish,
        title=title,
        slug=fields.pop("slug", None) or f"event-{n}",
        event_type=type or event_type(),
        start=start,
        end=end if end is not None else start + datetime.timedelta(minutes=90),
        time_zone=time_zone,
        summary=fields.pop("summary", f"Summary of {title}."),
        body=fields.pop("body", [("paragraph", f"<p>About {title}.</p>")]),
        **fields,
    )
    page.regions = list(regions)
    page.issues = list(issues)
    rows = [EventSpeaker(expert=person, role=EventSpeaker.SPEAKER) for person in speakers]
    rows += [EventSpeaker(name=name, affiliation=affiliation) for name, affiliation in guests]
    rows += [EventSpeaker(expert=person, role=EventSpeaker.MODERATOR) for person in moderators]
    for position, row in enumerate(rows):
        row.sort_order = position
    page.speakers = rows
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page
