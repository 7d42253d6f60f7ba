"""An institute's look (issue 15): the listing's filters folded away on a phone and open on a
desktop, and the screenshots the suite keeps of the main pages in both languages at desktop
and phone widths (var/screenshots/, docs/discovery.md)."""

from pathlib import Path

from PIL import Image
from playwright.sync_api import expect

from tests.browser.content import reader_content, showcase_content, site_chrome

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WIDTHS = {"desktop": 1280, "mobile": 375}
PHONE = {"width": 375, "height": 812}


def test_filters_start_folded_on_a_phone_and_open_on_a_desktop(page, site):
    reader_content()
    page.set_viewport_size(PHONE)
    page.goto(f"{site}/policy-analysis/")
    summary = page.locator(".filters__summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_text("Filter analysis")
    expect(page.get_by_label("Type")).to_be_hidden()
    # The keyword, the button and the first result are in the first screen.
    expect(page.get_by_role("button", name="Apply filters")).to_be_in_viewport()
    first_card = page.locator(".results .card").first
    box = first_card.bounding_box()
    assert box is not None and box["y"] < PHONE["height"], box
    # The summary opens the filters (no script needed: it is a <details>).
    summary.click()
    expect(page.get_by_label("Type")).to_be_visible()
    page.get_by_label("Type").select_option(label="Policy Notes")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#results-heading")).to_have_text("25 results")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site}/policy-analysis/")
    expect(page.locator(".filters__summary")).to_be_hidden()
    expect(page.get_by_label("Type")).to_be_visible()
    expect(page.get_by_label("Region")).to_be_visible()
    page.log.assert_clean()


def test_screenshots_of_the_main_pages_in_both_languages_and_widths(page, site):
    content = showcase_content()
    site_chrome()
    pages = {
        "en": {
            "home": "/",
            "listing": "/policy-analysis/",
            "brief": content["brief"].url,
            "search": "/search/?q=dialogue",
            "expert": content["experts"][0].url,
        },
        "ar": {
            "home": "/ar/",
            "listing": "/ar/policy-analysis/",
            "brief": content["arabic"].url,
            "search": "/ar/search/?q=%D8%A7%D9%84%D8%AD%D9%88%D8%A7%D8%B1",
            "expert": content["arabic_expert"].url,
        },
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    expected = []
    for language, paths in pages.items():
        for name, path in paths.items():
            for label, width in WIDTHS.items():
                target = SCREENSHOTS / f"{language}-{name}-{label}.png"
                target.unlink(missing_ok=True)
                page.set_viewport_size({"width": width, "height": 900 if width > 400 else 812})
                response = page.goto(site + path)
                assert response.status == 200, path
                page.screenshot(path=target, full_page=True)
                expected.append((target, width))
    assert len(expected) == 20
    for target, width in expected:
        with Image.open(target) as image:
            image.verify()
        with Image.open(target) as image:
            # As wide as the window: nothing overflows sideways at a phone's width.
            assert (image.format, image.width) == ("PNG", width), target.name
    page.log.assert_clean()
