"""The headless content API (/api/v1/): typed, documented, localized, cached.

``router.api`` is the django-ninja NinjaAPI; ``payloads`` builds the JSON documents
from prefetched data; ``caching`` adds ETags and the content version; ``preview``
signs and checks preview tokens.
"""
