"""Full-text search that follows each page's language.

On PostgreSQL one search backend has a single text-search configuration, so Arabic text
indexed with the ``english`` configuration is never stemmed. This backend picks the
configuration per object from its locale when indexing (``SEARCH_CONFIGS_BY_LANGUAGE``)
and, for queries, from the alias used: the ``arabic`` alias queries with the ``arabic``
configuration over the same index. On SQLite (FTS5) the index and the queries hold
normalized, stemmed words (core.search_sqlite, core.text_normalization), so the embedded
default finds what PostgreSQL finds. Elsewhere it is Wagtail's database backend.

Settings:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "core.search", "SEARCH_CONFIG": "english",
                    "SEARCH_CONFIGS_BY_LANGUAGE": {"ar": "arabic"}},
        "arabic": {... same, "SEARCH_CONFIG": "arabic", "AUTO_UPDATE": False},
    }
    SEARCH_BACKEND_FOR_LANGUAGE = {"ar": "arabic"}   # default: {} (every language uses "default")
"""

import copy
from collections import defaultdict

from django.conf import settings
from django.db import connection

from .localization import language_code_for


def search_backend_for(language_code):
    """The search backend alias to query for content in ``language_code``."""
    return getattr(settings, "SEARCH_BACKEND_FOR_LANGUAGE", {}).get(language_code, "default")


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """Wagtail's database backend: language-aware on PostgreSQL, normalizing and stemming
    on SQLite (core.search_sqlite)."""
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite":
        # modelsearch falls back to LIKE matching when SQLite lacks FTS5; only its FTS5
        # backend is replaced.
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from .search_sqlite import NormalizingSQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return NormalizingSQLiteSearchBackend(params)
    return backend


def _postgres_backend_class():
    from django.db.models import Value
    from django.db.models.functions import Greatest
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class TitleFirstPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
        """Ranks by ts_rank with the fields' boosts as weights (title 2, summary 1, rest
        unboosted), the title's rank multiplied by its length norm only when that raises it.

        Upstream multiplies by the norm (average title length / this title's length) both
        ways, so a long title matching every word fell below a summary that mentions them.
        """

        def get_index_vectors(self, search_query):
            (title, title_norm), body = super().get_index_vectors(search_query)
            return [(title, Greatest(title_norm, Value(1.0))), body]

    class LanguageAwarePostgresIndex(PostgresIndex):
        """Indexes each object with its own language's text-search configuration."""

        def add_items(self, model, objs):
            by_config = defaultdict(list)
            for obj in objs:
                by_config[self.backend.config_for(obj)].append(obj)
            for config, group in by_config.items():
                backend = copy.copy(self.backend)
                backend.config = config
                PostgresIndex(backend).add_items(model, group)

    class LanguageAwarePostgresSearchBackend(PostgresSearchBackend):
        index_class = LanguageAwarePostgresIndex
        query_compiler_class = TitleFirstPostgresSearchQueryCompiler

        def __init__(self, params):
            super().__init__(params)
            self.configs_by_language = params.get("SEARCH_CONFIGS_BY_LANGUAGE", {})

        def config_for(self, obj):
            locale_id = getattr(obj, "locale_id", None)
            if locale_id is None:
                return self.config
            language = language_code_for(locale_id)
            return self.configs_by_language.get(language, self.config)

    return LanguageAwarePostgresSearchBackend
