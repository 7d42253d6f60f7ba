"""Event records: event pages with their speakers, time zone and related analysis."""

from django.utils.text import slugify
from wagtail.models import Site

from events.models import EventIndexPage, EventPage, EventSpeaker

from ..html.to_blocks import html_to_rich_text
from ..validation import body_html


def events_section(home=None):
    """The default site's /events/ page, created (published, under the home page) when
    missing."""
    home = home or Site.objects.get(is_default_site=True).root_page.specific
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=EventIndexPage(title="Events", slug="events"))
        index.save_revision().publish()
    return index


class EventWriter:
    """Event records: event pages with their speakers, time zone and related analysis."""

    @property
    def events_index(self):
        if getattr(self, "_events_index", None) is None:
            self._events_index = events_section(self.home)
        return self._events_index

    def write_event(self, record, entry, existing):
        index = self.events_index
        page = self.find_page(EventPage, existing, index, record.slug)
        created = page is None
        slug = record.slug or slugify(record.title)[:255] or "event"
        if created:
            page = EventPage(slug=self.available_slug(index, slug))
        elif record.slug and page.slug != record.slug:
            page.slug = self.available_slug(index, slug, page)
        page.title = record.title
        page.event_type = self.term("event_type", record.type)
        page.start = record.start
        page.end = record.end
        page.time_zone = record.time_zone
        page.summary = record.summary
        page.venue = record.venue
        page.address = record.address
        page.online_url = record.online_url
        page.join_link_lead_minutes = record.join_link_lead_minutes
        page.registration_url = record.registration_url
        page.registration_closed = record.registration_closed
        page.cancelled = record.cancelled
        page.recording_url = record.recording_url
        page.recording_id = (
            self.page_id_for("media", record.recording) if record.recording else None
        )
        page.report = html_to_rich_text(
            body_html(record, "report_html", "report_markdown"), self.resolve_link
        )
        page.regions = [self.term("region", name) for name in record.regions]
        page.issues = [self.term("issue", name) for name in record.issues]
        page.speakers = [
            EventSpeaker(
                expert_id=self.page_id_for("expert", speaker.expert) if speaker.expert else None,
                name=speaker.name,
                affiliation=speaker.affiliation,
                role=speaker.role,
                sort_order=position,
            )
            for position, speaker in enumerate(record.speakers)
        ]
        self.unresolved_links = False
        page.body = self.body_blocks(record)
        picked = [self.page_id_for("analysis", target) for target in record.related]
        items = [pk for pk in picked if pk is not None]
        page.related = (
            [{"type": "recommended", "value": {"heading": "Related analysis", "items": items}}]
            if items
            else []
        )
        self._save_page(page, index, created)
        self.remember(existing, entry, page, entry.checksum)
        return "created" if created else "updated"
