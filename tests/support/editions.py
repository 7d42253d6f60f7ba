"""Arabic editions that readers may not see, and translated snippets, made as the admin does.

Every public surface must leave these out: a draft never published, a published edition
behind a password, and a published edition past its expiry time (before
``publish_scheduled`` has run). Built on tests.support.translation (wagtail-localize).
"""

import datetime

from django.test import TestCase
from django.utils import timezone
from wagtail.models import Page

from tests.support import factories
from tests.support.translation import submit, translate_and_publish, translate_strings


def translate_term(term):
    """The Arabic translation of a snippet (e.g. a Region), saved through wagtail-localize."""
    job = submit(term)
    translate_strings(job)
    with TestCase.captureOnCommitCallbacks(execute=True):
        job.save_target(publish=True)
    return job.get_target_instance()


def draft_translation(page):
    """An Arabic edition with every string translated but never published."""
    job = submit(page)
    translate_strings(job)
    arabic = job.get_target_instance().specific
    assert not arabic.live  # the project does not publish on submit
    return arabic


def private_translation(page):
    """A published Arabic edition behind a password."""
    return factories.make_private(translate_and_publish(page))


def expired_translation(page):
    """A published Arabic edition past its expiry time."""
    arabic = translate_and_publish(page)
    Page.objects.filter(pk=arabic.pk).update(expire_at=timezone.now() - datetime.timedelta(1))
    return arabic


#: Each way an Arabic edition can exist and still be hidden from readers, by name.
HIDDEN_EDITIONS = {
    "draft": draft_translation,
    "private": private_translation,
    "expired": expired_translation,
}
