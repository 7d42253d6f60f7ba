"""The brief page's "Download PDF" link, added through core's page-tools hook so that the
analysis templates do not depend on this app."""

from django.template.loader import render_to_string
from django.urls import reverse
from wagtail import hooks

from policyanalysis.models import BriefPage
from policyanalysis.publications import PDF_EDITION_HOOK


@hooks.register("core_public_page_tools")
def download_link(context):
    page = context.get("page")
    if not isinstance(page, BriefPage):
        return ""
    return render_to_string(
        "pdfs/download_link.html", {"url": reverse("pdfs:analysis", args=[page.pk])}
    )


@hooks.register(PDF_EDITION_HOOK)
def pdf_edition_path(brief):
    """The path of ``brief``'s PDF edition, for the API and the citation tags, which may
    not import this app: "" for a page readers cannot see yet (a preview draft)."""
    return reverse("pdfs:analysis", args=[brief.pk]) if brief.pk and brief.live else ""
