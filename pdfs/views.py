"""``/pdf/<page id>/``: the PDF edition of a live, public analysis item."""

from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from core.visibility import visible
from policyanalysis.models import BriefPage

from .editions import pdf_for


@require_safe
def analysis_pdf(request, page_id):
    """The page's PDF as readers may see it: 404 for anything readers may not open (drafts,
    private sections, expired pages, unpublished translations), as for the page itself."""
    page = visible(BriefPage.objects.filter(pk=page_id)).select_related("locale").first()
    if page is None:
        raise Http404
    edition = pdf_for(page, request)
    response = FileResponse(
        edition.file.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"{page.slug}.pdf",
    )
    response["Cache-Control"] = "public, max-age=300"
    response["Content-Language"] = page.locale.language_code
    return response
