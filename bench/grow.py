"""Grow a database to N briefs in minutes, for the scale run (``bench/scale.py``).

Importing 100,000 briefs one page save at a time takes hours; the scale run needs the rows,
not the import. ``grow_briefs`` clones the English briefs already there (imported by
``bench.run.build``, so they have the seed's shape) with bulk inserts: the page tree rows
(paths after the analysis index's last child), the briefs' own rows, their ordered authors,
regions, issues, series and keywords. Each clone gets its own title, slug, translation key
and date (ten a day going back from the newest template's, so the date order and the year
filter see a real spread). Clones are live, with no revision (public output never reads
one), no Arabic edition and no search index entries (the listings measured do not search).
"""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from wagtail.models import Page

from core.database import refresh_statistics
from core.signals import content_changed
from importexport.writers.base import site_sections
from policyanalysis.models import BriefAuthor, BriefPage, BriefPageTag

TEMPLATES = 50  # distinct briefs the clones copy, in turn
PER_DAY = 10  # clones dated each day, going back: 100,000 briefs span 27 years
# Page fields every clone sets itself (the rest are copied from its template).
_OWN = {
    "id", "path", "depth", "numchild", "translation_key", "title", "draft_title", "slug",
    "url_path", "latest_revision_id", "live_revision_id", "latest_revision_created_at",
    "first_published_at", "last_published_at", "has_unpublished_changes", "live",
    "go_live_at", "expire_at", "expired", "locked", "locked_at", "locked_by_id",
    "alias_of_id",
}  # fmt: skip
# The many-to-many link tables copied per clone: (through model, column naming the brief).
_LINKS = (
    (BriefPage.regions.through, "briefpage_id"),
    (BriefPage.issues.through, "briefpage_id"),
    (BriefPage.series.through, "briefpage_id"),
    (BriefPageTag, "content_object_id"),
)


def english_briefs(index):
    """The live default-language briefs (BriefPage itself, not its subclasses) under
    ``index``."""
    return BriefPage.objects.child_of(index).filter(
        content_type=ContentType.objects.get_for_model(BriefPage), live=True
    )


class _Template:
    """One brief's rows, ready to be copied."""

    def __init__(self, brief):
        self.page = {
            f.attname: getattr(brief, f.attname)
            for f in Page._meta.concrete_fields
            if f.attname not in _OWN
        }
        self.brief = {
            f.attname: getattr(brief, f.attname)
            for f in BriefPage._meta.local_concrete_fields
            if f.attname != "page_ptr_id"
        }
        self.title = brief.title
        self.authors = list(
            brief.authors.order_by("sort_order").values_list("expert_id", "sort_order")
        )
        self.links = []
        for through, column in _LINKS:
            other = next(
                f.attname for f in through._meta.concrete_fields if f.attname not in ("id", column)
            )
            ids = through.objects.filter(**{column: brief.pk}).values_list(other, flat=True)
            self.links.append((through, column, other, list(ids)))


def grow_briefs(total, *, batch_size=2000, progress=None):
    """Add cloned briefs until the default-language analysis index holds ``total`` live
    briefs; returns how many were added. ``progress(done, missing)`` is called after each
    batch."""
    _home, _experts, index = site_sections()
    existing = english_briefs(index).count()
    missing = total - existing
    if missing <= 0:
        return 0
    sources = list(english_briefs(index).order_by("path")[:TEMPLATES])
    if not sources:
        raise ValueError("There is no live brief to copy: import an archive first.")
    templates = [_Template(brief) for brief in sources]
    newest = max(brief.date for brief in sources)
    last_path = index.get_children().order_by("-path").values_list("path", flat=True).first()
    step = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    depth = index.depth + 1
    done = 0
    while done < missing:
        count = min(batch_size, missing - done)
        with transaction.atomic():
            pages, briefs, numbers = [], [], []
            for _ in range(count):
                step += 1
                number = existing + done + len(pages)
                template = templates[number % len(templates)]
                date = newest - datetime.timedelta(days=number // PER_DAY)
                published = datetime.datetime.combine(date, datetime.time(12), datetime.UTC)
                title = f"{template.title} ({number})"
                slug = f"scale-{number}"
                pages.append(
                    Page(
                        **template.page,
                        path=Page._get_path(index.path, depth, step),
                        depth=depth,
                        numchild=0,
                        translation_key=uuid.uuid4(),
                        title=title,
                        draft_title=title,
                        slug=slug,
                        url_path=f"{index.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                    )
                )
                briefs.append((template, date))
                numbers.append(number)
            Page.objects.bulk_create(pages)
            rows = [
                BriefPage(page_ptr_id=page.pk, **{**template.brief, "date": date})
                for page, (template, date) in zip(pages, briefs, strict=True)
            ]
            _insert(BriefPage, rows, BriefPage._meta.local_concrete_fields)
            BriefAuthor.objects.bulk_create(
                BriefAuthor(page_id=page.pk, expert_id=expert, sort_order=order)
                for page, (template, _date) in zip(pages, briefs, strict=True)
                for expert, order in template.authors
            )
            for position, (through, column, other, _ids) in enumerate(templates[0].links):
                through.objects.bulk_create(
                    through(**{column: page.pk, other: pk})
                    for page, (template, _date) in zip(pages, briefs, strict=True)
                    for pk in template.links[position][3]
                )
            Page.objects.filter(pk=index.pk).update(numchild=index.numchild + done + count)
        done += count
        if progress is not None:
            progress(done, missing)
    refresh_statistics()
    # Caches keyed by the content version (filter choices, cards, pages) must see the new rows.
    content_changed.send(sender=Page, reason="bench_grow")
    return missing


def _insert(model, objs, fields):
    """INSERT the rows of ``model``'s own table only (bulk_create refuses a model with
    parents), in batches the database accepts."""
    size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), size):
        model._base_manager._insert(objs[start : start + size], fields=fields)
