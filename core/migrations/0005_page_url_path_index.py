"""An index on Wagtail's ``Page.url_path``.

``core.routing.PageRoutingMiddleware`` finds a request's page and its ancestors in one query
by their ``url_path``; Wagtail does not index that column, so without this every page
request read the whole page table (40 ms at 20,000 briefs on SQLite, growing with the
archive). Wagtail's own models are not ours to change, hence SQL (the same on SQLite and
PostgreSQL); ``IF NOT EXISTS`` keeps it safe on a database where someone added it by hand.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_help_text"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS core_page_url_path ON wagtailcore_page (url_path)",
            reverse_sql="DROP INDEX IF EXISTS core_page_url_path",
        ),
    ]
