"""Topic and program records: the hub of a region or issue, and a program under /programs/."""

from django.utils.text import slugify
from taggit.models import Tag

from policyanalysis.models import ProgramFellow, ProgramIndexPage, ProgramPage, TopicPage

from ..html.to_blocks import html_to_rich_text
from ..validation import body_html


class HubWriter:
    """Topic and program records (picks and people resolve to pages written earlier)."""

    def featured_blocks(self, record):
        """The record's picks as the pages' ``featured`` stream (validation checked them)."""
        return [
            {"type": "item", "value": self.page_id_for("analysis", target)}
            for target in record.featured
        ]

    def write_topic(self, record, entry, existing):
        vocabulary = "region" if record.region else "issue"
        term = self.term(vocabulary, record.region or record.issue)
        # The hub is served at the term's address: one made in the admin is adopted.
        page = self.find_page(TopicPage, existing, self.analysis_index, term.slug)
        created = page is None
        if created:
            page = TopicPage(slug=term.slug)
        page.title = record.title
        page.region = term if record.region else None
        page.issue = term if record.issue else None
        page.intro = html_to_rich_text(
            body_html(record, "intro_html", "intro_markdown"), self.resolve_link
        )
        page.featured = self.featured_blocks(record)
        self._save_page(page, self.analysis_index, created)
        self.remember(existing, entry, page, entry.checksum)
        return "created" if created else "updated"

    def programs_index(self):
        """The default site's /programs/ page (created, published, when missing)."""
        if not hasattr(self, "_programs_index"):
            index = ProgramIndexPage.objects.child_of(self.home).first()
            if index is None:
                index = self.home.add_child(
                    instance=ProgramIndexPage(title="Programs", slug="programs")
                )
                index.save_revision().publish()
            self._programs_index = index
        return self._programs_index

    def write_program(self, record, entry, existing):
        index = self.programs_index()
        page = self.find_page(ProgramPage, existing, index, record.slug)
        created = page is None
        slug = record.slug or slugify(record.title)[:255] or "program"
        if created:
            page = ProgramPage(slug=self.available_slug(index, slug))
        elif record.slug and page.slug != record.slug:
            page.slug = self.available_slug(index, slug, page)
        page.title = record.title
        page.description = html_to_rich_text(
            body_html(record, "description_html", "description_markdown"), self.resolve_link
        )
        page.director_id = self.page_id_for("expert", record.director) if record.director else None
        fellows = []
        for expert_id in (self.page_id_for("expert", fellow) for fellow in record.fellows):
            if expert_id not in fellows:
                fellows.append(expert_id)
        page.fellows = [
            ProgramFellow(expert_id=pk, sort_order=position) for position, pk in enumerate(fellows)
        ]
        page.featured = self.featured_blocks(record)
        page.series = [self.term("series", name) for name in record.series]
        page.keywords = [Tag.objects.get_or_create(name=name)[0] for name in record.keywords]
        self._save_page(page, index, created)
        self.remember(existing, entry, page, entry.checksum)
        return "created" if created else "updated"
