"""Shared pytest fixtures: a database with the site tree, clients, users in each group."""

import pytest
from _pytest.mark.expression import Expression
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation

from core.localization import clear_locale_cache
from tests.support import factories


@pytest.fixture(autouse=True)
def _clean_state():
    """Each test starts with an empty cache, no remembered locales (on PostgreSQL the Arabic
    locale gets a new id in every test), no values kept by content version and English
    active."""
    from core.versioned import clear as clear_content_memos

    cache.clear()
    clear_locale_cache()
    clear_content_memos()
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def tree(db):
    """(home, experts index, analysis index), English edition."""
    return factories.site_tree()


def _user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password="password", **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def superuser(db, django_user_model):
    return _user(django_user_model, "admin", is_superuser=True, is_staff=True)


@pytest.fixture
def editor(db, django_user_model):
    return _user(django_user_model, "editor", "Editors")


@pytest.fixture
def moderator(db, django_user_model):
    return _user(django_user_model, "moderator", "Moderators")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def pytest_ignore_collect(collection_path, config):
    """A run that deselects the browser tests (``-m "not browser"``) does not import them, so
    it works without Playwright installed."""
    if "browser" not in collection_path.parts:
        return None
    markexpr = config.getoption("markexpr")
    if markexpr and not Expression.compile(markexpr).evaluate(lambda name: name == "browser"):
        return True
    return None


@pytest.fixture
def database_queue(settings):
    """Tasks go to the database queue (django-tasks-db) instead of running at once."""
    from tests.support.tasks import DATABASE_QUEUE

    settings.TASKS = DATABASE_QUEUE
