"""The site's local-memory cache takes any key, as Redis (the other cache it runs on) does."""

import warnings

from django.core.cache import caches


def test_the_local_memory_cache_takes_a_key_memcached_would_refuse_without_warning():
    cache = caches["default"]
    key = "edge:" + "a key with spaces " * 20  # 365 characters: memcached takes 250
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cache.set(key, "stored", 60)
        found = cache.get(key)
    assert (type(cache).__name__, found) == ("LocalMemoryCache", "stored")
