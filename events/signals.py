"""What events do when pages change: the calendar SEQUENCE is bumped when a publish changes
what calendars show."""

import hashlib

from wagtail.signals import page_published


def calendar_fingerprint(page):
    """A digest of what an iCalendar entry shows; a change means a new SEQUENCE."""
    parts = [
        page.title,
        page.start.isoformat() if page.start else "",
        page.end.isoformat() if page.end else "",
        page.time_zone,
        page.venue,
        page.address,
        "online" if page.online_url else "",
        "cancelled" if page.cancelled else "",
        page.summary,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def bump_sequence(sender, instance, **kwargs):
    """Record the published state's fingerprint; a changed one increments SEQUENCE."""
    from .models import CalendarSequence, EventPage

    page = instance.specific if not isinstance(instance, EventPage) else instance
    if not isinstance(page, EventPage):
        return
    fingerprint = calendar_fingerprint(page)
    row, created = CalendarSequence.objects.get_or_create(
        page_id=page.pk, defaults={"fingerprint": fingerprint}
    )
    if not created and row.fingerprint != fingerprint:
        row.sequence += 1
        row.fingerprint = fingerprint
        row.save(update_fields=["sequence", "fingerprint"])


def connect():
    page_published.connect(bump_sequence, dispatch_uid="events-calendar-sequence")
