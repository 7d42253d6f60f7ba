"""Every field of every translatable model is declared translated or synchronized, the docs table
says the same, and wagtail-localize really does what the declarations say."""

import datetime
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.documents.models import Document
from wagtail.models import COMMENTS_RELATION_NAME, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.models import OverridableSegment, StringSegment, TranslationSource

from core.models import Region
from experts.models import ExpertLink
from tests.support import factories
from tests.support.translation import publish, submit, translate_and_publish, translate_strings

PROJECT_APPS = {"core", "experts", "policyanalysis", "events", "podcasts", "home"}
#: Page fields Wagtail manages per edition (tree position, scheduling, ownership): neither
#: translated nor synchronized, as wagtail-localize's own defaults also leave them out.
PAGE_MANAGED = {
    "path",
    "depth",
    "numchild",
    "first_published_at",
    "go_live_at",
    "expire_at",
    "content_type",
    "owner",
}
DOCS = Path(settings.BASE_DIR) / "docs" / "translation.md"


def translatable_models():
    return sorted(
        (
            model
            for model in apps.get_models()
            if issubclass(model, TranslatableMixin)
            and model._meta.app_label in PROJECT_APPS
            and not model._meta.abstract
        ),
        key=lambda model: model.__name__,
    )


def editable_names(model):
    """Fields an editor can change: concrete editable fields, many-to-many relations (which
    wagtail-localize's defaults silently skip) and child relations (inline panels)."""
    names = set()
    for field in model._meta.get_fields():
        if not getattr(field, "editable", False) or not getattr(field, "concrete", False):
            continue
        if isinstance(field, models.AutoField):
            continue
        if isinstance(field, models.OneToOneField) and field.remote_field.parent_link:
            continue
        if issubclass(model, Page) and field.name in PAGE_MANAGED:
            continue
        names.add(field.name)
    for relation in get_all_child_relations(model):
        if relation.name != COMMENTS_RELATION_NAME:
            names.add(relation.name)
    return names


def declarations(model):
    return {field.field_name: field for field in model.translatable_fields}


def test_the_project_has_the_translatable_models_we_expect():
    names = {model.__name__ for model in translatable_models()}
    assert {"BriefPage", "ExpertPage", "HomePage", "PublicationType", "Region", "Issue"} <= names


@pytest.mark.parametrize("model", translatable_models(), ids=lambda model: model.__name__)
def test_every_editable_field_is_declared(model):
    assert "translatable_fields" in dir(model), f"{model.__name__} declares nothing"
    declared = declarations(model)
    missing = editable_names(model) - set(declared)
    unknown = set(declared) - editable_names(model)
    assert not missing, (
        f"{model.__name__}: declare {sorted(missing)} in translatable_fields as "
        "TranslatableField or SynchronizedField, and add them to docs/translation.md"
    )
    assert not unknown, f"{model.__name__}: {sorted(unknown)} are declared but not editable"
    assert all(isinstance(f, TranslatableField | SynchronizedField) for f in declared.values())
    assert len(declared) == len(model.translatable_fields), "a field is declared twice"


def documented_decisions():
    """{(model, field): "translated" | "synchronized"} from the table in docs/translation.md."""
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*`?(\w+)`?\s*\|\s*`(\w+)`\s*\|\s*(Translated|Synchronized)", line)
        if match:
            rows[(match[1], match[2])] = match[3].lower()
    return rows


def test_the_docs_table_matches_the_declarations():
    documented = documented_decisions()
    declared = {}
    for model in translatable_models():
        for name, field in declarations(model).items():
            kind = "translated" if isinstance(field, TranslatableField) else "synchronized"
            declared[(model.__name__, name)] = kind
    assert documented == declared


# What wagtail-localize does with the declarations ---------------------------------------------


@pytest.fixture
def rich_brief(tree):
    document = Document.objects.create(
        title="Report", file=ContentFile(b"%PDF-1.4 report", name="report.pdf")
    )
    expert = factories.expert("Lina Haddad")
    brief = factories.brief(
        "Electricity in Basra",
        subtitle="Why the grid fails in summer",
        summary="Demand outgrew supply.",
        date=datetime.date(2023, 7, 1),
        authors=[expert],
        regions=[factories.region()],
        issues=[factories.issue()],
        hero_image=factories.image("hero"),
        hero_caption="A substation.",
        hero_credit="Photo: Agency",
        byline="",
        body=[
            ("heading", {"text": "The demand gap", "level": "2", "anchor": "gap"}),
            ("paragraph", "<p>Imports cover <b>part</b> of it.</p>"),
            ("quote", {"quote": "The grid is old.", "attribution": "An engineer"}),
            ("key_points", {"title": "Key points", "points": ["Heat", "Imports"], "text": ""}),
            (
                "image",
                {
                    "image": factories.image("chart"),
                    "alt_text": "Demand by month",
                    "decorative": False,
                    "caption": "Demand peaks in August",
                    "credit": "Ministry data",
                },
            ),
            (
                "table",
                {
                    "data": [["Month", "GW"], ["August", "34"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Peak demand",
                },
            ),
            ("document", {"document": document, "title": "Full report", "description": "Long."}),
            (
                "embed",
                {"url": "https://example.org/video", "title": "Panel", "caption": "Recorded"},
            ),
        ],
    )
    brief.tags.add("electricity")
    brief.save_revision().publish()
    brief.refresh_from_db()
    return brief


def test_text_is_offered_for_translation_and_references_are_not(rich_brief, superuser):
    translation = submit(rich_brief, superuser)
    strings = set(
        StringSegment.objects.filter(source=translation.source).values_list(
            "string__data", flat=True
        )
    )
    expected = {
        "Electricity in Basra",
        "Why the grid fails in summer",
        "Demand outgrew supply.",
        "A substation.",
        "Photo: Agency",
        "The demand gap",
        "Imports cover <b>part</b> of it.",
        "The grid is old.",
        "An engineer",
        "Key points",
        "Heat",
        "Imports",
        "Demand by month",
        "Demand peaks in August",
        "Ministry data",
        "Month",
        "GW",
        "August",
        "34",
        "Peak demand",
        "Full report",
        "Long.",
        "Panel",
        "Recorded",
    }
    assert expected <= strings
    # Anchors, dates, ids and file names never become strings to translate.
    assert not strings & {"gap", "2023-07-01", "report.pdf", "electricity"}
    overridable = set(
        OverridableSegment.objects.filter(source=translation.source).values_list(
            "context__path", flat=True
        )
    )
    assert "hero_image" in overridable  # synchronized, a translator may swap it
    assert any(path.startswith("body.") for path in overridable)  # block images, embed URL


def test_synchronized_fields_follow_the_english_page(rich_brief, superuser):
    arabic = translate_and_publish(rich_brief, superuser)
    assert arabic.date == rich_brief.date
    assert arabic.publication_type_id == rich_brief.publication_type_id
    assert arabic.hero_image_id == rich_brief.hero_image_id
    assert [a.expert_id for a in arabic.authors.all()] == [
        a.expert_id for a in rich_brief.authors.all()
    ]
    assert set(arabic.regions.all()) == set(rich_brief.regions.all())
    assert set(arabic.issues.all()) == set(rich_brief.issues.all())
    assert [t.name for t in arabic.tags.all()] == ["electricity"]
    assert arabic.subtitle == "عربي: Why the grid fails in summer"

    other = factories.expert("Omar Said")
    rich_brief.authors.create(expert=other, sort_order=1)
    rich_brief.date = datetime.date(2023, 8, 1)
    rich_brief.save_revision().publish()
    translation = TranslationSource.objects.get(
        object_id=rich_brief.translation_key
    ).translations.get()
    arabic = publish(translation, superuser)
    assert arabic.date == datetime.date(2023, 8, 1)
    assert [a.expert.title for a in arabic.authors.order_by("sort_order")] == [
        "Lina Haddad",
        "Omar Said",
    ]


def test_expert_profile_translates_words_and_keeps_photo_links_and_expertise(tree, superuser):
    expert = factories.expert(
        "Sara Kamal",
        position="Fellow, Energy Program",
        short_bio="Sara studies energy.",
        photo=factories.image("sara"),
        bio="<p>Sara worked at the ministry.</p>",
        languages="English, Arabic",
    )
    expert.expertise_regions.set([factories.region()])
    ExpertLink.objects.create(page=expert, kind="website", url="https://example.org")
    expert.save_revision().publish()
    arabic = translate_and_publish(expert, superuser)
    assert arabic.position == "عربي: Fellow, Energy Program"
    assert arabic.short_bio == "عربي: Sara studies energy."
    assert arabic.bio == "<p>عربي: Sara worked at the ministry.</p>"
    assert arabic.languages == "عربي: English, Arabic"
    assert arabic.photo_id == expert.photo_id
    assert [link.url for link in arabic.links.all()] == ["https://example.org"]
    assert list(arabic.expertise_regions.all()) == list(expert.expertise_regions.all())


def test_taxonomy_names_are_translated_and_slugs_shared(tree, superuser):
    iraq = factories.region("Iraq")
    iraq.description = "The country."
    iraq.save()
    translation = submit(iraq, superuser)
    translate_strings(translation, superuser)
    translation.save_target(user=superuser)
    arabic = Region.objects.get(translation_key=iraq.translation_key, locale=factories.arabic())
    assert (arabic.name, arabic.description, arabic.slug) == (
        "عربي: Iraq",
        "عربي: The country.",
        "iraq",
    )
