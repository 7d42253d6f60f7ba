from .pages import RoutedPageMixin
from .site_identity import SiteIdentity
from .taxonomy import Issue, PublicationType, Region, TaxonomyTerm

__all__ = [
    "Issue",
    "PublicationType",
    "Region",
    "RoutedPageMixin",
    "SiteIdentity",
    "TaxonomyTerm",
]
