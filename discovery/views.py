"""The public views of discovery: the search page and robots.txt (feeds: feeds.py,
sitemaps: sitemaps.py)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from core.localization import active_locale, language_code_for
from core.visibility import restrictions_read_once, visible
from policyanalysis.models import BriefPage

from .citations import Reference
from .search import SiteSearch


@require_GET
def search(request):
    """/search/?q=…&type=…: the edition's analysis, best match first, with facets."""
    with restrictions_read_once():
        site_search = SiteSearch(request.GET, active_locale())
        results = site_search.page(request.GET.get("page"))
        searched = bool(site_search.filters)
        context = {
            "page": None,  # not a Wagtail page: the chrome links to each language's home
            "search": site_search,
            "filter_form": site_search.form,
            "results": results,
            "searched": searched,
            "facets": site_search.facets() if searched else [],
            "suggestion": (
                site_search.suggestion()
                if site_search.query and not results.paginator.count
                else ""
            ),
        }
        return TemplateResponse(request, "discovery/search.html", context).render()


@require_GET
def robots_txt(request):
    """robots.txt: everything public may be crawled but the admin and the search results;
    the sitemap index is named with its absolute URL."""
    sitemap = request.build_absolute_uri(reverse("discovery_sitemap_index"))
    searches = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            searches.append(f"Disallow: {reverse('discovery_search')}")
    lines = ["User-agent: *", "Disallow: /admin/", *searches, f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _cited_brief(request, page_id):
    """The brief readers may see with this id, with its authors in the brief's language."""
    brief = visible(BriefPage.objects.filter(pk=page_id)).first()
    if brief is None:
        raise Http404("No such analysis.")
    with translation.override(language_code_for(brief.locale_id)):
        return Reference(brief, brief.get_authors(), request)


@require_GET
def bibtex(request, page_id):
    """A brief's BibTeX record, as a download."""
    reference = _cited_brief(request, page_id)
    response = HttpResponse(reference.bibtex(), content_type="application/x-bibtex; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{reference.brief.slug}.bib"'
    return response


@require_GET
def ris(request, page_id):
    """A brief's RIS record, as a download."""
    reference = _cited_brief(request, page_id)
    response = HttpResponse(
        reference.ris(), content_type="application/x-research-info-systems; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{reference.brief.slug}.ris"'
    return response
