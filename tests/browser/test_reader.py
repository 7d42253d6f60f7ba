"""Reader journey (issue 6, journey 4): listing filters, pagination, the language switch."""

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.content import MATCHING, reader_content


def _card_titles(page):
    return page.locator(".results .card__title").all_inner_texts()


def test_listing_filters_pagination_and_language_switch(page, site):
    content = reader_content()

    page.goto(f"{site}/policy-analysis/")
    total = MATCHING + len(content["misses"])
    expect(page.locator("#results-heading")).to_have_text(f"{total} results")

    page.get_by_label("Type").select_option(label="Policy Notes")
    page.get_by_label("Region").select_option(label="Iran")
    page.get_by_label("Year").select_option(label="2021")
    page.get_by_role("button", name="Apply filters").click()

    expect(page.locator("#results-heading")).to_have_text(f"{MATCHING} results")
    query = parse_qs(urlsplit(page.url).query)
    assert query["type"] == ["policy-notes"]
    assert query["region"] == ["iran"]
    assert query["year"] == ["2021"]
    first_page = _card_titles(page)
    assert len(first_page) == 20
    assert all(title.startswith("Iran note") for title in first_page)
    # Newest first.
    assert first_page[0] == f"Iran note {MATCHING:02d}"
    # The form shows the chosen filters after the reload.
    expect(page.get_by_label("Type")).to_have_value("policy-notes")
    expect(page.get_by_label("Year")).to_have_value("2021")

    page.get_by_role("navigation", name="Pagination").get_by_role("link", name="Next").click()
    query = parse_qs(urlsplit(page.url).query)
    assert query["page"] == ["2"]
    assert query["type"] == ["policy-notes"] and query["region"] == ["iran"]
    assert query["year"] == ["2021"]
    second_page = _card_titles(page)
    assert len(second_page) == MATCHING - 20
    assert not set(first_page) & set(second_page)
    assert set(first_page) | set(second_page) == {b.title for b in content["matching"]}
    expect(page.locator(".pagination [aria-current=page]")).to_have_text("2")

    page.get_by_role("link", name="Previous").click()
    assert _card_titles(page) == first_page

    # The brief with an Arabic edition: "Also available in" leads to it, and back.
    page.get_by_role("link", name=content["translated"].title).click()
    switch = page.get_by_role("navigation", name="Other languages")
    expect(switch).to_contain_text("Also available in")
    switch.locator("a[hreflang=ar]").click()
    expect(page).to_have_url(f"{site}{content['arabic'].url}")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("h1")).to_have_text(content["arabic"].title)
    page.locator(".also-available a[hreflang=en]").click()
    expect(page).to_have_url(f"{site}{content['translated'].url}")
    expect(page.locator("h1")).to_have_text(content["translated"].title)
    page.log.assert_clean()
