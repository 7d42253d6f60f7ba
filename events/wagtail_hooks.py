"""The event types vocabulary in the admin, the clock instants at which event pages
change (for the page and API caches) and the upcoming events of a topic hub."""

import datetime
from urllib.parse import urlencode

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import Region
from core.page_cache import NEXT_CHANGE_HOOK
from core.visibility import visible
from policyanalysis.hubs import TOPIC_SECTIONS_HOOK
from policyanalysis.page_urls import PageUrls

from .listing import event_cards
from .models import EventIndexPage, EventPage, EventType, join_link_lead

#: How many upcoming events a topic hub lists.
TOPIC_EVENTS = 3

#: Upcoming events looked at for the next change (soonest first); beyond them the cache's
#: own limit (minutes) is far shorter than the distance to their start.
NEXT_CHANGE_WINDOW = 50


class EventTypeViewSet(SnippetViewSet):
    """Policy Forum, Webinar, Book Launch…: listed by name, filterable by language."""

    model = EventType
    icon = "date"
    menu_label = _("Event types")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(EventTypeViewSet)


@hooks.register(NEXT_CHANGE_HOOK)
def next_event_change(now):
    """The next instant an event page or listing changes by itself: a join link appears,
    an event starts, or one ends (upcoming becomes past). One query."""
    rows = (
        EventPage.objects.filter(live=True)
        .filter(Q(end__gt=now) | Q(end__isnull=True, start__gt=now))
        .order_by("start")
        .values_list("start", "end", "online_url", "join_link_lead_minutes")[:NEXT_CHANGE_WINDOW]
    )
    default_lead = join_link_lead()
    instants = []
    for start, end, online_url, lead_minutes in rows:
        instants.extend(moment for moment in (start, end) if moment is not None)
        if online_url and start is not None:
            lead = (
                datetime.timedelta(minutes=lead_minutes)
                if lead_minutes is not None
                else default_lead
            )
            instants.append(start - lead)
    future = [moment for moment in instants if moment > now]
    return min(future) if future else None


@hooks.register(TOPIC_SECTIONS_HOOK)
def topic_upcoming_events(term, locale, request):
    """A topic hub's "Upcoming events": the next events about its region or issue that
    readers may see, with a link to the events listing filtered by the topic. Two or three
    queries, none of them when the topic has no upcoming event but the first."""
    field, name = ("regions", "region") if isinstance(term, Region) else ("issues", "issue")
    queryset = (
        EventPage.objects.for_readers(locale)
        .upcoming()
        .filter(**{f"{field}__slug": term.slug})
        .distinct()
    )
    events = event_cards(queryset[:TOPIC_EVENTS], locale)
    if not events:
        return ""
    index = visible(EventIndexPage.objects.filter(locale=locale)).first()
    more = f"{PageUrls().url(index.url_path)}?{urlencode({name: term.slug})}" if index else ""
    return render_to_string(
        "events/includes/topic_events.html", {"events": events, "more": more}, request=request
    )


@hooks.register("podcasts_media_on_public_page")
def recording_on_public_event(media_pk):
    """The podcasts app serves a media file only while a public page plays it: an event
    readers may see plays its recording (the hook is named by the podcasts app)."""
    return EventPage.objects.visible().filter(recording_id=media_pk).exists()
