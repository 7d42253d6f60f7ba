"""Run by tests/config/test_plugin.py in a fresh interpreter: migrate, publish a brief, print
its HTML."""

import datetime
import os
import sys

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.plugin_project.settings"
django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from core.models import PublicationType  # noqa: E402
from experts.models import ExpertIndexPage, ExpertPage  # noqa: E402
from policyanalysis.models import AnalysisIndexPage, BriefAuthor, BriefPage  # noqa: E402

call_command("migrate", verbosity=0, interactive=False)
root = Page.get_first_root_node()
index = root.add_child(instance=AnalysisIndexPage(title="Analysis", slug="analysis"))
Site.objects.all().delete()
Site.objects.create(hostname="localhost", root_page=index, is_default_site=True)
experts = index.get_parent().add_child(instance=ExpertIndexPage(title="People", slug="people"))
expert = experts.add_child(
    instance=ExpertPage(title="Dana Plugin", slug="dana-plugin", short_bio="Dana writes briefs.")
)
brief_type = PublicationType.objects.create(name="Brief Analysis", slug="brief-analysis")
brief = BriefPage(
    title="A Brief Rendered By The Plugin Alone",
    slug="plugin-brief",
    date=datetime.date(2024, 3, 1),
    publication_type=brief_type,
    summary="Rendered without the site project.",
    body=[
        ("heading", {"text": "First section", "level": "2", "anchor": ""}),
        ("paragraph", "<p>Plugin paragraph text.</p>"),
    ],
)
brief.authors = [BriefAuthor(expert=expert)]
index.add_child(instance=brief)
brief.save_revision().publish()

response = Client().get("/plugin-brief/", HTTP_HOST="localhost")
sys.stdout.write(f"STATUS {response.status_code}\n")
sys.stdout.write(response.content.decode())
