"""WSGI entry point (`gunicorn -c config/gunicorn.conf.py config.wsgi` in production)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

django_application = get_wsgi_application()

# The edge cache answers anonymous readers' cached pages and API responses before Django
# runs (deployment/edge_cache.py, docs/caching.md). Imported once Django is set up.
from deployment.edge_cache import EdgeCache  # noqa: E402

application = EdgeCache(django_application)

# Refuse to start, naming `manage.py collectstatic`, rather than answer 500 on every page
# because the manifest of collected static files is missing.
from deployment.staticfiles import require_collected_static  # noqa: E402

require_collected_static()
