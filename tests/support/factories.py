"""Builders for the content the tests need: the page tree, taxonomy, experts and briefs.

Plain functions over the real models (no mocks), shared by every test module.
"""

import datetime
import io
import itertools

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Locale, Page, PageViewRestriction, Site

from core.models import Issue, PublicationType, Region
from experts.models import ExpertIndexPage, ExpertPage
from home.models import HomePage
from policyanalysis.models import (
    AnalysisIndexPage,
    BriefAuthor,
    BriefPage,
    ChapterPage,
    Outlet,
    Series,
)

_counter = itertools.count(1)


def english():
    return Locale.objects.get(language_code="en")


def arabic():
    return Locale.objects.get_or_create(language_code="ar")[0]


def home_page():
    return HomePage.objects.get(locale=english())


def site_tree():
    """The home page with /experts/ and /policy-analysis/ under it (created once)."""
    home = home_page()
    experts = ExpertIndexPage.objects.filter(locale=english()).first()
    if experts is None:
        experts = home.add_child(instance=ExpertIndexPage(title="Experts", slug="experts"))
    analysis = AnalysisIndexPage.objects.filter(locale=english()).first()
    if analysis is None:
        analysis = home.add_child(
            instance=AnalysisIndexPage(title="Policy Analysis", slug="policy-analysis")
        )
    Site.clear_site_root_paths_cache()
    return home, experts, analysis


def term(model, name, slug=None, locale=None):
    slug = slug or name.lower().replace(" ", "-").replace("&", "and")
    obj, _ = model.objects.get_or_create(
        slug=slug, locale=locale or english(), defaults={"name": name}
    )
    return obj


def publication_type(name="Brief Analysis", slug=None):
    return term(PublicationType, name, slug)


def region(name="Iraq", slug=None):
    return term(Region, name, slug)


def issue(name="Terrorism", slug=None):
    return term(Issue, name, slug)


def series(name="Policy Notes", slug=None, **fields):
    """A series (translatable vocabulary) in English."""
    slug = slug or name.lower().replace(" ", "-").replace("&", "and")
    obj, _ = Series.objects.get_or_create(
        slug=slug, locale=english(), defaults={"name": name, **fields}
    )
    return obj


def outlet(name="The Hill", homepage="https://thehill.com/"):
    """An outlet (translatable vocabulary) in English."""
    obj, _ = Outlet.objects.get_or_create(
        name=name, locale=english(), defaults={"homepage": homepage}
    )
    return obj


def pdf_document(title="Report PDF", pages=3):
    """A real PDF in Wagtail's document library (Pillow writes it)."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    buffer = io.BytesIO()
    sheets = [PILImage.new("RGB", (200, 280), "white") for _ in range(pages)]
    sheets[0].save(buffer, "PDF", save_all=True, append_images=sheets[1:])
    document = Document(
        title=title, file=ContentFile(buffer.getvalue(), name=f"report-{next(_counter)}.pdf")
    )
    document._set_document_file_metadata()  # size and hash, as the admin's upload form does
    document.save()
    return document


def image(name="photo", width=640, height=480, color=(120, 90, 60)):
    """A real JPEG image in Wagtail's library."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, "JPEG")
    return Image.objects.create(
        title=name, file=ImageFile(buffer, name=f"{name}-{next(_counter)}.jpg")
    )


def expert(name=None, slug=None, short_bio=None, publish=True, **fields):
    _, experts_index, _ = site_tree()
    n = next(_counter)
    name = name or f"Expert {n}"
    page = ExpertPage(
        title=name,
        slug=slug or name.lower().replace(" ", "-").replace(".", ""),
        short_bio=short_bio or f"{name} is a fellow of the institute.",
        position=fields.pop("position", "Senior Fellow"),
        **fields,
    )
    experts_index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.unpublish()
    return page


def brief(
    title=None,
    *,
    authors=(),
    date=None,
    type=None,
    regions=(),
    issues=(),
    series=(),
    body=None,
    recommended=None,
    publish=True,
    parent=None,
    **fields,
):
    """A BriefPage under the analysis index, published unless ``publish=False``."""
    _, _, analysis = site_tree()
    n = next(_counter)
    title = title or f"Brief number {n}"
    page = BriefPage(
        title=title,
        slug=fields.pop("slug", None) or f"brief-{n}",
        date=date or datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
        publication_type=type or publication_type(),
        summary=fields.pop("summary", f"Summary of {title}."),
        body=body or [("paragraph", f"<p>Body of {title}.</p>")],
        **fields,
    )
    if recommended is not None:
        page.recommended = [("recommended", {"heading": "Recommended", "items": list(recommended)})]
    page.regions = list(regions)
    page.issues = list(issues)
    page.series = list(series)
    page.authors = [
        BriefAuthor(expert=author, sort_order=position) for position, author in enumerate(authors)
    ]
    (parent or analysis).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    page.refresh_from_db()
    return page


def chapter(report, title, *, body=None, endnotes=(), publish=True, slug=None):
    """A ChapterPage under ``report`` (after its existing chapters), published unless
    ``publish=False`` (then a draft from the start, as an editor's "Save draft": never live,
    so no publish or unpublish signal names it)."""
    page = ChapterPage(
        live=False,
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        body=body or [("paragraph", f"<p>Text of {title}.</p>")],
        endnotes=list(endnotes),
    )
    report.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def make_private(page, password="secret"):
    """Restrict ``page`` with a password (a private page)."""
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )
    return page


def all_pages_count():
    return Page.objects.count()
