"""Collected static files must exist before the site serves a page.

With a manifest storage (production's CompressedManifestStaticFilesStorage), every
``{% static %}`` looks its file up in ``staticfiles.json`` under STATIC_ROOT; without that
file every page answers 500. ``require_collected_static()`` runs when config/wsgi.py loads
the application, so gunicorn (or runserver) refuses to start and says what to run.

It is deliberately not a system check: `migrate` and `collectstatic` itself run those,
and must work before static files are collected.
"""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages


def require_collected_static():
    """Raise ImproperlyConfigured when the static-files storage keeps a manifest and the
    manifest is missing (`manage.py collectstatic` has not been run into STATIC_ROOT)."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin) or storage.exists(storage.manifest_name):
        return
    raise ImproperlyConfigured(
        f"Static files have not been collected: there is no {storage.manifest_name} in "
        f"STATIC_ROOT ({settings.STATIC_ROOT}). Run `python manage.py collectstatic --no-input` "
        "with these settings before starting the server."
    )
