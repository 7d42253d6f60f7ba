"""Translator journeys (issue 6, journeys 2 and 3): the translation queue, wagtail-localize's
editor, the right-to-left Arabic page, the refused English edit view, then an English change
that puts the translation out of date and the translator's update."""

import re

from django.contrib.auth.models import Group, User
from playwright.sync_api import expect
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation

from tests.browser.admin import footer_action, login
from tests.support import factories
from tests.support.translation import submit, translate_strings

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


ARABIC_WITH_LINK = 'في <a id="a1">2021 تجادلوا</a> حول القواعد.'


def _direction(locator):
    return locator.evaluate(
        "el => [el.getAttribute('lang'), el.getAttribute('dir'),"
        " getComputedStyle(el).direction, getComputedStyle(el).fontStyle]"
    )


def test_the_editor_writes_arabic_right_to_left_and_keeps_inline_tags(page, site):
    translator = User.objects.create_user("translator", password="password")
    translator.groups.add(Group.objects.get(name="Translators"))
    brief = factories.brief(
        "Bases and bargains",
        summary="Who stays, who leaves.",
        body=[
            (
                "paragraph",
                '<p>In <a href="https://example.org/talks">2021 they argued</a> over bases.</p>',
            )
        ],
    )
    translation = submit(brief)
    translate_strings(translation, text_for=lambda text: ARABIC_PREFIX + text)
    # The paragraph is the one string left; its translation is typed in the browser.
    StringTranslation.objects.filter(translation_of__data__contains="<a id=").delete()

    login(page, site, "translator")
    arabic = translation.get_target_instance()
    page.goto(f"{site}/admin/pages/{arabic.pk}/edit/")
    segment = page.locator("li.incomplete").filter(has_text="over bases.")
    source = segment.locator("p").first
    expect(source).to_have_attribute("dir", "ltr")
    assert _direction(source)[:3] == ["en", "ltr", "ltr"]

    segment.get_by_role("button", name="Translate", exact=True).click()
    box = page.locator("li textarea")
    assert _direction(box) == ["ar", "rtl", "rtl", "normal"]  # no italics in Arabic
    box.fill(ARABIC_WITH_LINK)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saving...")).to_have_count(0)

    saved = page.locator("li.complete").filter(has_text="حول القواعد")
    shown = saved.locator(":scope > div > p")
    expect(shown).to_have_text(ARABIC_WITH_LINK)
    assert _direction(shown) == ["ar", "rtl", "rtl", "normal"]
    # Read back exactly as typed: the link's tags keep their place around the Arabic text.
    stored = StringTranslation.objects.get(
        translation_of__data__contains="<a id=", locale=factories.arabic()
    )
    assert stored.data == ARABIC_WITH_LINK
    assert not stored.has_error

    page.get_by_role("button", name="Publish in Arabic").click()
    expect(page.locator(".messages")).to_contain_text("Published")
    page.goto(f"{site}{arabic.specific.url}")
    expect(page.locator(".brief__body p").first).to_have_text("في 2021 تجادلوا حول القواعد.")
    expect(page.locator(".brief__body a[href='https://example.org/talks']")).to_have_text(
        "2021 تجادلوا"
    )


def test_the_arabic_admin_keeps_english_source_lines_left_to_right(page, site):
    translator = User.objects.create_user("translator", password="password")
    translator.groups.add(Group.objects.get(name="Translators"))
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "ar"
    profile.save()
    brief = factories.brief("Ports and power", summary="Shipping slowed by half.")
    translation = submit(brief)

    login(page, site, "translator")
    arabic = translation.get_target_instance()
    page.goto(f"{site}/admin/pages/{arabic.pk}/edit/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    source = page.locator("li.incomplete p").filter(has_text="Shipping slowed by half.")
    expect(source).to_have_attribute("dir", "ltr")
    assert _direction(source)[2] == "ltr"  # the full stop stays at the end of the line
    expect(page.get_by_text("ترجمة من الإنجليزية إلى العربية").first).to_be_visible()
    expect(page.get_by_text(" to ", exact=False).filter(has_text="translation")).to_have_count(0)


def test_an_incomplete_translation_needs_a_separate_confirmation(page, site):
    translator = User.objects.create_user("translator", password="password")
    translator.groups.add(Group.objects.get(name="Translators"))
    brief = factories.brief(
        "Half done",
        summary="Only the title is translated.",
        body=[("paragraph", "<p>An English paragraph.</p>")],
    )
    translation = submit(brief)
    translate_strings(translation, limit=2)  # the title and the slug
    total = translation.get_progress()[0]
    missing = total - 2

    login(page, site, "translator")
    arabic = translation.get_target_instance()
    page.goto(f"{site}/admin/pages/{arabic.pk}/edit/")
    expect(page.locator(".translation-gaps")).to_contain_text(
        f"{missing} of {total} strings are not translated yet."
    )
    page.get_by_role("button", name="Publish in Arabic").click()

    # Not published: a page of its own lists what readers would see in English.
    expect(page.locator(".messages")).to_contain_text(
        f"Not published: {missing} of {total} strings are not translated yet."
    )
    expect(page.locator(".untranslated-strings")).to_contain_text("An English paragraph.")
    assert not type(arabic).objects.get(pk=arabic.pk).live
    page.get_by_role("button", name="Publish with missing translations").click()
    expect(page.locator(".error-message")).to_contain_text(
        "Tick the box to publish with missing translations."
    )
    assert not type(arabic).objects.get(pk=arabic.pk).live

    page.get_by_label("Publish anyway").check()
    page.get_by_role("button", name="Publish with missing translations").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Published with {missing} of {total} strings in English."
    )
    assert type(arabic).objects.get(pk=arabic.pk).live


def test_sync_with_publish_immediately_goes_through_the_guard(page, site):
    translator = User.objects.create_user("translator", password="password")
    translator.groups.add(Group.objects.get(name="Translators"))
    brief = factories.brief(
        "Synced half done",
        summary="Only the title is translated.",
        body=[("paragraph", '<p>See <a href="https://example.org/">the source</a> here.</p>')],
    )
    translation = submit(brief)
    translate_strings(translation, limit=2)  # the title and the slug
    total = translation.get_progress()[0]
    missing = total - 2

    login(page, site, "translator")
    page.goto(f"{site}/admin/localize/update/{translation.source_id}/")
    page.get_by_label("Publish immediately").check()
    page.get_by_role("button", name="Submit").click()

    # Not published: the warning names the page and leads to the guard's confirmation.
    warning = page.locator(".messages").get_by_text("Not published in Arabic")
    expect(warning).to_contain_text(
        f"“Synced half done” has {missing} of {total} strings not translated yet."
    )
    arabic = translation.get_target_instance()
    assert not type(arabic).objects.get(pk=arabic.pk).live
    page.locator(".messages").get_by_role("link", name="Review missing strings").click()
    expect(page.locator(".untranslated-strings")).to_contain_text("Only the title is translated.")

    # The preview marks the English link paragraph as one run, link included.
    page.goto(f"{site}/admin/localize/translate/{translation.pk}/preview/")
    marked = page.locator("mark.translation-fallback", has_text="the source")
    expect(marked).to_have_attribute("dir", "ltr")
    expect(marked.get_by_role("link", name="the source")).to_have_attribute(
        "href", "https://example.org/"
    )
