"""The Content-Security-Policy in a real browser: Wagtail's page editor (under the admin's
policy) and the API's Swagger UI (under the public policy) work with nothing blocked.

Chromium fires a ``securitypolicyviolation`` event for everything a policy blocks; an init
script forwards each one to Python, whatever page the tab is on.
"""

from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.browser.admin import login
from tests.browser.content import showcase_content

REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} on ${event.documentURI}`
  );
});
"""


def record_csp_violations(page):
    """Start collecting the page's CSP violations (and the console's CSP errors); returns
    the list they are appended to."""
    violations = []
    page.expose_function("reportCspViolation", lambda text: violations.append(text))
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda msg: (
            violations.append(f"console: {msg.text}")
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    return violations


def test_page_editor_works_under_the_admin_policy(page, site):
    content = showcase_content()
    brief = content["brief"]
    User.objects.create_superuser("admin", "admin@example.org", "password")
    violations = record_csp_violations(page)

    login(page, site, "admin")
    response = page.goto(f"{site}/admin/pages/{brief.pk}/edit/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    # The StreamField is drawn by the admin's scripts: one block per body item, in order,
    # with its values filled in.
    body = page.locator("#body-root")
    expect(body.locator("[data-contentpath='text'] input").first).to_have_value(
        "Why the dialogue matters"
    )
    expect(page.locator("#body-root > div > [data-streamfield-child]")).to_have_count(7)
    expect(body.get_by_text("A dialogue is the place to start.")).to_be_visible()
    # The table block's spreadsheet editor and the image chooser's preview render too.
    expect(body.locator(".handsontable").first).to_contain_text("Troops")
    expect(body.locator("[data-chooser-title]", has_text="baghdad")).to_be_visible()
    # The preview panel frames the public template (frame-src and frame-ancestors 'self').
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text(brief.title)

    assert violations == []


def test_swagger_ui_works_under_the_public_policy(page, site):
    violations = record_csp_violations(page)

    response = page.goto(f"{site}/api/v1/docs")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("API")
    expect(page.locator(".opblock").first).to_be_visible()
    # Try it out (on from the start): Swagger UI calls the API from the page (connect-src).
    page.locator(".opblock-summary", has_text="/api/v1/analysis/").first.click()
    page.get_by_role("button", name="Execute").first.click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200")

    assert violations == []


def test_a_brief_with_structured_data_and_reader_tools_runs_under_the_public_policy(page, site):
    """The JSON-LD block is a data block the policy leaves alone, and the reader tools' static
    script runs (it reveals the Print button) with no inline script allowed."""
    brief = showcase_content()["brief"]
    violations = record_csp_violations(page)

    response = page.goto(f"{site}{brief.url}")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    article = next(item for item in data["@graph"] if item.get("headline"))
    assert article["headline"] == brief.title
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    assert violations == []
