"""Helpers for the import/export tests: run the commands, write small archives, count rows."""

import io
import json
import shutil
from pathlib import Path

from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page, Revision

from core.models import Issue, PublicationType, Region
from tests.support.paths import DATA


def run(command, *args):
    """(exit status, stdout, stderr) of a management command."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *[str(a) for a in args], stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def archive(tmp_path, records, name="archive.jsonl", photos=True):
    """Write ``records`` (dicts, or raw strings written as they are) as a JSON Lines file."""
    path = Path(tmp_path) / name
    if photos and not (Path(tmp_path) / "photos").exists():
        shutil.copytree(DATA / "photos", Path(tmp_path) / "photos")
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(record if isinstance(record, str) else json.dumps(record, ensure_ascii=False))
            out.write("\n")
    return path


def fixture_archive(tmp_path):
    """tests/data/archive.jsonl with its photos, copied into ``tmp_path``."""
    shutil.copytree(DATA / "photos", Path(tmp_path) / "photos", dirs_exist_ok=True)
    target = Path(tmp_path) / "archive.jsonl"
    shutil.copy(DATA / "archive.jsonl", target)
    return target


def snapshot():
    """Row counts a write would change."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "terms": PublicationType.objects.count() + Region.objects.count() + Issue.objects.count(),
    }


def brief(title="A brief", **extra):
    record = {
        "kind": "analysis",
        "id": extra.pop("id", title.lower().replace(" ", "-")),
        "type": "Brief Analysis",
        "title": title,
        "date": "2021-03-04",
        "summary": f"Summary of {title}.",
        "body_html": f"<h2>Heading</h2><p>Body of {title}.</p>",
    }
    record.update(extra)
    return record


def empty_database():
    """Delete what imports create (pages below the home pages, the Arabic home page,
    translations, terms, import bookkeeping): an empty site to import an export into."""
    from wagtail_localize.models import Translation, TranslationSource

    from events.models import EventType
    from importexport.models import ImportedRecord
    from podcasts.models import EpisodePage, MediaItem

    EpisodePage.objects.all().delete()  # before their shows, which they protect
    Page.objects.filter(depth__gt=2).delete()
    Page.objects.filter(depth=2, locale__language_code="ar").delete()
    for model in (ImportedRecord, Translation, TranslationSource, Issue, PublicationType, Region):
        model.objects.all().delete()
    EventType.objects.all().delete()
    MediaItem.objects.all().delete()
