"""``manage.py export_translations_po FOLDER [--locale LANG]``: pending translations as PO files."""

from django.core.management.base import BaseCommand, CommandError

from translation_workflow.conf import target_language
from translation_workflow.po import export_folder, target_locale


class Command(BaseCommand):
    help = (
        "Write one PO file per pending translation (in progress, ready or out of date; terms "
        "with untranslated names) into FOLDER, named <slug>-<translation id>.po, with the header "
        "CAT tools read (Language, Plural-Forms, Project-Id-Version) and, per entry, a readable "
        "context (#.) and the English page's URL (#:). Translate the msgstr lines offline, then "
        "run import_translations_po FOLDER."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", help="folder to write the .po files into (created if missing)"
        )
        parser.add_argument(
            "--locale",
            default=target_language(),
            help="target language code (default: TRANSLATION_TARGET_LANGUAGE)",
        )

    def handle(self, *args, folder, locale, **options):
        try:
            target = target_locale(locale)
        except LookupError as error:
            raise CommandError(str(error)) from error

        def progress(number, total, path):
            self.stdout.write(f"[{number}/{total}] {path.name}")

        written = export_folder(folder, target, progress=progress)
        if not written:
            self.stdout.write(f"Nothing pending in {target.get_display_name()}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Wrote {len(written)} PO files into {folder}."))
