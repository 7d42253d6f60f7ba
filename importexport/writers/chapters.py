"""Chapter records: chapter pages under the brief of their ``report``, in order."""

from django.utils.text import slugify
from wagtail.actions.move_page import MovePageAction
from wagtail.models import Page

from policyanalysis.models import BriefPage, ChapterPage

from ..records import RecordError


class ChapterWriter:
    """Chapter records: a report's chapter pages (body and endnotes as for analysis)."""

    def write_chapter(self, record, entry, existing):
        report_id = self.page_id_for("analysis", record.report)
        report = BriefPage.objects.filter(pk=report_id).exact_type(BriefPage).first()
        if report is None:
            # Validation checked the id; the brief was deleted since it was imported.
            raise RecordError(f"report {record.report!r}: its brief no longer exists")
        # A chapter made in the admin (or by an older demo loader) is adopted.
        page = self.find_page(ChapterPage, existing, report, record.slug)
        created = page is None
        if not created and not _is_child(page, report):
            # The record now names another report: the chapter moves under it.
            self._move(page, report, "last-child")
            page.refresh_from_db()
        slug = record.slug or slugify(record.title)[:255] or "chapter"
        if created:
            page = ChapterPage(slug=self.available_slug(report, slug))
        elif record.slug and page.slug != record.slug:
            page.slug = self.available_slug(report, slug, page)
        page.title = record.title
        page.body = self.body_blocks(record)
        page.endnotes = self.endnotes
        self._save_page(page, report, created)
        if record.order is not None:
            self.place_chapter(page, report, record.order)
        self.remember(existing, entry, page, entry.checksum)
        return "created" if created else "updated"

    def place_chapter(self, page, report, order):
        """Move ``page`` to place ``order`` (from 1) among the report's child pages; one
        query when it is there already (as when a file's chapters are imported in order)."""
        siblings = list(Page.objects.child_of(report).order_by("path").values_list("pk", flat=True))
        others = [pk for pk in siblings if pk != page.pk]
        index = min(order - 1, len(others))
        if siblings.index(page.pk) == index:
            return
        if index < len(others):
            target, pos = Page.objects.get(pk=others[index]), "left"
        else:
            target, pos = report, "last-child"
        self._move(page, target, pos)

    def place_translated_chapter(self, source, language_code):
        """Put the ``language_code`` edition of chapter ``source`` where the source stands:
        right before the edition of the next chapter that has one (editions are created
        under the translated report in the order they are imported, which need not be the
        source's). Two queries when it is there already."""
        target = ChapterPage.objects.filter(
            translation_key=source.translation_key, locale__language_code=language_code
        ).first()
        if target is None:  # an unfinished translation (no target page yet)
            return
        keys = list(
            Page.objects.sibling_of(source)
            .order_by("path")
            .values_list("translation_key", flat=True)
        )
        later = keys[keys.index(source.translation_key) + 1 :]
        editions = list(
            Page.objects.sibling_of(target).order_by("path").values_list("pk", "translation_key")
        )
        by_key = {key: pk for pk, key in editions}
        pks = [pk for pk, _key in editions]
        following = next((by_key[key] for key in later if key in by_key), None)
        here = pks.index(target.pk)
        if following is None:
            if here == len(pks) - 1:
                return
            target_page, pos = target.get_parent(), "last-child"
        else:
            if here + 1 < len(pks) and pks[here + 1] == following:
                return
            target_page, pos = Page.objects.get(pk=following), "left"
        self._move(target, target_page, pos)

    def _move(self, page, target, pos):
        """Move ``page`` (``MovePageAction``'s ``pos`` relative to ``target``). The tree
        paths of the siblings it leaves and joins change: what the run knew of the
        children of any parent is forgotten."""
        MovePageAction(page, target, pos=pos, user=self.user).execute(skip_permission_checks=True)
        self._children.clear()


def _is_child(page, report):
    return page.depth == report.depth + 1 and page.path.startswith(report.path)
