"""``manage.py import_translations_po FOLDER [--dry-run] [--publish | --publish-with-rejections]``:
translated PO files back in."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translation_workflow.po import import_folder


def _plural(count, word):
    return f"{count} {word}" + ("" if count == 1 else "s")


class Command(BaseCommand):
    help = (
        "Apply every .po file in FOLDER to the translation it was exported from and report, per "
        "file, how many strings were updated and which entries were rejected (with the reason) "
        "or skipped. A rejected string leaves the previous translation in place; a file that "
        "cannot be read is rejected whole and changes nothing; the other files are still applied. "
        "Exits with an error when anything was rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="folder holding the translated .po files")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="show what would change (and what would be published) and change nothing",
        )
        publishing = parser.add_mutually_exclusive_group()
        publishing.add_argument(
            "--publish",
            action="store_true",
            help="publish each complete translation (every string translated, none rejected); "
            "the others are listed with what they miss",
        )
        publishing.add_argument(
            "--publish-with-rejections",
            action="store_true",
            help="like --publish, but also publish complete translations whose import had "
            "rejected strings (those keep their previous translation)",
        )

    def handle(self, *args, folder, dry_run, publish, publish_with_rejections, **options):
        if not Path(folder).is_dir():
            raise CommandError(
                f"{folder} is not a folder; pass the folder export_translations_po wrote"
            )
        publishing = publish or publish_with_rejections
        reports = import_folder(
            folder,
            publish=publish,
            publish_with_rejections=publish_with_rejections,
            dry_run=dry_run,
        )
        if not reports:
            raise CommandError(f"No .po files in {folder}.")
        show_changes = dry_run or options["verbosity"] >= 2
        for report in reports:
            self._write_report(report, dry_run, publishing, show_changes)

        unpublished = [r for r in reports if not r.refused and r.publish_blocker]
        if unpublished:
            self.stdout.write(self.style.WARNING(f"Not published ({len(unpublished)}):"))
            for report in unpublished:
                self.stdout.write(f"  {report.name} ({report.path.name}): {report.publish_blocker}")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        refused = sum(1 for report in reports if report.refused)
        rejected = sum(len(report.rejections) for report in reports)
        failed = sum(1 for report in reports if report.publish_failed)
        if refused or rejected or failed:
            problems = []
            if refused:
                problems.append(f"{refused} of {len(reports)} files rejected")
            if rejected:
                problems.append(f"{_plural(rejected, 'string')} rejected")
            if failed:
                problems.append(f"{_plural(failed, 'translation')} refused at publishing")
            raise CommandError(
                f"{', '.join(problems)} (the rest was {'not ' if dry_run else ''}applied); "
                "fix them and run the import again."
            )

    def _write_report(self, report, dry_run, publishing, show_changes):
        if report.refused:
            self.stdout.write(self.style.ERROR(f"REJECTED {report.path.name}: {report.error}"))
            return
        updated = _plural(report.applied, "string")
        line = (
            f"dry run  {report.path.name}: {updated} would be updated"
            if dry_run
            else f"applied  {report.path.name}: {updated} updated"
        )
        if report.rejections:
            line += f", {len(report.rejections)} rejected"
        self.stdout.write((self.style.WARNING if report.rejections else self.style.SUCCESS)(line))
        if show_changes:
            verb = "would update" if dry_run else "updated"
            for change in report.changes:
                self.stdout.write(f"  {verb} {change}")
        for rejection in report.rejections:
            self.stdout.write(self.style.ERROR(f"  rejected {rejection}"))
        for entry in report.skipped:
            self.stdout.write(self.style.WARNING(f"  skipped {entry}"))
        for note in report.notes:
            self.stdout.write(f"  note {note}")
        if publishing:
            if report.publish_blocker:
                self.stdout.write(self.style.WARNING(f"  not published: {report.publish_blocker}"))
            else:
                self.stdout.write(
                    self.style.SUCCESS("  would publish" if dry_run else "  published")
                )
