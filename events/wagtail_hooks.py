"""The event types vocabulary in the admin, and the clock instants at which event pages
change (for the page and API caches)."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.page_cache import NEXT_CHANGE_HOOK

from .models import EventPage, EventType, join_link_lead

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


@hooks.register("podcasts_media_on_public_page")
def recording_on_public_event(media_pk):
    """The podcasts app serves a media file only while a public page plays it: an event
    readers may see plays its recording (the hook is named by the podcasts app)."""
    return EventPage.objects.visible().filter(recording_id=media_pk).exists()
