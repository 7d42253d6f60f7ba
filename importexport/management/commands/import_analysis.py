"""``manage.py import_analysis FILE.jsonl``: bulk import of analysis, experts, taxonomy and
translations (format: docs/import-format.md)."""

import sys

from django.core.management.base import BaseCommand

from importexport.importer import Importer, Progress
from importexport.records import UnreadableFile


class Command(BaseCommand):
    help = (
        "Import a JSON Lines archive (docs/import-format.md). Validates every line first; "
        "re-running updates what changed and duplicates nothing. Exit status: 0 all "
        "imported, 1 some lines rejected, 2 unreadable file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the .jsonl file")
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report; write nothing"
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="reject records naming an unknown publication type, region or issue "
            "instead of creating it",
        )
        parser.add_argument(
            "--atomic", action="store_true", help="write nothing if any line is rejected"
        )
        state = parser.add_mutually_exclusive_group()
        state.add_argument(
            "--publish",
            dest="publish",
            action="store_true",
            default=True,
            help="publish created and changed pages (default)",
        )
        state.add_argument(
            "--draft",
            dest="publish",
            action="store_false",
            help="save created and changed pages as drafts",
        )

    def handle(self, *args, **options):
        importer = Importer(
            options["file"],
            publish=options["publish"],
            strict=options["strict"],
            atomic=options["atomic"],
            dry_run=options["dry_run"],
            progress=Progress(stream=sys.stderr),
        )
        try:
            report = importer.run()
        except UnreadableFile as error:
            self.stderr.write(f"Cannot import {options['file']}: {error}")
            sys.exit(2)
        for line in report.summary_lines():
            style = self.style.ERROR if line.startswith("REJECTED") else str
            self.stdout.write(style(line))
        if report.exit_code:
            sys.exit(report.exit_code)
