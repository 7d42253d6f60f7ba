"""Accessibility of the public pages in both languages: axe-core finds no serious or critical
violation, every interactive element is reachable with Tab and visibly focused, and pages
load without console errors or requests to other hosts."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.content import showcase_content, site_chrome

BLOCKING = {"serious", "critical"}
_axe = Axe()


def public_pages(content, language):
    """(name, path) of the home page, listing, showcase brief, expert page and a search in
    ``language``."""
    if language == "en":
        return [
            ("home", "/"),
            ("listing", "/policy-analysis/"),
            ("brief", content["brief"].url),
            ("expert", content["experts"][0].url),
            ("search", "/search/?q=dialogue"),
        ]
    return [
        ("home", "/ar/"),
        ("listing", "/ar/policy-analysis/"),
        ("brief", content["arabic"].url),
        ("expert", content["arabic_expert"].url),
        ("search", "/ar/search/?q=%D8%A7%D9%84%D8%AD%D9%88%D8%A7%D8%B1"),
    ]


def axe_violations(page):
    """Serious and critical axe-core violations on the page, one readable line per node."""
    results = _axe.run(page)
    lines = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            lines.append(
                f"{page.url}: {violation['id']} ({violation['impact']}) {violation['help']} "
                f"at {node['target']}: {node.get('failureSummary', '')}"
            )
    return lines


@pytest.mark.parametrize("language", ["en", "ar"])
def test_axe_finds_no_serious_violation(page, site, language):
    content = showcase_content()
    site_chrome()  # the editable header sections, footer links and social accounts
    problems = []
    for _name, path in public_pages(content, language):
        response = page.goto(site + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        problems += axe_violations(page)
    missing_url = f"{site}{'/ar' if language == 'ar' else ''}/no-such-page/"
    missing = page.goto(missing_url)
    assert missing.status == 404
    assert page.locator("html").get_attribute("lang") == language
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)
    page.log.assert_clean(expected_404=[missing_url])


# Every element a keyboard user can reach, in the page's own terms (visible ones only).
FOCUSABLE_JS = """() => Array.from(document.querySelectorAll(
  'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]),'
  + ' select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]),'
  + ' summary, audio[controls], video[controls]'
)).filter(el => {
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const offscreenSkipLink = el.classList.contains('skip-link');
  // Inside a closed <details> only its <summary> is reachable, until the reader opens it.
  const inClosedDetails = el.tagName !== 'SUMMARY' && el.closest('details:not([open])');
  return style.visibility !== 'hidden' && style.display !== 'none' && !inClosedDetails
    && (box.width > 0 && box.height > 0 || offscreenSkipLink);
}).map(el => el.outerHTML.slice(0, 120))"""

# The focused element and whether its focus is drawn (outline or box-shadow) on screen.
ACTIVE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  const inView = box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
  return {html: el.outerHTML.slice(0, 120), visible: (outline || !!shadow) && inView,
          focusVisible: el.matches(':focus-visible')};
}"""


def tab_through(page, limit=200):
    """Press Tab until focus returns to the first element; returns what was focused."""
    page.locator("body").focus()
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE_JS)
        if active is None or (seen and active["html"] == seen[0]["html"]):
            break
        seen.append(active)
    return seen


@pytest.mark.parametrize("language", ["en", "ar"])
def test_keyboard_reaches_every_control_with_visible_focus(page, site, language):
    content = showcase_content()
    # Without smooth scrolling (the site honours the preference) the focused element is in
    # view as soon as focus moves, so "visible on focus" can be checked without waiting.
    page.emulate_media(reduced_motion="reduce")
    problems = []
    for name, path in public_pages(content, language):
        page.goto(site + path)
        expected = page.evaluate(FOCUSABLE_JS)
        focused = tab_through(page)
        reached = [item["html"] for item in focused]
        for html in expected:
            if html not in reached:
                problems.append(f"{name} {path}: never focused with Tab: {html}")
        for item in focused:
            if not (item["focusVisible"] and item["visible"]):
                problems.append(f"{name} {path}: no visible focus on {item['html']}")
        assert len(reached) >= 5, f"{name}: only {len(reached)} elements reachable"
    assert not problems, "\n".join(problems)
    page.log.assert_clean()
