"""The import run: validate the whole file, then write it in dependency order.

Passes over the file (each re-reads only the lines it needs, by byte offset):

1. validation (every line; see ``validation``), then, unless ``dry_run``:
2. terms, 3. experts, 4. media (audio and video), 5. podcast shows, 6. analysis (authors
resolve to experts already written), 7. episodes and 8. videos (their show and media
exist), 9. events (speakers, recording and related analysis resolve to what is written),
10. chapters (under their report, written in pass 6), 11. topic hubs and 12. programs
(their experts and picks are written), 13. deferred references (recommendations and
archive links to briefs that came later in the file), 14. translations in the same order
(their sources exist; a chapter's after its report's).

Each record is written in its own savepoint, so a record that fails on writing is
reported and the others go on; with ``atomic`` the run is one transaction that is
rolled back when any line was rejected.
"""

import gc
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from core.database import refresh_statistics
from core.signals import changes_gathered
from core.tasks import enqueue_renditions, renditions_enqueued_by_caller

from .indexing import deferred_indexing
from .models import ImportedRecord
from .records import DEFAULT_LOCALE, KINDS, LineReader, RecordError, parse_record
from .translation import TranslationMismatch, TranslationOptions
from .validation import Rejection, Validator
from .writers import ArchiveWriter, translation_checksum

OUTCOMES = ("created", "updated", "unchanged", "rejected")


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do), per kind."""

    counts: dict = field(default_factory=lambda: defaultdict(lambda: dict.fromkeys(OUTCOMES, 0)))
    rejections: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    new_terms: set = field(default_factory=set)
    new_experts: list = field(default_factory=list)
    dry_run: bool = False
    rolled_back: bool = False
    seconds: float = 0.0

    @staticmethod
    def label(kind, locale):
        return kind if locale == DEFAULT_LOCALE else f"{kind} ({locale})"

    def count(self, kind, locale, outcome):
        self.counts[self.label(kind, locale)][outcome] += 1

    def reject(self, rejection):
        self.rejections.append(rejection)
        if rejection.kind:
            self.count(rejection.kind, rejection.locale or DEFAULT_LOCALE, "rejected")

    @property
    def exit_code(self):
        return 1 if self.rejections else 0

    @property
    def records(self):
        return sum(sum(c[o] for o in OUTCOMES[:3]) for c in self.counts.values())

    def summary_lines(self):
        """The human summary the command prints."""
        lines = []
        for rejection in self.rejections:
            where = f"line {rejection.line_no}" if rejection.line_no else "file"
            ident = f" (id {rejection.record_id!r})" if rejection.record_id else ""
            lines.append(f"REJECTED {where}{ident}: {rejection.reason}")
        lines.extend(f"warning: {warning}" for warning in self.warnings)
        if self.new_terms:
            lines.append(f"created terms: {', '.join(sorted(self.new_terms))}")
        if self.new_experts:
            lines.append(
                f"created expert profiles from author names: {', '.join(self.new_experts)}"
            )
        verb = "would be " if self.dry_run or self.rolled_back else ""
        lines.append(f"{'kind':<16}" + "".join(f"{verb + o:>20}" for o in OUTCOMES))
        for label in sorted(self.counts):
            row = self.counts[label]
            lines.append(f"{label:<16}" + "".join(f"{row[o]:>20}" for o in OUTCOMES))
        if self.rolled_back:
            lines.append("--atomic: lines were rejected, so nothing was written.")
        elif self.dry_run:
            lines.append("--dry-run: nothing was written.")
        if self.seconds and self.records:
            lines.append(
                f"{self.records} records in {self.seconds:.1f} s "
                f"({self.records / self.seconds:.1f} records/s)"
            )
        return lines


class Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, stream=None, enabled=None, width=30):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.width = width
        self.label, self.total, self.done, self._last = "", 0, 0, 0.0

    def start(self, label, total):
        self.label, self.total, self.done = label, total, 0
        self._draw(force=True)

    def advance(self, n=1):
        self.done += n
        self._draw()

    def finish(self):
        if self.enabled and self.total:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, force=False):
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        if self.total:
            filled = int(self.width * min(self.done, self.total) / self.total)
            bar = "#" * filled + "-" * (self.width - filled)
            text = f"\r{self.label:<14} [{bar}] {self.done}/{self.total}"
        else:
            text = f"\r{self.label:<14} {self.done} lines"
        self.stream.write(text)
        self.stream.flush()


class _RollBack(Exception):
    pass


class Importer:
    """Imports one interchange file (see the module docstring for the passes)."""

    def __init__(
        self,
        path,
        *,
        publish=True,
        strict=False,
        atomic=False,
        dry_run=False,
        progress=None,
        user=None,
        translation_options=None,
    ):
        self.path = Path(path)
        self.publish = publish
        self.strict = strict
        self.atomic = atomic
        self.dry_run = dry_run
        self.progress = progress or Progress(enabled=False)
        self.user = user
        self.translation_options = translation_options
        self.report = ImportReport(dry_run=dry_run)

    def run(self):
        """Validate, then import. Raises records.UnreadableFile for an unreadable file."""
        with _loaded_objects_frozen():
            return self._run()

    def _run(self):
        started = time.monotonic()
        self.progress.start("validating", 0)
        plan = Validator(self.path, strict=self.strict, publish=self.publish).run(self.progress)
        self.progress.finish()
        for rejection in plan.rejections:
            self.report.reject(rejection)
        self.report.warnings.extend(plan.warnings)
        if self.dry_run:
            self._predict(plan.entries)
        elif not (self.atomic and plan.rejections):
            if self.atomic:
                try:
                    with transaction.atomic():
                        self._write(plan.entries)
                        if self.report.rejections:
                            raise _RollBack
                except _RollBack:
                    self.report.rolled_back = True
            else:
                self._write(plan.entries)
        else:
            self.report.rolled_back = True
            self._predict(plan.entries)
        self.report.seconds = time.monotonic() - started
        return self.report

    def _predict(self, entries):
        """Counts for a run that writes nothing: created or, for known records, updated
        or unchanged by checksum (for translations, combined with their source's)."""
        for start in range(0, len(entries), 500):
            batch = entries[start : start + 500]
            ids = {e.id for e in batch} | {e.translation_of for e in batch if e.translation_of}
            known = {
                row[:3]: row[3]
                for row in ImportedRecord.objects.filter(source_id__in=ids).values_list(
                    "kind", "source_id", "locale", "checksum"
                )
            }
            for entry in batch:
                stored = known.get(entry.key)
                if stored is not None and entry.translation_of:
                    source = known.get(entry.source_key, "")
                    unchanged = stored == translation_checksum(
                        entry.checksum, source, TranslationOptions()
                    )
                else:
                    unchanged = stored is not None and entry.unchanged(stored)
                outcome = "created" if stored is None else ("unchanged" if unchanged else "updated")
                self.report.count(entry.kind, entry.locale, outcome)

    def _write(self, entries):
        writer = ArchiveWriter(
            self.path.parent,
            self.report,
            publish=self.publish,
            user=self.user,
            translation_options=self.translation_options,
        )
        # KINDS is in dependency order: each pass refers only to what earlier ones wrote.
        passes = [
            (kind, [e for e in entries if e.kind == kind and not e.translation_of])
            for kind in KINDS
        ]
        translations = [e for e in entries if e.translation_of]
        translations.sort(key=lambda e: KINDS.index(e.kind))
        writer.preload([e.key for e in entries] + [e.source_key for e in translations])
        deferred = []

        def fix(entry):
            writer.fix_references(self._record(reader, entry), entry)

        # Publishing a page reads which images it uses, to enqueue their renditions: the
        # writer knows them already. New images were enqueued when saved; the archive's
        # images that pages now use are enqueued once, at the end.
        with deferred_indexing(), renditions_enqueued_by_caller(), LineReader(self.path) as reader:
            for label, batch in passes:
                for entry in self._steps(label, batch):
                    if self._write_one(writer, reader, entry) is True:
                        deferred.append(entry)
            for entry in self._steps("links", deferred, at_batch_end=writer.write_fixed_references):
                self._guarded(writer, entry, fix)
            for entry in self._steps("translations", translations):
                self._write_one(writer, reader, entry)
        enqueue_renditions(writer.reused_images)
        # The planner's statistics describe the tables as they were before the import.
        refresh_statistics()

    def _steps(self, label, entries, batch_size=100, at_batch_end=None):
        """Yield entries with progress, committing every ``batch_size`` records (one
        commit per record would make SQLite sync the disk thousands of times), after
        ``at_batch_end()`` when given. Public caches are made stale once per batch, not once
        per page the batch publishes."""
        self.progress.start(label, len(entries))
        for start in range(0, len(entries), batch_size):
            with transaction.atomic(), changes_gathered():
                for entry in entries[start : start + batch_size]:
                    yield entry
                    self.progress.advance()
                if at_batch_end is not None:
                    at_batch_end()
        self.progress.finish()

    @staticmethod
    def _record(reader, entry):
        return parse_record(reader.read(entry.offset), entry.line_no)

    def _write_one(self, writer, reader, entry):
        """Write one record; returns True when its references must be fixed later."""

        def write(entry):
            record = self._record(reader, entry)
            existing = writer.imported(entry.kind, entry.id, entry.locale)
            if entry.translation_of:
                outcome = writer.write_translation(record, entry, existing)
                self.report.count(entry.kind, entry.locale, outcome)
                return False
            if existing is not None and entry.unchanged(existing.checksum):
                if entry.kind in writer._page_ids:
                    writer._page_ids[entry.kind][entry.id] = existing.object_id
                self.report.count(entry.kind, entry.locale, "unchanged")
                return False
            method = getattr(writer, f"write_{entry.kind}")
            result = method(record, entry, existing)
            outcome, deferred = result if isinstance(result, tuple) else (result, False)
            self.report.count(entry.kind, entry.locale, outcome)
            return deferred

        return self._guarded(writer, entry, write)

    def _guarded(self, writer, entry, action):
        try:
            with transaction.atomic():
                return action(entry)
        except (RecordError, TranslationMismatch, ValidationError, DatabaseError) as error:
            writer.forget(entry.key)  # what the write remembered was rolled back with it
            reason = _reason(error)
            self.report.reject(Rejection(entry.line_no, entry.id, reason, entry.kind, entry.locale))
            return None


@contextmanager
def _loaded_objects_frozen():
    """Keep the objects alive when the import starts (Django, Wagtail, the URLconf: some
    240,000) out of the garbage collector's full passes until it ends. Those passes walk
    every tracked object and come round more often as the import's records pile up: on
    4,000 briefs each thousand took 8.2 s, then 9.0, then 9.6 on SQLite (7.5 to 7.9 with
    them frozen). A process that froze its objects already (gunicorn's ``pre_fork``, for
    the same reason) is left as it is; otherwise they are unfrozen at the end, so a
    long-lived worker that runs imports collects them again."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _reason(error):
    if isinstance(error, RecordError):
        return error.reason
    if isinstance(error, TranslationMismatch):
        return f"the translation does not match its source: {error}"
    if isinstance(error, ValidationError):
        if hasattr(error, "message_dict"):
            return "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    return f"database error: {error}"
