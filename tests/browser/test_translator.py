"""Translator journeys (issue 6, journeys 2 and 3): the translation queue, wagtail-localize's
editor, the right-to-left Arabic page, the refused English edit view, then an English change
that puts the translation out of date and the translator's update."""

import re

from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from tests.browser.admin import footer_action, login
from tests.support import factories

ARABIC_PREFIX = "عربي "


def arabic_for(source):
    """The translator's text for a segment: the slug stays a valid slug, everything else
    gets an Arabic word in front (rich text keeps its inline tags)."""
    if re.fullmatch(r"[a-z0-9-]+", source):
        return f"{source}-ar"
    return ARABIC_PREFIX + source


def queue_row(page, site, title):
    """The translation queue's row for ``title``."""
    page.goto(f"{site}/admin/translation-queue/")
    return page.locator("tbody tr", has_text=title)


def translate_open_segments(page):
    """Fill every untranslated string segment in wagtail-localize's editor, one by one, on
    each of its tabs (content, promote…); returns how many were filled."""
    expect(page.get_by_role("button", name="Publish in Arabic")).to_be_visible()
    segments = page.locator("li.incomplete:has(button:text-is('Translate')):visible")
    tabs = page.get_by_role("tab")
    done = 0
    for index in range(max(tabs.count(), 1)):
        if tabs.count():
            tabs.nth(index).click()
        while remaining := segments.count():
            segment = segments.first
            source = segment.locator("p").first.inner_text()
            segment.get_by_role("button", name="Translate", exact=True).click()
            # One segment is edited at a time; its text area replaces the Translate button.
            page.locator("li textarea").fill(arabic_for(source))
            page.get_by_role("button", name="Save", exact=True).click()
            expect(segments).to_have_count(remaining - 1)
            expect(page.get_by_text("Saving...")).to_have_count(0)
            done += 1
    return done


def test_translator_translates_then_updates_after_english_change(page, site, browser):
    translator = User.objects.create_user("translator", password="password")
    translator.groups.add(Group.objects.get(name="Translators"))
    author = factories.expert("Dana Stroul")
    brief = factories.brief(
        "Water security on the Euphrates",
        authors=[author],
        body=[
            ("heading", {"text": "Upstream and downstream", "level": "2", "anchor": ""}),
            ("paragraph", "<p>Dams change who holds the water.</p>"),
            ("quote", {"quote": "Water is the new oil.", "attribution": "A farmer"}),
        ],
        summary="Who controls the river controls the harvest.",
    )

    login(page, site, "translator")
    row = queue_row(page, site, brief.title)
    expect(row).to_contain_text("Not started")
    row.get_by_role("link", name="Translate").click()
    page.get_by_role("button", name="Submit").click()

    assert translate_open_segments(page) >= 6
    page.get_by_role("button", name="Publish in Arabic").click()
    expect(page.locator(".messages")).to_contain_text("Published")

    row = queue_row(page, site, brief.title)
    expect(row).to_contain_text("Published")

    arabic = brief.get_translation(factories.arabic())
    page.goto(f"{site}{arabic.url}")
    article = page.locator("article")
    assert article.evaluate("el => getComputedStyle(el).direction") == "rtl"
    expect(page.locator("h1")).to_have_text(ARABIC_PREFIX + brief.title)
    expect(page.locator(".brief__body h2")).to_have_text(ARABIC_PREFIX + "Upstream and downstream")
    expect(page.locator(".brief__body blockquote")).to_contain_text(
        ARABIC_PREFIX + "Water is the new oil."
    )
    english_link = page.locator(".also-available a[hreflang=en]")
    expect(english_link).to_have_attribute("href", brief.url)

    # Translators work on Arabic pages only: the English edit view is refused.
    page.goto(f"{site}/admin/pages/{brief.pk}/edit/")
    expect(page).to_have_url(f"{site}/admin/")
    expect(page.locator(".messages")).to_contain_text("permission")
    expect(page.locator("#id_title")).to_have_count(0)

    # Journey 3: a moderator edits one English paragraph in the admin and publishes; the
    # Arabic edition falls out of date.
    moderator = User.objects.create_user("moderator", password="password")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    editing = browser.new_context(viewport={"width": 1280, "height": 900})
    editor_page = editing.new_page()
    login(editor_page, site, "moderator")
    editor_page.goto(f"{site}/admin/pages/{brief.pk}/edit/")
    paragraph = editor_page.locator("[contenteditable=true]").filter(
        has_text="Dams change who holds the water."
    )
    paragraph.click()
    paragraph.press("End")
    paragraph.press_sequentially(" Canals matter as much.")
    expect(paragraph).to_contain_text("Dams change who holds the water. Canals matter as much.")
    # Draftail writes the edited content into the form's field a moment later (debounced).
    expect(editor_page.locator("input[name='body-1-value']")).to_have_value(
        re.compile("Canals matter as much.")
    )
    footer_action(editor_page, "Publish")
    expect(editor_page.locator(".messages")).to_contain_text("published")
    editing.close()
    live = type(brief).objects.get(pk=brief.pk)
    assert "Canals matter as much." in live.body.raw_data[1]["value"]

    row = queue_row(page, site, brief.title)
    expect(row).to_contain_text("Out of date")
    # The queue's "Next step" link leads to the translation editor; the changed paragraph is
    # the only segment left to translate.
    row.locator("td").last.get_by_role("link").click()
    assert translate_open_segments(page) == 1
    page.get_by_role("button", name="Publish in Arabic").click()
    expect(page.locator(".messages")).to_contain_text("Published")
    row = queue_row(page, site, brief.title)
    expect(row).to_contain_text("Published")
    page.goto(f"{site}{arabic.url}")
    expect(page.locator(".brief__body")).to_contain_text(
        ARABIC_PREFIX + "Dams change who holds the water. Canals matter as much."
    )
