"""Analysis records: briefs with authors, terms, body and references."""

import json

from django.utils.text import slugify
from wagtail.models import Revision

from policyanalysis.models import BriefAuthor, BriefPage


class AnalysisWriter:
    """Analysis records: briefs with authors, terms, body and references."""

    def write_analysis(self, record, entry, existing):
        """Returns (outcome, deferred): deferred when a recommendation or archive link
        points at a record later in the file (resolved by :meth:`fix_references`)."""
        return self.write_brief(BriefPage, record, entry, existing)

    def write_brief(self, model, record, entry, existing, set_fields=None):
        """A brief of ``model`` (BriefPage or a subclass) from ``record``; ``set_fields(page)``
        sets what the subclass adds before the page is saved."""
        page = self.find_page(model, existing, self.analysis_index, record.slug)
        created = page is None
        slug = record.slug or slugify(record.title)[:255] or "analysis"
        if created:
            page = model(slug=self.available_slug(self.analysis_index, slug))
        elif record.slug and page.slug != record.slug:
            page.slug = self.available_slug(self.analysis_index, slug, page)
        page.title = record.title
        page.subtitle = record.subtitle
        page.date = record.date
        page.doi = record.doi
        page.summary = record.summary
        page.byline = record.byline
        page.publication_type = self.term("type", record.type)
        page.regions = [self.term("region", name) for name in record.regions]
        page.issues = [self.term("issue", name) for name in record.issues]
        page.tags.set(self.tags_for(page, record.tags))
        page.hero_image = self.image(record.image, record.title) if record.image else None
        page.hero_alt = record.image_alt
        page.hero_caption = record.image_caption
        page.hero_credit = record.image_credit
        page.series = [self.term("series", name) for name in record.series]
        page.series_number = record.series_number
        page.page_count = record.page_count
        page.pdf = self.document(record.pdf, record.title) if record.pdf else None
        page.outlet = self.outlet(record.outlet) if record.outlet else None
        page.external_url = record.external_url
        page.committee = record.committee
        page.chamber = record.chamber
        page.hearing_title = record.hearing_title
        page.hearing_date = record.hearing_date
        page.hearing_video_url = record.hearing_video_url
        overrides = {} if created else dict(page.authors.values_list("expert_id", "bio_override"))
        expert_ids = []
        for author in record.authors:
            expert_id = (
                self.page_id_for("expert", author)
                if isinstance(author, str)
                else self.expert_by_name(author.name)
            )
            if expert_id not in expert_ids:
                expert_ids.append(expert_id)
        page.authors = [
            BriefAuthor(expert_id=pk, bio_override=overrides.get(pk, ""), sort_order=position)
            for position, pk in enumerate(expert_ids)
        ]
        deferred = self._set_references(page, record)
        links_unresolved = self.unresolved_links
        if set_fields is not None:
            set_fields(page)
        self._save_page(page, self.analysis_index, created)
        self.remember(existing, entry, page, entry.checksum)
        if deferred and created:
            # What fix_references needs, known now (a new page's fields are as saved).
            self._deferred[entry.key] = (
                page.latest_revision_id,
                page.live and page.live_revision_id == page.latest_revision_id,
                links_unresolved,
            )
        return ("created" if created else "updated"), deferred

    def _set_references(self, page, record):
        body, recommended, deferred = self._references(record)
        page.body = body
        page.endnotes = self.endnotes
        page.recommended = recommended
        return deferred

    def _references(self, record, with_body=True):
        """(body blocks or None without ``with_body``, recommended blocks, whether some
        target is not imported yet)."""
        self.unresolved_links = False
        body = self.body_blocks(record) if with_body else None
        picked = [self.page_id_for("analysis", target) for target in record.recommended]
        items = [pk for pk in picked if pk is not None]
        recommended = (
            [{"type": "recommended", "value": {"heading": "Recommended", "items": items}}]
            if record.recommended
            else []
        )
        return body, recommended, self.unresolved_links or None in picked

    def fix_references(self, record, entry):
        """Second pass for a deferred brief: now that every page exists, resolve its
        recommendations and archive links inside the revision this run already made
        (and in the live row when that revision is live), without a new revision. The
        body is converted again only when one of its links was not resolved. The changes
        are written by :meth:`write_fixed_references`, for many briefs at once."""
        page_id = self.page_id_for(entry.kind, entry.id)
        known = self._deferred.pop(entry.key, None)
        if known is None:  # a page this run updated: its state is read back
            latest, live, live_revision = BriefPage.objects.filter(pk=page_id).values_list(
                "latest_revision_id", "live", "live_revision_id"
            )[0]
            known = (latest, live and live_revision == latest, True)
        revision_id, revision_is_live, links_unresolved = known
        body, recommended, _deferred = self._references(record, with_body=links_unresolved)
        changes = {"recommended": recommended}
        if body is not None:
            changes["body"] = body
        self._fixed_references.append((page_id, revision_id, revision_is_live, changes))

    def write_fixed_references(self):
        """Write what :meth:`fix_references` resolved: one read and one update of the
        revisions, one update of the live rows per set of changed fields."""
        fixed, self._fixed_references = self._fixed_references, []
        revisions = Revision.objects.in_bulk([revision_id for _, revision_id, _, _ in fixed])
        live_rows = {}  # changed fields -> [BriefPage with the new values]
        for page_id, revision_id, revision_is_live, changes in fixed:
            revision = revisions[revision_id]
            for name, value in changes.items():
                revision.content[name] = json.dumps(value)
            if revision_is_live:
                live_rows.setdefault(tuple(changes), []).append(BriefPage(pk=page_id, **changes))
        Revision.objects.bulk_update(revisions.values(), ["content"])
        for fields, rows in live_rows.items():
            BriefPage.objects.bulk_update(rows, fields)

    # --- translations ------------------------------------------------------------------
