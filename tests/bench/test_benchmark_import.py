"""``manage.py benchmark_import`` imports the archive it generates, Arabic editions too."""

import pytest
from django.db import connection

from policyanalysis.models import BriefPage
from tests.support.imports import run


@pytest.mark.django_db
def test_benchmark_import_imports_briefs_and_their_arabic_editions(tree):
    code, out, _err = run(
        "benchmark_import", "--analysis", "6", "--experts", "2", "--translated-every", "3"
    )
    assert code == 0
    assert "Generated 28 records" in out
    assert out.splitlines()[-1].startswith(f"{connection.vendor}: 28 records in ")
    assert BriefPage.objects.filter(locale__language_code="en").count() == 6
    assert BriefPage.objects.filter(locale__language_code="ar").count() == 2
