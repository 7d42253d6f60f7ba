"""Wagtail's password form for private pages, refused for pages readers cannot open; the
500 page.

Wagtail's own view renders the form for any page id paired with any restriction id, so its
answer (200 or 404) told whether a page id exists, drafts included. This one answers 404
unless the page is live, not expired and inside the restriction's section, exactly as an
unknown id.
"""

from django.conf import settings
from django.http import Http404, HttpResponseServerError
from django.template import loader
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction

from .visibility import published


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's ``authenticate_with_password`` for a live page the restriction covers."""
    restriction = (
        PageViewRestriction.objects.select_related("page")
        .filter(pk=page_view_restriction_id)
        .first()
    )
    covered = restriction is not None and (
        published(Page.objects.filter(pk=page_id))
        .descendant_of(restriction.page, inclusive=True)
        .exists()
    )
    if not covered:
        raise Http404
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)


def server_error(request):
    """The 500 page (``handler500``): the reader's language first, from the URL's prefix,
    rendered from the template alone (no database, context processors or catalogues)."""
    primary = "ar" if request.path.startswith("/ar/") else "en"
    try:
        body = loader.get_template("500.html").render(
            {"primary": primary, "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "")}
        )
    except Exception:  # noqa: BLE001 - the error page must answer whatever failed
        body = "<h1>Server error</h1>"
    return HttpResponseServerError(body)
