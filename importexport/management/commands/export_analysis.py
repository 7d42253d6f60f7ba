"""``manage.py export_analysis FILE.jsonl``: the archive in the interchange format."""

import datetime
import sys

from django.core.management.base import BaseCommand, CommandError

from importexport.exporter import Exporter
from importexport.importer import Progress


class Command(BaseCommand):
    help = (
        "Export taxonomy, experts, live analysis and their live translations as JSON Lines "
        "(docs/import-format.md); images are copied into media/ beside the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the .jsonl file to write")
        parser.add_argument(
            "--locale",
            action="append",
            dest="locales",
            help="language edition to include (repeatable; default: all). The default "
            "language's records are always written, since translations refer to them.",
        )
        parser.add_argument(
            "--since",
            type=datetime.date.fromisoformat,
            help="only pages published on or after this date (YYYY-MM-DD); terms are always "
            "written",
        )

    def handle(self, *args, **options):
        progress = Progress(stream=sys.stderr)
        progress.start("exporting", 0)
        try:
            counts = Exporter(
                options["file"],
                locales=options["locales"],
                since=options["since"],
                progress=progress,
            ).run()
        except OSError as error:
            raise CommandError(f"Cannot write {options['file']}: {error}") from error
        progress.finish()
        for label in sorted(counts):
            self.stdout.write(f"{label:<16}{counts[label]:>8}")
        self.stdout.write(f"Wrote {sum(counts.values())} records to {options['file']}")
