"""Bump the API's content version whenever something a response may contain changes.

The events are the ones ``core.signals.content_changed`` gathers for every public cache.
The version is coarse on purpose: one publish anywhere makes every cached response stale.
That is cheap (responses are rebuilt on demand) and never serves stale content.
"""

from core.signals import content_changed

from .caching import forget_content_version
from .models import ContentVersion


def bump_content_version(**kwargs):
    """content_changed receiver: count a content change and drop the cache's mirror of the
    count."""
    ContentVersion.bump()
    forget_content_version()


def connect():
    """Connect the receiver (called from the app's ready())."""
    content_changed.connect(bump_content_version, dispatch_uid="api-content-version")
