"""Editor journey (issue 6, journey 1): a brief built by clicking in Wagtail's admin, saved as
a draft, previewed, submitted to moderation, published by a moderator, read by the public."""

import datetime

from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from policyanalysis.models import BriefPage
from tests.browser.admin import add_block, choose_page, fill_date, footer_action, login
from tests.support import factories

TITLE = "Water security on the Euphrates"


def users():
    """An editor and a moderator, each in the group the migrations created."""
    editor = User.objects.create_user("editor", password="password")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = User.objects.create_user("moderator", password="password")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return editor, moderator


def editor_content():
    """The analysis index, a type, two experts and briefs to link and recommend."""
    _, _, analysis = factories.site_tree()
    factories.publication_type("Policy Notes", "policy-notes")
    iraq = factories.region("Iraq", "iraq")
    experts = [factories.expert("Dana Stroul"), factories.expert("Michael Knights")]
    linked = factories.brief("Dams and diplomacy", regions=[iraq])
    picks = [
        factories.brief("Basra's summer of protest", regions=[iraq]),
        factories.brief("Turkey's water policy", regions=[iraq]),
    ]
    return analysis, experts, linked, picks


def fill_brief(page, experts, linked, picks):
    """Fill every part of the new brief's form, as an editor clicks through it."""
    page.locator("#id_title").click()
    page.keyboard.type(TITLE)
    # Leaving the title field fills the slug on the Promote tab (Wagtail's title sync).
    page.locator("#id_title").press("Tab")
    expect(page.locator("#id_slug")).to_have_value("water-security-on-the-euphrates")
    # A plain select of the English edition's types (issue 16), not a modal.
    page.get_by_label("Publication type").select_option(label="Policy Notes")
    fill_date(page, "#id_date", "2024-03-05")
    page.locator("#id_summary").fill("Who controls the river controls the harvest.")

    body = page.locator("#body-root")
    add_block(body, "Heading")
    body.locator("#body-0-value-text").fill("Upstream and downstream")
    add_block(body, "Paragraph")
    editor = body.locator("[contenteditable=true]").last
    editor.click()
    page.keyboard.type("Read the earlier brief first.")
    page.keyboard.press("Home")
    for _ in range(len("Read ")):
        page.keyboard.press("ArrowRight")
    for _ in range(len("the earlier brief")):
        page.keyboard.press("Shift+ArrowRight")
    page.locator("button[name=LINK]").click()
    choose_page(page, linked.title)
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    # Draftail's Markdown shortcut: "- " at the start of a line starts a bullet list.
    page.keyboard.type("- Dams in Turkey")
    page.keyboard.press("Enter")
    page.keyboard.type("Canals in Iraq")
    add_block(body, "Quote")
    body.locator("#body-2-value-quote").fill("Water is the new oil.")
    body.locator("#body-2-value-attribution").fill("A farmer in Basra")

    recommended = page.locator("#recommended-root")
    add_block(recommended)
    for n, pick in enumerate(picks):
        # A new Recommended block starts with one empty item; add the others.
        if recommended.locator("[data-chooser-action-choose]").count() <= n:
            recommended.locator("[data-streamfield-list-add]").last.click()
        recommended.locator("[data-chooser-action-choose]").nth(n).click()
        choose_page(page, pick.title)

    page.get_by_role("tab", name="Authors & taxonomy").click()
    # The chosen byline order is the reverse of the order the experts were created in.
    for n, expert in enumerate(reversed(experts)):
        page.get_by_role("button", name="Add author").click()
        page.locator(f"#id_authors-{n}-expert-chooser [data-chooser-action-choose]").click()
        choose_page(page, expert.title)
    page.get_by_role("tab", name="Content").click()


def form_errors(page):
    """The admin form's field errors after a submit, as "field: message" lines."""
    page.wait_for_load_state()
    return page.evaluate(
        """() => [...document.querySelectorAll('.error-message, [data-field-errors]')]
            .map(el => {
              const block = el.closest('[data-contentpath]');
              const where = block ? [block, ...block.querySelectorAll('[name]')].map(
                n => n.getAttribute('name') || n.dataset.contentpath).filter(Boolean)[1] : '';
              return `${where || block?.dataset.contentpath || ''}: ${el.textContent.trim()}`;
            }).filter(t => !t.endsWith(': '))"""
    )


def test_editor_builds_brief_moderator_publishes_public_sees_it(page, site, browser):
    users()
    analysis, experts, linked, picks = editor_content()

    login(page, site, "editor")
    page.goto(f"{site}/admin/pages/add/policyanalysis/briefpage/{analysis.pk}/")
    fill_brief(page, experts, linked, picks)
    # Autosave (WAGTAIL_AUTOSAVE_INTERVAL) creates the draft while the editor types, then
    # moves the form to the page's edit view: wait for that, so that Save draft always
    # updates the draft ("has been updated") rather than racing it ("created").
    page.wait_for_function(
        r"() => [...document.forms].some(form => /\/pages\/\d+\/edit\/$/.test(form.action))"
    )
    page.get_by_role("button", name="Save draft").click()
    assert not form_errors(page)
    expect(page.locator(".messages")).to_contain_text(f"Page '{TITLE}' has been updated.")
    brief = BriefPage.objects.get(title=TITLE)
    assert brief.get_parent().pk == analysis.pk
    assert not brief.live
    assert brief.slug == "water-security-on-the-euphrates"

    # The preview panel renders the draft with the public templates.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    # The panel first posts the form, then renders: allow the shared machine its time.
    expect(preview.locator("h1")).to_have_text(TITLE, timeout=15_000)
    expect(preview.locator(".brief__body blockquote")).to_contain_text("Water is the new oil.")

    footer_action(page, "Submit to Moderators approval")
    assert not form_errors(page)
    expect(page.locator(".messages")).to_contain_text("submitted")
    assert page.context.request.get(f"{site}{brief.url}").status == 404

    moderator = browser.new_context(viewport={"width": 1280, "height": 900})
    mod_page = moderator.new_page()
    login(mod_page, site, "moderator")
    mod_page.goto(f"{site}/admin/pages/{brief.pk}/edit/")
    # The moderator reviews the page the editor submitted, then approves it (the workflow's
    # only task, so approving publishes).
    expect(mod_page.locator("#id_title")).to_have_value(TITLE)
    footer_action(mod_page, "Approve and Publish")
    expect(mod_page.locator(".messages")).to_contain_text(TITLE)
    moderator.close()

    brief.refresh_from_db()
    assert brief.live
    page.goto(f"{site}{brief.url}")
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".brief__type")).to_have_text("Policy Notes")
    expect(page.locator(".brief__date time")).to_have_attribute("datetime", "2024-03-05")
    expect(page.locator(".byline__authors a")).to_have_text([experts[1].title, experts[0].title])
    expect(page.locator(".about-authors h3")).to_have_text([experts[1].title, experts[0].title])
    # Every body part, in order.
    parts = page.locator(".brief__body > *:not(.end-mark)")
    expect(parts.nth(0)).to_have_text("Upstream and downstream")
    assert parts.nth(0).evaluate("el => el.tagName") == "H2"
    expect(parts.locator("a", has_text="the earlier brief")).to_have_attribute("href", linked.url)
    expect(page.locator(".brief__body li")).to_have_text(["Dams in Turkey", "Canals in Iraq"])
    order = page.evaluate(
        """() => [...document.querySelectorAll('.brief__body h2, .brief__body p, '
             + '.brief__body ul, .brief__body blockquote')].map(el => el.tagName)"""
    )
    assert order[:4] == ["H2", "P", "UL", "BLOCKQUOTE"], order
    expect(page.locator(".brief__body blockquote")).to_contain_text("Water is the new oil.")
    expect(page.locator(".brief__body")).to_contain_text("A farmer in Basra")
    cards = page.locator(".recommended .card__title")
    expect(cards.nth(0)).to_have_text(picks[0].title)
    expect(cards.nth(1)).to_have_text(picks[1].title)
    assert datetime.date(2024, 3, 5) == brief.date
