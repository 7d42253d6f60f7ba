"""Translation records: wagtail-localize translations of imported pages and terms."""

import hashlib

from core.localization import list_separator

from ..html.to_blocks import html_to_rich_text
from ..records import DEFAULT_LOCALE, RecordError
from ..translation import translate
from ..validation import body_html


class TranslationWriter:
    """Translation records: wagtail-localize translations of imported pages and terms."""

    def write_translation(self, record, entry, existing):
        source_record = self.imported(entry.kind, entry.translation_of, DEFAULT_LOCALE)
        if source_record is None:
            raise RecordError(
                f"its source {entry.kind} {entry.translation_of!r} was not imported "
                "(see the line rejected above)"
            )
        options = self.translation_options(record)
        checksum = translation_checksum(entry.checksum, source_record.checksum, options)
        if existing is not None and existing.checksum == checksum:
            return "unchanged"
        source = source_record.imported_object()
        translation, _changed = translate(
            source,
            self.locale(record.locale),
            self._translated_values(record),
            options,
            self.user,
            children_of=self.children,
        )
        if entry.kind == "chapter":
            self.place_translated_chapter(source, record.locale)
        self.remember(existing, entry, translation, checksum)
        return "created" if existing is None else "updated"

    def _translated_values(self, record):
        given = record.model_fields_set
        values = {}
        if record.kind == "term":
            values["name"] = record.name
            if "description" in given:
                values["description"] = record.description
            return values
        if record.kind == "expert":
            mapping = {"name": "title", "slug": "slug", "position": "position",
                       "short_bio": "short_bio"}  # fmt: skip
            if given & {"bio_html", "bio_markdown"}:
                values["bio"] = html_to_rich_text(body_html(record, "bio_html", "bio_markdown"))
            if "languages" in given:
                values["languages"] = list_separator(record.locale).join(record.languages)
        elif record.kind == "event":
            mapping = {"title": "title", "slug": "slug", "summary": "summary",
                       "venue": "venue", "address": "address"}  # fmt: skip
            if given & {"body_html", "body_markdown"}:
                values["body"] = self.body_blocks(record)
            if given & {"report_html", "report_markdown"}:
                values["report"] = html_to_rich_text(
                    body_html(record, "report_html", "report_markdown"), self.resolve_link
                )
        elif record.kind == "chapter":
            mapping = {"title": "title", "slug": "slug"}
            if given & {"body_html", "body_markdown"}:
                values["body"] = self.body_blocks(record)
                if self.endnotes:
                    values["endnotes"] = self.endnotes
        elif record.kind in ("topic", "program"):
            # A hub's slug is its term's (shared by every language): never translated.
            mapping = {"title": "title"}
            if record.kind == "program":
                mapping["slug"] = "slug"
            text = "intro" if record.kind == "topic" else "description"
            if given & {f"{text}_html", f"{text}_markdown"}:
                values[text] = html_to_rich_text(
                    body_html(record, f"{text}_html", f"{text}_markdown"), self.resolve_link
                )
        elif record.kind == "podcast_show":
            mapping = {"title": "title", "slug": "slug", "description": "description",
                       "author": "author", "copyright": "copyright"}  # fmt: skip
        else:
            mapping = {"title": "title", "slug": "slug", "subtitle": "subtitle",
                       "summary": "summary", "byline": "byline", "image_alt": "hero_alt",
                       "image_caption": "hero_caption", "image_credit": "hero_credit",
                       "committee": "committee", "chamber": "chamber",
                       "hearing_title": "hearing_title"}  # fmt: skip
            if given & {"body_html", "body_markdown"}:
                values["body"] = self.body_blocks(record)
                if self.endnotes:
                    values["endnotes"] = self.endnotes
            if given & {"transcript_html", "transcript_markdown"}:  # episodes and videos
                values["transcript"] = html_to_rich_text(
                    body_html(record, "transcript_html", "transcript_markdown"), self.resolve_link
                )
        for name, field_name in mapping.items():
            if name in given:
                values[field_name] = getattr(record, name)
        return values


def translation_checksum(record_checksum, source_checksum, options):
    """A translation is re-applied when it, its source or the way it is applied changes."""
    parts = (record_checksum, source_checksum, options.fingerprint())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()
