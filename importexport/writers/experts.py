"""Expert records: profile pages with their links."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from experts.models import ExpertLink, ExpertPage, validate_link_url

from ..html.to_blocks import html_to_rich_text
from ..records import RecordError
from ..validation import body_html
from .base import LINK_KINDS, first_sentences


class ExpertWriter:
    """Expert records: profile pages with their links."""

    def write_expert(self, record, entry, existing):
        slug = record.slug or slugify(record.name)[:255] or "expert"
        # Adopt a profile at the same address (e.g. one created from an author name).
        page = self.find_page(ExpertPage, existing, self.experts_index, slug)
        created = page is None
        if created:
            page = ExpertPage(slug=self.available_slug(self.experts_index, slug))
        else:
            page = page.specific
            if record.slug and page.slug != record.slug:
                page.slug = self.available_slug(self.experts_index, slug, page)
        bio = html_to_rich_text(body_html(record, "bio_html", "bio_markdown"), self.resolve_link)
        page.title = record.name
        page.position = record.position
        page.bio = bio
        page.short_bio = record.short_bio or first_sentences(bio)
        page.languages = ", ".join(record.languages)[:255]
        page.photo = self.image(record.photo, record.name) if record.photo else None
        page.links = [_expert_link(link) for link in record.links]
        terms = [self.expertise(name) for name in record.expertise]
        page.expertise_regions = [t for t in terms if t._meta.model_name == "region"]
        page.expertise_issues = [t for t in terms if t._meta.model_name == "issue"]
        self._save_page(page, self.experts_index, created)
        self._experts_by_name[record.name] = page.pk
        self.remember(existing, entry, page, entry.checksum)
        return "created" if created else "updated"

    def expert_by_name(self, name):
        """The default-locale expert titled exactly ``name``, else a new profile."""
        if name not in self._experts_by_name:
            page_id = (
                ExpertPage.objects.filter(locale=self.default_locale, title=name)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            if page_id is None:
                page = ExpertPage(
                    title=name,
                    slug=self.available_slug(self.experts_index, slugify(name) or "expert"),
                    # The profile needs a short bio; editors complete it (the summary
                    # lists the profiles created from names).
                    short_bio=f"{name} is a contributor to {settings.WAGTAIL_SITE_NAME}.",
                )
                self._save_page(page, self.experts_index, created=True)
                self._note_link_target(page)
                page_id = page.pk
                self.report.new_experts.append(name)
            self._experts_by_name[name] = page_id
        return self._experts_by_name[name]

    # --- analysis ----------------------------------------------------------------------


def _expert_link(link):
    """An ExpertLink; a label that only names the kind ("Email", "Website") is not kept, so
    pages show the kind's name in the reader's language ("البريد الإلكتروني" on Arabic pages)
    instead of synchronized English."""
    kind = LINK_KINDS.get(link.label.strip().lower())
    return ExpertLink(kind=kind or "other", label="" if kind else link.label, url=_link_url(link))


def _link_url(link):
    url = link.url.strip()
    if "@" in url and "://" not in url and not url.startswith("mailto:"):
        url = f"mailto:{url}"
    if url.startswith("mailto:") and "@" not in url:
        raise RecordError(f"link {link.label or url!r}: not an e-mail address")
    try:
        validate_link_url(url)
    except ValidationError as error:
        raise RecordError(f"link {link.label or url!r}: {' '.join(error.messages)}") from None
    return url
