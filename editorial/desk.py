"""What the desk knows about each content type: a registry the listings and the dashboard read.

The desk lists dated, authored content (analysis, events, podcast episodes, videos) and people
(experts). A content app joins by one call in this app's
``wagtail_hooks.py``::

    register_desk_content(DeskContent(model=EventPage, viewset=EventListing(...), dated=True))

Every dated type then appears in the dashboard panels ("scheduled to go live", "recently
published", "awaiting translation", "your unsaved drafts"), and its listing in the menu.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode

_REGISTRY = []


@dataclass
class DeskContent:
    """One content type on the desk: its page model, the listing that shows it and whether it
    is dated publishing (analysis, events, episodes) rather than a profile (experts)."""

    model: type
    viewset: object
    dated: bool = True
    #: ``{name: value}`` query parameters of the listing that the dashboard's links add.
    extra: dict = field(default_factory=dict)

    def listing_url(self, **params):
        """The admin listing of this type, filtered by ``params`` (its filter names)."""
        url = reverse(self.viewset.get_url_name("index"))
        return f"{url}?{urlencode(params, doseq=True)}" if params else url


def register_desk_content(content):
    """Add a content type to the desk (idempotent per model)."""
    if all(existing.model is not content.model for existing in _REGISTRY):
        _REGISTRY.append(content)
    return content


def desk_contents(dated=None):
    """The registered content types, optionally only the dated (or undated) ones."""
    return [item for item in _REGISTRY if dated is None or item.dated == dated]


def desk_content_for(model):
    """The registry entry of ``model``, or of its nearest registered base class (an episode
    is a brief: its own entry wins over the analysis one), or None."""
    for base in model.__mro__:
        for item in _REGISTRY:
            if item.model is base:
                return item
    return None
