"""The reusable apps install and render on their own, and the package ships what they need."""

import subprocess
import sys
import zipfile

import pytest

from tests.support.paths import REPOSITORY

ROOT = REPOSITORY


def test_apps_render_a_brief_without_the_site_project():
    result = subprocess.run(
        [sys.executable, "-m", "tests.plugin_project.render_brief"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("STATUS 200"), result.stdout[:2000] + result.stderr[-2000:]
    html = result.stdout
    assert "A Brief Rendered By The Plugin Alone" in html
    assert "Plugin paragraph text." in html
    assert "Dana Plugin" in html and "Dana writes briefs." in html
    assert "❖" in html


@pytest.mark.slow
def test_wheel_packages_apps_with_templates_migrations_and_static(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in [
        "core/blocks.py",
        "core/migrations/0001_initial.py",
        "experts/migrations/0001_initial.py",
        "policyanalysis/migrations/0001_initial.py",
        "policyanalysis/templates/policyanalysis/brief_page.html",
        "experts/templates/experts/expert_page.html",
        "core/templates/core/base.html",
    ]:
        assert required in names, f"{required} missing from the wheel"
    assert any(name.startswith("core/static/") for name in names)
    assert not any(name.startswith(("home/", "config/", "tests/")) for name in names)
