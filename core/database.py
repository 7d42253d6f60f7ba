"""The database's own upkeep that the application starts."""

from django.db import connection


def refresh_statistics():
    """Have the database re-read its tables' statistics (``ANALYZE``) after many rows changed
    at once (an import, a generated archive).

    The query planner chooses by them. Without them SQLite never walks the briefs' date index
    for a listing's newest first: it reads every brief of the language and sorts them, a cost
    that grows with the archive. PostgreSQL's autovacuum analyzes on its own, but only some
    time after a bulk load; running it now makes the next listing fast at once.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
