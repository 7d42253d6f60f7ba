"""What event pages, the home page and expert pages show of events, computed for their
templates (the app's own pages and, through these tags, pages of other apps)."""

from django import template
from django.db.models import BooleanField, ExpressionWrapper, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from core.localization import active_locale

from ..calendar import add_to_calendar_links
from ..listing import EventListing, event_cards
from ..models import EventPage, EventSpeaker, upcoming_q

register = template.Library()

#: How many upcoming events the home page and an expert page list.
SHORT_LIST = 3


@register.simple_tag(takes_context=True)
def event_listing(context, page):
    """The listing of ``page`` (an EventIndexPage) filtered by the request's query string:
    ``.upcoming`` (every upcoming event) and ``.past`` (the requested page of past ones)."""
    request = context["request"]
    listing = EventListing(request.GET, locale=page.locale, index=page)
    listing.upcoming_cards = listing.upcoming()
    listing.past_cards = listing.past(request.GET.get("page"))
    return listing


@register.simple_tag
def upcoming_events(locale=None, limit=SHORT_LIST):
    """The next ``limit`` events of ``locale`` (default: the active one) readers may see."""
    locale = locale or active_locale()
    return event_cards(EventPage.objects.for_readers(locale).upcoming()[:limit], locale)


@register.simple_tag
def events_with_expert(expert, limit=SHORT_LIST):
    """(upcoming, past) event cards with ``expert`` (any edition of the profile) as speaker
    or moderator, in the expert page's language: every upcoming one, soonest first, and the
    ``limit`` latest past ones, newest first. One query (a window numbers the past ones)."""
    now = timezone.now()
    speaking = EventSpeaker.objects.filter(expert__translation_key=expert.translation_key)
    events = (
        EventPage.objects.for_readers(expert.locale)
        .filter(pk__in=speaking.values("page_id"))
        .annotate(
            not_ended=ExpressionWrapper(upcoming_q(now), output_field=BooleanField()),
            recency=Window(
                RowNumber(),
                partition_by=[F("not_ended")],
                order_by=[F("start").desc(), F("pk").desc()],
            ),
        )
        .filter(Q(not_ended=True) | Q(recency__lte=limit))
    )
    cards = event_cards(events, expert.locale)
    upcoming = [event for event in cards if event.not_ended]
    past = [event for event in cards if not event.not_ended]
    upcoming.sort(key=lambda event: (event.start, event.pk))
    past.sort(key=lambda event: (event.start, event.pk), reverse=True)
    return upcoming, past


@register.simple_tag(takes_context=True)
def add_to_calendar(context, page):
    """[(label, url, is_download)] for the event's "Add to calendar" links."""
    return add_to_calendar_links(page, context.get("request"))
