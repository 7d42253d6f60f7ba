"""The example front end (examples/frontend/), which knows nothing but /api/v1/, shows what the
server-rendered site shows: the seed brief in English and Arabic (title, authors, headings,
paragraphs, about the authors, recommended cards), every body block type, the listing with
filters and pagination, and an expert page; right-to-left in Arabic, without serious axe-core
violations, console errors or requests leaving 127.0.0.1.

The front end is served as static files from a second port on 127.0.0.1 (a Python http.server
thread), so every API call is cross-origin: the tests list that origin in CORS_ALLOWED_ORIGINS,
which also proves the CORS setup, and one test shows what happens without it.
"""

import functools
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.content import showcase_content
from tests.browser.test_accessibility import FOCUSABLE_JS, axe_violations, tab_through
from tests.support import factories
from tests.support.translation import translate_and_publish

FRONTEND_DIR = Path(__file__).resolve().parents[2] / "examples" / "frontend"
SEED = "/policy-analysis/us-iraq-strategic-dialogue-question-interests-and-expectations/"
SEED_AR = "/ar/policy-analysis/hwar-astratyjy-amryky-raqy-msalt-msalh-wtwqat/"
SEED_PATHS = {"en": SEED, "ar": SEED_AR}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@pytest.fixture(scope="session")
def frontend_server():
    """The front end's static files on a free 127.0.0.1 port; yields its origin."""
    handler = functools.partial(_QuietHandler, directory=str(FRONTEND_DIR))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def frontend(site, frontend_server, settings):
    """A function building front-end URLs (query parameters, with ``api=`` set to the live
    server); the front end's origin is allowed by CORS and the site's root URL is the live
    server, so image and document URLs in API payloads load from it."""
    settings.CORS_ALLOWED_ORIGINS = [frontend_server]

    def url(**query):
        return f"{frontend_server}/?{urlencode({'api': site, **query}, doseq=True)}"

    url.origin = frontend_server
    return url


def point_site_at(site):
    """Make the default Site the live server, so API media URLs (the CMS's root URL) resolve.
    Saved through the model so the API's content version (and its cache) moves on."""
    from wagtail.models import Site

    parts = urlsplit(site)
    default = Site.objects.get(is_default_site=True)
    default.hostname, default.port = parts.hostname, parts.port
    default.save()
    Site.clear_site_root_paths_cache()


def load_demo(site):
    call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
    point_site_at(site)


def texts(page, selector):
    """Normalized inner texts of the elements matching ``selector``."""
    return [" ".join(text.split()) for text in page.locator(selector).all_inner_texts()]


BRIEF_PARTS = {
    "title": "h1",
    "authors": ".byline__authors a",
    # The server page's table of contents (#toc-heading) is its own: the example front end
    # renders the body only.
    "headings": ".brief__body h2:not(#toc-heading), .brief__body h3",
    "paragraphs": ".brief__body .block-paragraph > *",
    "about": ".about-authors h3",
    "recommended": ".recommended .card__title",
}


def brief_parts(page):
    return {name: texts(page, selector) for name, selector in BRIEF_PARTS.items()}


def wait_for_render(page):
    """The front end is ready when <main> is no longer busy (content or an error shown)."""
    expect(page.locator("main")).not_to_have_attribute("aria-busy", "true")


def open_in_frontend(page, url):
    page.goto(url)
    wait_for_render(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_seed_brief_matches_the_server_page_and_passes_axe(page, site, frontend, language):
    load_demo(site)
    path = SEED_PATHS[language]

    page.goto(site + path)
    server = brief_parts(page)
    assert server["title"] and server["authors"] and server["paragraphs"]
    assert len(server["recommended"]) == 3

    open_in_frontend(page, frontend(path=path))
    shown = brief_parts(page)
    for name in BRIEF_PARTS:
        assert shown[name] == server[name], name
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    direction = page.locator("article.brief").evaluate("el => getComputedStyle(el).direction")
    assert direction == ("rtl" if language == "ar" else "ltr")
    assert page.title().startswith(server["title"][0])
    assert page.locator("h1").count() == 1
    # Author photos in "About the authors" come as <picture> with WebP first; they loaded.
    photos = page.locator(".about-authors picture")
    assert photos.count() == len(server["about"])
    assert photos.first.locator("source").get_attribute("type") == "image/webp"
    assert photos.first.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"frontend-seed-brief-{language}.png", full_page=True)
    problems = axe_violations(page)

    # The language switch (the API's `translations`) leads to the other edition in the
    # front end: the same page the server shows at that edition's path.
    other = "ar" if language == "en" else "en"
    page.get_by_role("navigation", name="Language" if language == "en" else "اللغة").locator(
        f"a[hreflang={other}]"
    ).click()
    wait_for_render(page)
    assert parse_qs(urlsplit(page.url).query)["path"] == [SEED_PATHS[other]]
    expect(page.locator("html")).to_have_attribute("lang", other)
    other_title = texts(page, "h1")

    # The first author's page, by the byline link: the server's expert page, with the brief
    # among the publications.
    page.locator(".byline__authors a").first.click()
    wait_for_render(page)
    expert_path = parse_qs(urlsplit(page.url).query)["path"][0]
    expect(page.locator("html")).to_have_attribute("lang", other)
    frontend_expert = {
        "name": texts(page, "h1"),
        "position": texts(page, ".expert__position"),
        "summary": texts(page, ".expert__summary"),
        "expertise": texts(page, ".expertise li"),
        "publications": texts(page, ".publications .card__title"),
    }
    assert page.locator(".expert__photo img").evaluate("img => img.naturalWidth > 0")
    assert other_title[0] in frontend_expert["publications"]
    problems += axe_violations(page)

    page.goto(site + expert_path)
    server_expert = {
        "name": texts(page, "h1"),
        "position": texts(page, ".expert__position"),
        "summary": texts(page, ".expert__summary"),
        "expertise": texts(page, ".expert__aside .tag-list li"),
        "publications": texts(page, ".expert__publications .card__title"),
    }
    assert server_expert["name"] and server_expert["publications"]
    for name, value in server_expert.items():
        if name == "publications":  # page sizes may differ: compare the common first page
            count = min(len(value), len(frontend_expert[name]))
            assert frontend_expert[name][:count] == value[:count]
        else:
            assert frontend_expert[name] == value, name
    assert not problems, "\n".join(problems)
    page.log.assert_clean()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_listing_filters_and_pagination_match_the_api(page, site, frontend, language):
    load_demo(site)
    labels = {
        "en": {
            "type": "Type",
            "region": "Region",
            "apply": "Apply",
            "next": "Next page",
            "pagination": "Pagination",
        },
        "ar": {
            "type": "النوع",
            "region": "المنطقة",
            "apply": "تطبيق",
            "next": "الصفحة التالية",
            "pagination": "التنقل بين الصفحات",
        },
    }[language]

    def api_titles(**query):
        response = page.request.get(
            f"{site}/api/v1/analysis/?{urlencode({'locale': language, 'limit': 10, **query})}"
        )
        assert response.ok
        data = response.json()
        return data["count"], [item["title"] for item in data["items"]]

    open_in_frontend(page, frontend(locale=language))
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    count, first_page = api_titles()
    assert texts(page, ".listing .card__title") == first_page
    problems = axe_violations(page)

    # The demo has more analysis than fits a page (10) in both languages.
    pagination = page.get_by_role("navigation", name=labels["pagination"])
    assert count > 10
    pagination.get_by_role("link", name=labels["next"]).click()
    wait_for_render(page)
    assert parse_qs(urlsplit(page.url).query)["page"] == ["2"]
    assert texts(page, ".listing .card__title") == api_titles(offset=10)[1]

    open_in_frontend(page, frontend(locale=language))
    page.get_by_label(labels["type"]).select_option("brief-analysis")
    page.get_by_label(labels["region"]).select_option("iran")
    page.get_by_role("button", name=labels["apply"]).click()
    wait_for_render(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query["type"] == ["brief-analysis"] and query["region"] == ["iran"]
    assert query["locale"] == [language] and query["api"] == [site]
    filtered_count, filtered = api_titles(type="brief-analysis", region="iran")
    assert 0 < filtered_count < count
    assert texts(page, ".listing .card__title") == filtered
    # The form shows the filters it was submitted with.
    expect(page.get_by_label(labels["type"])).to_have_value("brief-analysis")
    expect(page.get_by_label(labels["region"])).to_have_value("iran")

    # A year and a search: the front end turns the year into the API's date range.
    open_in_frontend(page, frontend(locale=language, year="2020"))
    assert (
        texts(page, ".listing .card__title")
        == api_titles(date_from="2020-01-01", date_to="2020-12-31")[1]
    )
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)
    page.log.assert_clean()


def test_every_block_type_renders_like_the_server_page(page, site, frontend):
    content = showcase_content()
    point_site_at(site)
    brief = content["brief"]

    page.goto(site + brief.url)
    server = {
        "heading": texts(page, ".brief__body h2:not(#toc-heading)"),
        "paragraph": texts(page, ".block-paragraph li"),
        "quote": texts(page, ".block-quote"),
        "key points": texts(page, ".block-callout li"),
        "caption": texts(page, ".block-image figcaption"),
        "table": texts(page, ".block-table th, .block-table td"),
        "document": texts(page, ".block-document__link a"),
    }

    open_in_frontend(page, frontend(path=brief.url))
    body = page.locator(".brief__body")
    assert texts(page, ".brief__body h2:not(#toc-heading)") == server["heading"]
    heading = body.locator("h2").first
    assert heading.get_attribute("id")
    assert texts(page, ".block-paragraph li") == server["paragraph"]
    assert texts(page, ".block-quote") == server["quote"]
    assert texts(page, ".block-callout li") == server["key points"]
    assert texts(page, ".block-image figcaption") == server["caption"]
    assert texts(page, ".block-table th, .block-table td") == server["table"]
    assert body.locator(".block-table caption").inner_text() == "U.S. troop levels in Iraq"
    assert texts(page, ".block-document__link a") == server["document"]
    document = body.locator(".block-document__link a")
    assert document.get_attribute("download") is not None
    assert document.get_attribute("href").startswith(site + "/documents/")
    # The image: WebP source plus a JPEG fallback, alt text from the block, loaded.
    image = body.locator(".block-image picture")
    assert image.locator("source[type='image/webp']").count() == 1
    img = image.locator("img")
    assert img.get_attribute("alt") == "The Tigris in Baghdad"
    assert ".jpg" in img.get_attribute("src") or ".jpeg" in img.get_attribute("src")
    assert img.evaluate("img => img.complete && img.naturalWidth > 0")

    # A rich-text link to another brief stays inside the front end.
    related = content["related"][0]
    link = body.get_by_role("link", name="the earlier brief")
    assert f"path={quote(related.url, safe='')}" in link.get_attribute("href")
    link.click()
    wait_for_render(page)
    expect(page.locator("h1")).to_have_text(related.title)

    # A heading's anchor works as a deep link once the content has arrived.
    open_in_frontend(page, frontend(path=brief.url))
    anchor = page.locator(".brief__body h2").first.get_attribute("id")
    page.goto(frontend(path=brief.url) + f"#{anchor}")
    wait_for_render(page)
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    page.log.assert_clean()


def test_unknown_path_shows_the_apis_not_found_message(page, site, frontend):
    point_site_at(site)
    missing = "/policy-analysis/no-such-brief/"
    open_in_frontend(page, frontend(path=missing))
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.get_by_role("alert")).to_contain_text("No live page")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # The browser reports the API's 404 on the console; nothing else may appear there.
    api_url = f"{site}/api/v1/pages/by-path/?path={quote(missing, safe='')}"
    assert page.log.console_errors and all(" 404 " in e for e in page.log.console_errors), (
        page.log.console_errors,
        api_url,
    )
    assert not page.log.page_errors and not page.log.foreign_requests()


def test_without_cors_the_browser_refuses_the_api(page, site, frontend_server, settings):
    """The proof that the tests above really go cross-origin: with the front end's origin not
    listed, the browser blocks every API response and the front end says it cannot load."""
    settings.CORS_ALLOWED_ORIGINS = []
    page.goto(f"{frontend_server}/?{urlencode({'api': site})}")
    wait_for_render(page)
    expect(page.locator("h1")).to_have_text("The content could not be loaded")
    assert any("CORS" in error for error in page.log.console_errors), page.log.console_errors


@pytest.mark.parametrize("language", ["en", "ar"])
def test_keyboard_reaches_every_control_with_visible_focus(page, site, frontend, language):
    content = showcase_content()
    point_site_at(site)
    page.emulate_media(reduced_motion="reduce")
    brief, expert = (
        (content["brief"], content["experts"][0])
        if language == "en"
        else (content["arabic"], content["arabic_expert"])
    )
    problems = []
    for name, url in [
        ("listing", frontend(locale=language)),
        ("brief", frontend(path=brief.url)),
        ("expert", frontend(path=expert.url)),
    ]:
        open_in_frontend(page, url)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        expected = page.evaluate(FOCUSABLE_JS)
        focused = tab_through(page)
        reached = [item["html"] for item in focused]
        problems += [
            f"{name}: never focused with Tab: {html}" for html in expected if html not in reached
        ]
        problems += [
            f"{name}: no visible focus on {item['html']}"
            for item in focused
            # A date input's picker button is a stop of its own inside the input, where
            # :focus-visible does not match the input: the ring drawn on it must be visible.
            if not (item["visible"] and (item["focusVisible"] or 'type="date"' in item["html"]))
        ]
        assert len(reached) >= 5, f"{name}: only {len(reached)} elements reachable"
        problems += axe_violations(page)
    assert not problems, "\n".join(problems)
    page.log.assert_clean()


def test_english_fallbacks_on_an_arabic_brief_are_isolated_and_keywords_filter(
    page, site, frontend
):
    # Before, the front end marked fallbacks with lang only (punctuation on the wrong side:
    # ".Jordan"), could not tell an English author from an Arabic one, and keyword chips
    # searched ?q=<English word>, which finds nothing in Arabic.
    for section in factories.site_tree():
        translate_and_publish(section)
    point_site_at(site)
    expert = factories.expert("Lina Haddad", short_bio="Lina studies Jordan.")
    english = factories.brief("Jordan after the war", authors=[expert])
    english.tags.add("water")
    english.save_revision().publish()
    arabic = translate_and_publish(english)

    open_in_frontend(page, frontend(path=arabic.url))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    author = page.locator(".byline__authors a")
    expect(author).to_have_text("Lina Haddad")
    expect(author).to_have_attribute("lang", "en")
    expect(author).to_have_attribute("dir", "ltr")
    about = page.locator(".about-authors__person")
    expect(about).to_have_attribute("lang", "en")
    expect(about).to_have_attribute("dir", "ltr")
    for link in page.locator("a[hreflang=en]").all():
        assert (link.get_attribute("lang"), link.get_attribute("dir")) == ("en", "ltr")
    keywords = page.locator(".topics ul[lang=en][dir=ltr]")
    expect(keywords).to_have_text("water")
    keywords.get_by_role("link", name="water").click()
    wait_for_render(page)
    assert parse_qs(urlsplit(page.url).query)["tag"] == ["water"]
    expect(page.locator(".card__title")).to_have_text([arabic.title])
    page.log.assert_clean()
