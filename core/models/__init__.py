from .site_identity import SiteIdentity
from .taxonomy import Issue, PublicationType, Region, TaxonomyTerm

__all__ = ["Issue", "PublicationType", "Region", "SiteIdentity", "TaxonomyTerm"]
