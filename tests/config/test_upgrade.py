"""Upgrading a database made before the API, import/export and translation workflow became
apps of their own (main at b14d1c8) keeps every row.

tests/data/upgrade/b14d1c8.sqlite3.gz was made with that commit's code: ``migrate``,
``load_demo`` (pages, briefs, experts, import records, Arabic translations, the Translators
group) and one webhook endpoint with one delivery. The test migrates a copy to today's schema
in a separate process and compares the rows before and after.
"""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from tests.support.paths import DATA, REPOSITORY

pytestmark = pytest.mark.slow

FIXTURE = DATA / "upgrade" / "b14d1c8.sqlite3.gz"
SEED_URL = "/policy-analysis/us-iraq-strategic-dialogue-question-interests-and-expectations/"


def rows(database, sql):
    with sqlite3.connect(database) as connection:
        return sorted(connection.execute(sql).fetchall())


def manage(database, *args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory):
    """(database before, database after migrating to today's schema)."""
    folder = tmp_path_factory.mktemp("upgrade")
    before, after = folder / "before.sqlite3", folder / "after.sqlite3"
    with gzip.open(FIXTURE) as source, before.open("wb") as target:
        shutil.copyfileobj(source, target)
    shutil.copy(before, after)
    manage(after, "migrate", "--no-input", "-v", "0")
    return before, after


IMPORTED = "SELECT kind, source_id, locale, object_id, checksum FROM {table}"


def test_import_records_move_to_the_importexport_table_unchanged(upgraded):
    before, after = upgraded
    records = rows(before, IMPORTED.format(table="policyanalysis_importedrecord"))
    assert len(records) == 130
    assert rows(after, IMPORTED.format(table="importexport_importedrecord")) == records
    old_table = "SELECT name FROM sqlite_master WHERE name = 'policyanalysis_importedrecord'"
    assert rows(after, old_table) == []


def test_the_import_records_content_type_follows_the_model(upgraded):
    before, after = upgraded
    query = "SELECT id, app_label FROM django_content_type WHERE model = 'importedrecord'"
    ((content_type_id, label),) = rows(before, query)
    assert label == "policyanalysis"
    assert rows(after, query) == [(content_type_id, "importexport")]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT id, url_path, live, locale_id, translation_key FROM wagtailcore_page",
        "SELECT page_ptr_id, date, publication_type_id, summary FROM policyanalysis_briefpage",
        "SELECT page_id, expert_id, sort_order FROM policyanalysis_briefauthor",
        "SELECT page_ptr_id, position, short_bio FROM experts_expertpage",
        "SELECT uuid, source_id, target_locale_id, enabled FROM wagtail_localize_translation",
        "SELECT translation_of_id, locale_id, data FROM wagtail_localize_stringtranslation",
        "SELECT name, url, secret, events, active FROM webhooks_webhookendpoint",
        "SELECT endpoint_id, event, state, status_code, attempts FROM webhooks_webhookdelivery",
        # wagtailmedia's own migration gives the editorial groups its media permissions on
        # upgrade (what editors need to upload audio and video); every other grant is as it was.
        "SELECT g.name, p.codename FROM auth_group g JOIN auth_group_permissions gp "
        "ON gp.group_id = g.id JOIN auth_permission p ON p.id = gp.permission_id "
        "WHERE p.codename NOT LIKE '%\\_media' ESCAPE '\\'",
        "SELECT group_id, page_id, permission_id FROM wagtailcore_grouppagepermission",
    ],
)
def test_content_and_settings_rows_are_intact(upgraded, sql):
    before, after = upgraded
    expected = rows(before, sql)
    assert expected  # the fixture holds rows of every kind compared here
    assert rows(after, sql) == expected


def test_the_upgraded_site_serves_and_imports_again(upgraded):
    _, after = upgraded
    script = (
        "import json; from django.test import Client; "
        "from importexport.models import ImportedRecord; "
        "from django.contrib.auth.models import Group; "
        f"response = Client().get({SEED_URL!r}); "
        "print(json.dumps({'status': response.status_code, "
        "'title': 'Strategic Dialogue' in response.content.decode(), "
        "'records': ImportedRecord.objects.count(), "
        "'translators': Group.objects.filter(name='Translators').count()}))"
    )
    result = json.loads(manage(after, "shell", "-c", script).strip().splitlines()[-1])
    assert result == {"status": 200, "title": True, "records": 130, "translators": 1}
    assert "No changes detected" in manage(after, "makemigrations", "--check", "--dry-run")
