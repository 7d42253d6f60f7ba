"""What every page model of the project shares: ``RoutedPageMixin``."""

from wagtail.models import PageViewRestriction

from ..visibility import view_restrictions

_ANCESTORS = "_routed_ancestors"


def remember_ancestors(page, ancestors):
    """Record on ``page`` (a page object about to be served) its ``ancestors`` below the
    tree's root, as the router read them."""
    setattr(page, _ANCESTORS, ancestors)


class RoutedPageMixin:
    """Page mixin: a page found by ``core.routing.route`` knows its ancestors, so its view
    restrictions (which Wagtail's serve hook reads for every page: two queries) come from
    those and the restrictions kept by content version, with no query.

    Wagtail's rule is kept: the page and each ancestor count, an alias as the page it is an
    alias of. The answer is a queryset of the same restrictions whose rows are already
    known; filtering or ordering it queries the database as usual. Pages found any other
    way (the admin's) ask the database as Wagtail does.
    """

    #: Foreign keys the router joins into the query that loads the page (core.routing).
    routed_select_related = ()

    def routed_ancestors(self):
        """The page's ancestors below the tree's root as the router read them (each with
        ``readers_see``: whether anonymous readers may see it), or None when the page was
        found another way."""
        return getattr(self, _ANCESTORS, None)

    def get_view_restrictions(self):
        ancestors = getattr(self, _ANCESTORS, None)
        if ancestors is None:
            return super().get_view_restrictions()
        ids = {page.alias_of_id or page.pk for page in [*ancestors, self]}
        restrictions = PageViewRestriction.objects.filter(page_id__in=ids)
        restrictions._result_cache = [r for r in view_restrictions() if r.page_id in ids]
        return restrictions
