"""``manage.py import_translations_po FOLDER [--publish]``: translated PO files back in."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translation_workflow.po import import_folder


class Command(BaseCommand):
    help = (
        "Apply every .po file in FOLDER to the translation it was exported from and report, per "
        "file, how many strings were updated and which entries or files were rejected. A file "
        "that cannot be read is rejected whole and changes nothing; the others are still applied."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="folder holding the translated .po files")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish each imported translation (untranslated strings fall back to English)",
        )

    def handle(self, *args, folder, publish, **options):
        if not Path(folder).is_dir():
            raise CommandError(
                f"{folder} is not a folder; pass the folder export_translations_po wrote"
            )
        reports = import_folder(folder, publish=publish)
        if not reports:
            raise CommandError(f"No .po files in {folder}.")
        for report in reports:
            if report.rejected:
                self.stdout.write(self.style.ERROR(f"REJECTED {report.path.name}: {report.error}"))
                continue
            line = f"applied  {report.path.name}: {report.applied} strings updated"
            if report.published:
                line += ", published"
            self.stdout.write(self.style.SUCCESS(line))
            for entry in report.rejected_entries:
                self.stdout.write(self.style.WARNING(f"  skipped {entry}"))
        rejected = [report for report in reports if report.rejected]
        if rejected:
            raise CommandError(
                f"{len(rejected)} of {len(reports)} files rejected (the others were applied); "
                "fix them and run the import again."
            )
