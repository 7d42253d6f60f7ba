"""``manage.py benchmark_import``: time import_analysis on a generated archive.

Runs against the configured database (use a scratch one: DATABASE_URL=...), which must
have been migrated. Prints records per second and SQL queries per record.
"""

import sys
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.synthetic import write_archive
from importexport.importer import Importer, Progress


class Command(BaseCommand):
    help = (
        "Generate an archive (--analysis N --experts M, an Arabic edition of every "
        "--translated-every-th brief) and time its import."
    )

    def add_arguments(self, parser):
        parser.add_argument("--analysis", type=int, default=1000)
        parser.add_argument("--experts", type=int, default=50)
        parser.add_argument(
            "--translated-every",
            type=int,
            default=0,
            help="give every n-th brief an Arabic edition (make bench: 10); 0 for none",
        )
        parser.add_argument(
            "--count-queries", action="store_true", help="also count SQL queries (slower)"
        )

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "archive.jsonl"
            total = write_archive(
                path,
                analysis=options["analysis"],
                experts=options["experts"],
                translated_every=options["translated_every"],
            )
            self.stdout.write(f"Generated {total} records ({path.stat().st_size:,} bytes)")
            importer = Importer(path, progress=Progress(stream=sys.stderr))
            started = time.monotonic()
            if options["count_queries"]:
                with CaptureQueriesContext(connection) as queries:
                    report = importer.run()
                per_record = f", {len(queries) / total:.1f} queries/record"
            else:
                report = importer.run()
                per_record = ""
            seconds = time.monotonic() - started
        for line in report.summary_lines():
            self.stdout.write(line)
        self.stdout.write(
            f"{connection.vendor}: {total} records in {seconds:.1f} s = "
            f"{total / seconds:.1f} records/s{per_record}"
        )
