"""Plain-dict payloads of events for /api/v1/events/ and by-path (shapes in
``schemas.events``). What an event shows is decided by the events app (``EventPage``:
upcoming or past, join link, registration, speakers in the reader's language); these
functions only turn it into the documented shapes."""

from django.utils import timezone

from core.localization import language_code_for, localize_many
from events.listing import event_cards
from policyanalysis.recommendations import recommended_cards

from .payloads import (
    _published,
    body_payload,
    cards_payload,
    media_file_payload,
    term,
    translations_payload,
)


def _status(event, now):
    if event.is_happening(now):
        return "happening"
    return "upcoming" if event.is_upcoming(now) else "past"


def event_terms(events, locale):
    """{event id: (regions, issues)} as localized term dicts; two queries (prefetch) plus
    one swap per vocabulary, whatever the number of events."""
    regions = {event.pk: list(event.regions.all()) for event in events}
    issues = {event.pk: list(event.issues.all()) for event in events}
    every = [t for terms in regions.values() for t in terms]
    every += [t for terms in issues.values() for t in terms]
    localized = {(type(t), t.translation_key): t for t in localize_many(every, locale)}

    def names(terms):
        return [term(localized.get((type(t), t.translation_key), t)) for t in terms]

    return {event.pk: (names(regions[event.pk]), names(issues[event.pk])) for event in events}


def event_card(event, ctx, regions, issues, now):
    """A card for an event that went through ``events.listing.event_cards``."""
    return {
        "id": event.pk,
        "locale": language_code_for(event.locale_id),
        "url": ctx.page_url(event.url_path),
        "path": ctx.page_path(event.url_path),
        "title": event.title,
        "type": term(event.card_type) if event.card_type is not None else None,
        "start": event.local_start,
        "end": event.local_end,
        "time_zone": event.time_zone,
        "status": _status(event, now),
        "cancelled": event.cancelled,
        "in_person": event.is_in_person,
        "online": event.is_online,
        "venue": event.venue,
        "summary": event.summary,
        "regions": regions,
        "issues": issues,
    }


def event_cards_payload(queryset, ctx, now=None):
    """Cards for the events of ``queryset`` (regions and issues prefetched here)."""
    now = now or timezone.now()
    events = event_cards(queryset.prefetch_related("regions", "issues"), ctx.locale)
    terms = event_terms(events, ctx.locale)
    return [event_card(event, ctx, *terms[event.pk], now) for event in events]


def _speakers(event, ctx):
    rows = []
    for row in event.get_speakers():
        person = row.person
        rows.append(
            {
                "role": row.role,
                "name": row.display_name,
                "affiliation": person.position if person is not None else row.affiliation,
                "expert": (
                    {
                        "id": person.pk,
                        "name": person.title,
                        "url": ctx.page_url(person.url_path),
                        "locale": language_code_for(person.locale_id),
                    }
                    if person is not None
                    else None
                ),
            }
        )
    return rows


def _related(event, ctx):
    for block in event.related:
        items = list(block.value.get("items") or [])
        return {
            "heading": block.value.get("heading") or "",
            "items": cards_payload(recommended_cards(event, items), ctx),
        }
    return None


def event_detail(event, ctx, request=None, now=None):
    """Everything an event's HTML page shows, at ``now`` (default: this instant)."""
    now = now or timezone.now()
    [card] = event_cards(type(event).objects.filter(pk=event.pk), ctx.locale)
    taxonomy = event.get_taxonomy()
    payload = event_card(
        card,
        ctx,
        [term(t) for t in taxonomy["regions"]],
        [term(t) for t in taxonomy["issues"]],
        now,
    )
    over = not event.is_upcoming(now)
    payload.update(
        {
            "address": event.address,
            "online_access": (
                {
                    "opens_at": timezone.localtime(event.join_link_opens_at(), event.zone),
                    "url": event.online_url if event.shows_join_link(now) else None,
                }
                if event.is_online
                else None
            ),
            "registration": {
                "open": event.registration_open(now),
                "closed": event.registration_closed,
                "url": event.registration_url if event.registration_open(now) else None,
            },
            "speakers": _speakers(event, ctx),
            "body": body_payload(event.body, ctx),
            "after": (
                {
                    "recording_url": event.recording_url,
                    "recording": (
                        media_file_payload(event.recording, ctx) if event.recording_id else None
                    ),
                    "report": ctx.rich_text(event.report),
                }
                if over
                else None
            ),
            "related": _related(event, ctx),
            "ics_url": ctx.page_url(event.url_path) + "ical/",
            "translations": translations_payload(event, ctx),
            "seo": {
                "title": event.seo_title or event.title,
                "description": event.search_description or event.summary,
                "image": None,
            },
            **_published(event),
        }
    )
    return payload
