"""Wagtail's own page editor on translated pages: synchronized terms are valid choices."""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from tests.support import factories
from tests.support.admin_forms import brief_form
from tests.support.translation import translate_and_publish, translation_of


def arabic_brief_outside_wagtail_localize(superuser):
    """An Arabic brief whose translation was stopped: Wagtail's normal editor edits it."""
    analysis = factories.publication_type("Brief Analysis", "brief-analysis")
    iraq = factories.region("Iraq", "iraq")
    arabic_type = translate_and_publish(analysis, superuser)
    arabic_iraq = translate_and_publish(iraq, superuser)
    brief = factories.brief("Stock editor", type=analysis, regions=[iraq])
    arabic = translate_and_publish(brief, superuser)
    translation = translation_of(brief)
    translation.enabled = False
    translation.save(update_fields=["enabled"])
    return arabic, analysis, arabic_type, iraq, arabic_iraq


def arabic_form(arabic, type_id, region_ids):
    data = brief_form(
        arabic.title,
        arabic.slug,
        type_id,
        summary="ملخص",
        byline="",
        body=streamfield([("paragraph", rich_text("<p>نص</p>"))]),
        recommended=streamfield([]),
        authors=inline_formset([]),
        **{"action-publish": "action-publish"},
    )
    data["regions"] = region_ids  # checkboxes: one value per ticked term
    return data


def test_the_arabic_brief_keeps_its_english_synchronized_terms(tree, superuser):
    arabic, analysis, _arabic_type, iraq, _arabic_iraq = arabic_brief_outside_wagtail_localize(
        superuser
    )
    assert arabic.publication_type_id == analysis.pk  # what wagtail-localize synchronizes
    assert list(arabic.regions.values_list("pk", flat=True)) == [iraq.pk]


def test_the_stock_editor_shows_the_arabic_terms_as_chosen(tree, superuser, client):
    arabic, _analysis, arabic_type, _iraq, arabic_iraq = arabic_brief_outside_wagtail_localize(
        superuser
    )
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk]))
    form = response.context["form"]
    assert form["publication_type"].value() == arabic_type.pk
    assert form["regions"].value() == [arabic_iraq.pk]
    assert [choice.pk for choice in form.fields["publication_type"].queryset] == [arabic_type.pk]


def test_the_stock_editor_saves_with_the_synchronized_term(tree, superuser, client):
    arabic, analysis, arabic_type, iraq, arabic_iraq = arabic_brief_outside_wagtail_localize(
        superuser
    )
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    response = client.post(url, arabic_form(arabic, analysis.pk, [iraq.pk]))
    assert response.status_code == 302, response.context["form"].errors
    arabic.refresh_from_db()
    assert arabic.publication_type_id == arabic_type.pk
    assert list(arabic.regions.values_list("pk", flat=True)) == [arabic_iraq.pk]
    assert arabic.summary == "ملخص"


def test_the_stock_editor_saves_with_the_arabic_term(tree, superuser, client):
    arabic, _analysis, arabic_type, _iraq, arabic_iraq = arabic_brief_outside_wagtail_localize(
        superuser
    )
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    response = client.post(url, arabic_form(arabic, arabic_type.pk, [arabic_iraq.pk]))
    assert response.status_code == 302, response.context["form"].errors
    arabic.refresh_from_db()
    assert arabic.publication_type_id == arabic_type.pk
    assert arabic.live


def test_a_term_of_another_locale_that_is_not_synchronized_is_refused(tree, superuser, client):
    arabic, *_ = arabic_brief_outside_wagtail_localize(superuser)
    other = factories.publication_type("Podcast", "podcast")  # English, never on this page
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    response = client.post(url, arabic_form(arabic, other.pk, []))
    assert response.status_code == 200
    assert "publication_type" in response.context["form"].errors


def test_an_empty_term_is_a_form_error_not_a_crash(tree, superuser, client):
    arabic, *_ = arabic_brief_outside_wagtail_localize(superuser)
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    response = client.post(url, arabic_form(arabic, "", []))
    assert response.status_code == 200
    assert response.context["form"].errors["publication_type"] == ["This field is required."]
