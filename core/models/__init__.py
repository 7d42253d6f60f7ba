from .taxonomy import Issue, PublicationType, Region, TaxonomyTerm

__all__ = ["Issue", "PublicationType", "Region", "TaxonomyTerm"]
