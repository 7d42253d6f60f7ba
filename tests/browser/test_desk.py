"""The editor's desk (issue 16), clicked through as an editor: the analysis listing's filters,
the author chooser that opens on the experts, a slug clash reported next to the title, an image
laid out "wide, end", a scheduled brief on the dashboard, and axe on the desk's admin pages in
English and Arabic."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from policyanalysis.models import BriefPage
from tests.browser.admin import add_block, fill_date, footer_action, login
from tests.browser.test_accessibility import BLOCKING, _axe
from tests.support import events, factories, media


def editor(language="en", group="Editors", name="editor"):
    user = User.objects.create_user(name, password="password", first_name="Edna", last_name="Ed")
    user.groups.add(Group.objects.get(name=group))
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    return user


def desk_content():
    """Two experts (one with a photo), three briefs, one of them scheduled to go live."""
    _, _, analysis = factories.site_tree()
    brief_type = factories.publication_type("Brief Analysis", "brief-analysis")
    factories.publication_type("Policy Notes", "policy-notes")
    knights = factories.expert(
        "Michael Knights", position="Bernstein Fellow", photo=factories.image("knights")
    )
    stroul = factories.expert("Dana Stroul", position="Director of Research")
    factories.brief("Basra's water", authors=[knights], type=brief_type)
    factories.brief("Militias and the state", authors=[knights, stroul], type=brief_type)
    factories.brief("Damascus after the war", authors=[stroul], type=brief_type)
    scheduled = factories.brief("The Kurdistan budget", authors=[stroul], publish=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
    scheduled.save_revision().publish()
    return {"analysis": analysis, "experts": (knights, stroul), "scheduled": scheduled}


def listing_titles(page):
    return page.locator("#listing-results td.title .title-wrapper a")


def test_editor_finds_all_briefs_by_one_expert_through_the_listing_filters(page, site):
    editor()
    desk_content()
    login(page, site, "editor")
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Policy analysis"
    ).click()
    expect(page.locator("h1")).to_contain_text("Policy analysis")
    expect(listing_titles(page)).to_have_count(4)
    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="Author").click()
    page.get_by_label("Michael Knights").check()
    expect(listing_titles(page)).to_have_text(["Militias and the state", "Basra's water"])
    # The filter is in the address: the list can be bookmarked and exported as it is.
    assert "expert=" in page.url
    page.log.assert_clean()


def test_author_chooser_opens_on_the_experts_and_the_type_is_a_select(page, site):
    editor()
    content = desk_content()
    login(page, site, "editor")
    page.goto(f"{site}/admin/pages/add/policyanalysis/briefpage/{content['analysis'].pk}/")
    page.locator("#id_title").fill("Oil and water")
    page.locator("#id_title").press("Tab")
    page.get_by_label("Publication type").select_option(label="Policy Notes")
    expect(page.get_by_label("Publication type")).to_have_value(
        str(factories.publication_type("Policy Notes", "policy-notes").pk)
    )
    page.get_by_role("tab", name="Authors & taxonomy").click()
    page.get_by_role("button", name="Add author").click()
    page.locator("#id_authors-0-expert-chooser [data-chooser-action-choose]").click()
    modal = page.locator(".modal-dialog")
    expect(modal.locator("h1")).to_contain_text("Choose an expert")
    # The experts themselves, with position and photo: no page tree to drill into.
    rows = modal.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("Bernstein Fellow")
    expect(rows.nth(1).locator("img")).to_have_count(1)
    modal.locator("input[name=q]").fill("Knights")
    expect(rows).to_have_count(1)
    modal.get_by_role("link", name="Michael Knights", exact=True).click()
    expect(modal).to_be_hidden()
    expect(page.locator("#id_authors-0-expert-chooser [data-chooser-title]")).to_have_text(
        "Michael Knights"
    )
    page.log.assert_clean()


def test_autosave_does_not_pause_on_a_blank_author_row_and_the_author_is_kept(page, site):
    editor()
    desk_content()
    draft = factories.brief("Oil and water", publish=False)
    login(page, site, "editor")
    autosaves = []
    page.on(
        "response",
        lambda r: autosaves.append(r.status) if r.request.method == "POST" else None,
    )
    page.goto(f"{site}/admin/pages/{draft.pk}/edit/")
    page.get_by_role("tab", name="Authors & taxonomy").click()
    page.get_by_role("button", name="Add author").click()
    # Autosave runs on the change (WAGTAIL_AUTOSAVE_INTERVAL) and answers without errors.
    for _ in range(20):
        if autosaves:
            break
        page.wait_for_timeout(500)
    assert autosaves and all(status == 200 for status in autosaves), autosaves
    expect(page.locator("footer")).not_to_contain_text("paused")
    page.locator("#id_authors-0-expert-chooser [data-chooser-action-choose]").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name="Michael Knights", exact=True).click()
    expect(modal).to_be_hidden()
    footer_action(page, "Save draft")
    expect(page.locator(".messages")).to_contain_text("has been updated")
    saved = BriefPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert [author.expert.title for author in saved.authors.all()] == ["Michael Knights"]


def test_slug_clash_is_reported_next_to_the_title_and_the_tab_marked(page, site):
    editor()
    content = desk_content()
    factories.brief("Water security", slug="water-security", publish=False)
    login(page, site, "editor")
    page.goto(f"{site}/admin/pages/add/policyanalysis/briefpage/{content['analysis'].pk}/")
    page.locator("#id_title").fill("Water security")
    page.locator("#id_title").press("Tab")
    page.get_by_label("Publication type").select_option(label="Brief Analysis")
    fill_date(page, "#id_date", "2024-03-05")
    page.get_by_role("button", name="Save draft").click()
    title_errors = page.locator("#panel-child-content-child-title-errors")
    expect(title_errors).to_contain_text("The address “water-security” is already used by")
    expect(title_errors).to_be_visible()
    # The Promote tab, which holds the slug's own error, shows its error count.
    expect(page.get_by_role("tab", name="Promote")).to_contain_text("1")
    assert BriefPage.objects.filter(title="Water security").count() == 1


def test_image_laid_out_wide_at_the_end_mirrors_in_right_to_left(page, site, browser):
    editor(group="Moderators", name="moderator")
    content = desk_content()
    factories.image("euphrates", width=1600, height=900)
    login(page, site, "moderator")
    page.goto(f"{site}/admin/pages/add/policyanalysis/briefpage/{content['analysis'].pk}/")
    page.locator("#id_title").fill("Rivers and borders")
    page.locator("#id_title").press("Tab")
    page.get_by_label("Publication type").select_option(label="Brief Analysis")
    fill_date(page, "#id_date", "2024-03-05")
    body = page.locator("#body-root")
    add_block(body, "Paragraph")
    body.locator("[contenteditable=true]").last.click()
    page.keyboard.type("The river crosses three borders before it reaches the Gulf. " * 4)
    add_block(body, "Image")
    body.locator("[data-chooser-action-choose]").last.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name="euphrates").click()
    expect(modal).to_be_hidden()
    body.get_by_label("Alt text").fill("The Euphrates at Raqqa")
    body.get_by_label("Size").select_option("wide")
    body.get_by_label("Alignment").select_option("end")
    footer_action(page, "Publish")
    expect(page.locator(".messages")).to_contain_text("published")
    brief = BriefPage.objects.get(title="Rivers and borders")

    page.goto(f"{site}{brief.url}")
    figure = page.locator(".brief__body figure.block-image")
    expect(figure).to_have_class("block-image block-image--wide block-image--end")
    text = page.locator(".brief__body p").first.bounding_box()
    box = figure.bounding_box()
    # Wider than the text, and leaning to the end: past the text's right edge in English…
    assert box["width"] > text["width"]
    assert box["x"] + box["width"] > text["x"] + text["width"] + 1
    # …and past its left edge when the page is right to left (the Arabic edition).
    page.evaluate("document.documentElement.setAttribute('dir', 'rtl')")
    text = page.locator(".brief__body p").first.bounding_box()
    box = figure.bounding_box()
    assert box["x"] < text["x"] - 1


def test_scheduled_brief_is_on_the_dashboard_and_its_listing(page, site):
    editor()
    content = desk_content()
    login(page, site, "editor")
    panel = page.locator("#desk-scheduled-section")
    expect(panel).to_contain_text(content["scheduled"].title)
    expect(panel).to_contain_text("Brief")
    panel.get_by_role("link", name="All in Policy analysis").click()
    expect(listing_titles(page)).to_have_text([content["scheduled"].title])
    expect(page.locator("#listing-results")).to_contain_text("scheduled")
    page.log.assert_clean()


# Wagtail's own markup, outside what this project adds: its modal shell has no accessible name
# and the keywords field's jQuery tag-it input has no label.
WAGTAIL_OWN = {"exclude": [[".ui-autocomplete-input"]]}
WAGTAIL_OWN_RULES = {"rules": {"aria-dialog-name": {"enabled": False}}}


def axe_violations(page):
    """Serious and critical violations, Wagtail's own modal shell and tag input left out."""
    results = _axe.run(page, context=WAGTAIL_OWN, options=WAGTAIL_OWN_RULES)
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}) at {node['target']}: "
        f"{node.get('failureSummary', '')}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_desk_admin_pages_are_axe_clean(page, site, language):
    user = editor(language)
    content = desk_content()
    factories.brief("My unfinished draft", publish=False).__class__.objects.filter(
        title="My unfinished draft"
    ).update(owner=user)
    login(page, site, "editor")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    problems = axe_violations(page)
    show = media.show()
    media.episode(show, "Militias on air", guests=[content["experts"][0]])
    media.video("Policy Forum: Iraq")
    events.event("Iraq after the elections", speakers=[content["experts"][1]])
    for path in (
        "/admin/analysis/",
        "/admin/experts/",
        "/admin/analysis/?status=scheduled",
        "/admin/events/",
        "/admin/episodes/",
        "/admin/videos/",
        "/admin/events/?translation=not_started",
    ):
        page.goto(site + path)
        problems += axe_violations(page)
    page.goto(f"{site}/admin/pages/add/policyanalysis/briefpage/{content['analysis'].pk}/")
    page.locator(".w-tabs__tab").nth(1).click()
    page.locator("#id_authors-ADD").click()
    page.locator("#id_authors-0-expert-chooser [data-chooser-action-choose]").click()
    expect(page.locator(".modal-dialog tbody tr")).to_have_count(2)
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)
