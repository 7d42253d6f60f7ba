"""Finding the page a URL names in two queries rather than one pair per path segment.

Wagtail routes a request from the site's home page down, child by child: for
``/policy-analysis/some-brief/`` it reads the site, the active Locale, then each page on the
way and its specific row (seven queries). Every page's ``url_path`` already spells that
walk, so ``PageRoutingMiddleware`` reads the pages whose ``url_path`` is a prefix of the
requested one in one query (with whether readers may see each: a breadcrumb trail needs
no query of its own), loads the deepest one's specific row and asks that page to
route the rest of the path (its own ``route()``: a term landing page, an event's .ics, a
show's feed). The result goes where Wagtail's ``Page.route_for_request`` keeps its own,
``request._wagtail_route_for_request``, so Wagtail's view serves it unchanged.

Wagtail's own walk still runs whenever the short cut could differ from it: a page on the
way whose ``route()`` might answer for its descendants' paths (a routable page whose
sub-route matches, or a custom ``route()`` not declared ``routes_children_first``), a home
page of the reader's language that is not live, or any path that ends in a 404 (Wagtail's
walk then decides, so fallbacks such as a landing page in place of a draft hub still work).

The site a host name selects is kept per content version (``core.versioned``), where
Wagtail reads it on every request; saving a Site changes the version.
"""

from django.db.models import BooleanField, ExpressionWrapper
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, Site
from wagtail.models.sites import get_site_for_hostname

from .localization import locale_for_language
from .models.pages import remember_ancestors
from .versioned import per_content_version
from .visibility import visible_q


@per_content_version
def site_for_host(hostname, port):
    """The Site serving ``hostname``:``port`` (Wagtail's rules), or None."""
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def find_site(request):
    """``Site.find_for_request``, from the values kept by content version (and cached on the
    request, where Wagtail looks first, so Wagtail's own calls get it too)."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = site_for_host(hostname, request.get_port())
    return request._wagtail_site


def _home_url_path(site, language):
    """The url_path of the site's home page in ``language`` (Wagtail's ``root_page.localized``
    before its live check), from Wagtail's cached site root paths."""
    try:
        code = locale_for_language(language).language_code
    except (Locale.DoesNotExist, LookupError):
        return site.root_page.url_path
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk and root.language_code == code:
            return root.root_path
    return site.root_page.url_path


def _may_answer_for_descendants(page, remaining):
    """Whether ``page`` (generic row) might route ``remaining`` path components itself
    instead of handing them to its child, so that only Wagtail's walk is exact."""
    model = page.specific_class
    if model is None:
        return True
    if model.route is Page.route or getattr(model, "routes_children_first", False):
        return False
    if issubclass(model, RoutablePageMixin) and model.route is RoutablePageMixin.route:
        if not page.live:
            return False
        try:
            model.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Http404:
            return False
    return True


def _specific(page):
    """``page.specific`` (Wagtail's), with the foreign keys its model names in
    ``routed_select_related`` (an expert's photo, a brief's hero image) joined into the same
    query, so that serving it does not read them one by one."""
    model = page.specific_class
    related = getattr(model, "routed_select_related", ())
    if model is None or not related:
        return page.specific
    specific = model._default_manager.select_related(*related).get(pk=page.pk)
    for name, value in page.__dict__.items():  # as Wagtail's get_specific()
        specific.__dict__.setdefault(name, value)
    return specific


def route(request, path, language):
    """Wagtail's ``RouteResult`` for ``path`` on the request's site in ``language``, or None
    when only Wagtail's own walk can tell (see the module's docstring)."""
    site = find_site(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    home_path = _home_url_path(site, language)
    candidates = [home_path]
    for component in components:
        candidates.append(f"{candidates[-1]}{component}/")
    pages = Page.objects.filter(url_path__in=candidates).annotate(
        # Whether readers may see each page on the way (breadcrumbs), in the same query.
        readers_see=ExpressionWrapper(visible_q(), output_field=BooleanField())
    )
    found = {page.url_path: page for page in pages}
    chain = []
    for candidate in candidates:
        if candidate not in found:
            break
        chain.append(found[candidate])
    if not chain:
        return None
    if not chain[0].live and home_path != site.root_page.url_path:
        return None  # Wagtail serves the default language's home page tree instead
    for depth, page in enumerate(chain[:-1]):
        if _may_answer_for_descendants(page, components[depth:]):
            return None
    page = _specific(chain[-1])
    if len(chain) > 1:
        page._cached_parent_obj = chain[-2]
    try:
        result = page.route(request, components[len(chain) - 1 :])
    except Http404:
        return None
    if result[0] is page and chain[0].depth == 2:
        # The chain holds every ancestor but the tree's root (which takes no restriction).
        remember_ancestors(page, chain[:-1])
    return result


class PageRoutingMiddleware:
    """Route Wagtail page requests with :func:`route`, before Wagtail's view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or hasattr(request, "_wagtail_route_for_request"):
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        result = route(request, path, translation.get_language())
        if result is not None:
            request._wagtail_route_for_request = result
        return None
