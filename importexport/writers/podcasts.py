"""Podcast records: media items, podcast shows, episodes and videos.

Episodes and videos are briefs (``BriefPage`` subclasses): they are written by the analysis
writer's :meth:`~.analysis.AnalysisWriter.write_brief` with what they add set on top.
"""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.text import slugify

from podcasts.inspection import MediaRefused
from podcasts.models import (
    EpisodeGuest,
    EpisodePage,
    MediaItem,
    PodcastShowPage,
    VideoPage,
    VideoSpeaker,
)

from ..html.to_blocks import html_to_rich_text
from ..records import RecordError
from ..validation import body_html, file_path


class PodcastWriter:
    """Media items, podcast shows, episodes and videos."""

    # --- media ---------------------------------------------------------------------------
    def write_media(self, record, entry, existing):
        item = None
        if existing is not None:
            item = MediaItem.objects.filter(pk=existing.object_id).first()
        created = item is None
        if created:
            item = MediaItem()
        item.title = record.title
        item.type = record.media_type
        item.width = record.width
        item.height = record.height
        item.captions_language = record.captions_language
        item.poster = self.image(record.poster, record.title) if record.poster else None
        item.external_url = record.url
        if record.url:
            item.file = ""
            item.mime_type = record.mime_type  # save() guesses it from the address when ""
            item.file_size = record.file_size
            item.duration = record.duration or 0
        if record.captions:
            self._attach(item, "captions", record.captions)
        else:
            item.captions = ""
        try:
            if record.file:
                # MIME type, size and duration are read from the file itself (by clean()).
                self._attach(item, "file", record.file)
            item.clean()
            item.save()
        except MediaRefused as error:
            raise RecordError(f"file {record.file!r} refused: {error}") from None
        except ValidationError as error:
            raise RecordError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            ) from None
        finally:
            for field_name in ("file", "captions"):
                handle = getattr(item, f"_import_{field_name}", None)
                if handle is not None:
                    handle.close()
        self.remember(existing, entry, item, entry.checksum)
        return "created" if created else "updated"

    def _attach(self, item, field_name, name):
        """Put the file ``name`` (relative to the import file) on ``item.<field_name>``."""
        path = file_path(self.base_dir, name)
        handle = path.open("rb")  # noqa: SIM115 (closed by write_media)
        setattr(item, f"_import_{field_name}", handle)
        setattr(item, field_name, File(handle, name=path.name))

    def media_id(self, source_id):
        return self.page_id_for("media", source_id) if source_id else None

    # --- shows ---------------------------------------------------------------------------
    def write_podcast_show(self, record, entry, existing):
        parent = self.home
        page = self.find_page(PodcastShowPage, existing, parent, record.slug)
        created = page is None
        slug = record.slug or slugify(record.title)[:255] or "podcast"
        if created:
            page = PodcastShowPage(slug=self.available_slug(parent, slug))
        elif record.slug and page.slug != record.slug:
            page.slug = self.available_slug(parent, slug, page)
        page.title = record.title
        for name in (
            "description", "author", "owner_name", "owner_email", "category", "explicit",
            "show_type", "feed_locked", "copyright",
        ):  # fmt: skip
            setattr(page, name, getattr(record, name))
        page.artwork = self.image(record.artwork, record.title) if record.artwork else None
        self._save_page(page, parent, created)
        self.remember(existing, entry, page, entry.checksum)
        return "created" if created else "updated"

    # --- episodes and videos ---------------------------------------------------------------
    def _transcript(self, record):
        return html_to_rich_text(
            body_html(record, "transcript_html", "transcript_markdown"), self.resolve_link
        )

    def _people(self, model, record, default_role):
        return [
            model(
                expert_id=self.page_id_for("expert", person.expert) if person.expert else None,
                name=person.name,
                affiliation=person.affiliation,
                role=person.role or default_role,
                sort_order=position,
            )
            for position, person in enumerate(record.people())
        ]

    def write_episode(self, record, entry, existing):
        def set_fields(page):
            page.show_id = self.page_id_for("podcast_show", record.show)
            page.audio_id = self.media_id(record.audio)
            page.season = record.season
            page.episode_number = record.episode_number
            page.episode_type = record.episode_type
            page.explicit = record.explicit
            page.transcript = self._transcript(record)
            page.guests = self._people(EpisodeGuest, record, EpisodeGuest.Role.GUEST)

        return self.write_brief(EpisodePage, record, entry, existing, set_fields)

    def write_video(self, record, entry, existing):
        def set_fields(page):
            page.video_id = self.media_id(record.video)
            page.transcript = self._transcript(record)
            page.speakers = self._people(VideoSpeaker, record, VideoSpeaker.Role.SPEAKER)

        return self.write_brief(VideoPage, record, entry, existing, set_fields)
