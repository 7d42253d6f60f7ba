"""Every field an editor fills in, on every page type and snippet of the project, says what
it does (help text), in English and in Arabic (issue 16: help text that tells the truth on
every field, in both admin languages)."""

import pytest
from django.utils import translation
from modelcluster.fields import ParentalKey
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

PROJECT_APPS = {
    "core",
    "experts",
    "policyanalysis",
    "events",
    "podcasts",
    "home",
    "newsletter",
    "webhooks",
    "editorial",
}

#: Fields without help text of their own, and why.
ALLOWED_WITHOUT_HELP = {
    # The row model behind BriefPage.tags (django-taggit); editors fill "tags", which has
    # help text, never this field.
    ("BriefPageTag", "tag"): "edited as BriefPage.tags",
}

#: Fields every page inherits from Wagtail's Page (title, slug, search description, go-live
#: and expiry dates…) carry Wagtail's own help text and translations.
WAGTAIL_PAGE_FIELDS = {field.name for field in Page._meta.get_fields()}


def edited_models():
    """Project page types and snippets, and the row models of their inline panels."""
    models = [m for m in get_page_models() if m._meta.app_label in PROJECT_APPS]
    models += [m for m in get_snippet_models() if m._meta.app_label in PROJECT_APPS]
    for model in list(models):
        for relation in model._meta.related_objects:
            row_model = relation.related_model
            if (
                isinstance(relation.field, ParentalKey)
                and row_model._meta.app_label in PROJECT_APPS
                and row_model not in models
            ):
                models.append(row_model)
    return models


def edited_fields():
    seen = {}
    for model in edited_models():
        for field in model._meta.get_fields():
            if not (getattr(field, "concrete", False) or field.many_to_many):
                continue
            if field.auto_created or not field.editable or isinstance(field, ParentalKey):
                continue
            if field.name == "sort_order":
                continue
            if issubclass(model, Page) and field.name in WAGTAIL_PAGE_FIELDS:
                continue
            seen.setdefault((field.model.__name__, field.name), field)
    return seen


def test_the_walk_covers_every_content_type():
    names = {model.__name__ for model in edited_models()}
    assert {
        "BriefPage",
        "ExpertPage",
        "EventPage",
        "PodcastShowPage",
        "EpisodePage",
        "VideoPage",
        "HomePage",
        "AnalysisIndexPage",
        "ExpertIndexPage",
        "EventIndexPage",
        "PublicationType",
        "Region",
        "Issue",
        "EventType",
        "Outlet",
        "Series",
        "SiteIdentity",
        "BriefAuthor",
        "ExpertLink",
        "EventSpeaker",
    } <= names


def test_every_edited_field_has_help_text():
    missing = [
        key
        for key, field in edited_fields().items()
        if not field.help_text and key not in ALLOWED_WITHOUT_HELP
    ]
    assert missing == []


@pytest.mark.parametrize("language", ["ar"])
def test_every_help_text_is_in_the_arabic_catalogue(language):
    untranslated = []
    for key, field in edited_fields().items():
        if not field.help_text:
            continue
        with translation.override("en"):
            english = str(field.help_text)
        with translation.override(language):
            translated = str(field.help_text)
        if translated == english:
            untranslated.append((*key, english))
    assert untranslated == []
