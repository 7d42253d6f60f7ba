"""Writing validated records into pages and snippets, one record at a time.

Each ``write_*`` method costs a bounded number of queries whatever the size of the
database: lookups go by indexed keys (source id, slug, exact title) and the small
vocabularies are cached for the run.
"""

from .analysis import AnalysisWriter
from .base import BaseWriter, content_type_id, site_sections
from .chapters import ChapterWriter
from .events import EventWriter, events_section
from .experts import ExpertWriter
from .hubs import HubWriter
from .podcasts import PodcastWriter
from .terms import TermWriter
from .translations import TranslationWriter, translation_checksum


class ArchiveWriter(
    TermWriter,
    ExpertWriter,
    PodcastWriter,
    AnalysisWriter,
    EventWriter,
    ChapterWriter,
    HubWriter,
    TranslationWriter,
    BaseWriter,
):
    """Creates or updates the objects of one import run: one writer per record kind."""


__all__ = [
    "ArchiveWriter",
    "content_type_id",
    "events_section",
    "site_sections",
    "translation_checksum",
]
