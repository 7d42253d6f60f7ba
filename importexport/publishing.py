"""Publishing a page that the import has just created, with its row written once."""

from django.utils import timezone
from wagtail.models import Page, PageLogEntry
from wagtail.signals import page_published


def publish_created(page, revision, user=None):
    """Make ``revision``, the latest revision of ``page`` (created a moment ago with that
    revision's content and not yet published), the live one.

    The end state of ``revision.publish()``: live and not expired, first and last
    published now, no unpublished changes, a "wagtail.publish" log entry and the
    ``page_published`` signal. What it leaves out only matters for a page with a past:
    ``publish()`` rebuilds the page from the revision and saves it again with all its
    child rows (the slow part of publishing thousands of pages), renames, aliases, comments
    and a go-live date in the future (callers publish such a page the usual way).
    """
    now = timezone.now()
    fields = {
        "live": True,
        "expired": False,
        "has_unpublished_changes": False,
        "live_revision": revision,
        "first_published_at": page.first_published_at or now,
        "last_published_at": now,
    }
    Page.objects.filter(pk=page.pk).update(**fields)  # Page's own columns: one statement
    for name, value in fields.items():
        setattr(page, name, value)
    PageLogEntry.objects.log_action(
        instance=page, action="wagtail.publish", user=user, revision=revision,
        content_changed=True,
    )  # fmt: skip
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
