"""Accessibility rules checked on the server-rendered HTML of every page type, in English and
Arabic: one h1, landmarks, headings without skipped levels, alt text on every image, lang
and dir, labelled form controls, ids unique and references resolvable. (The browser suite
runs axe-core on top of this.)"""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests.support import factories
from tests.support import translation as translation_support

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_urls(tree):
    """URLs of a home page, listing, landing page, brief and expert page, English and Arabic."""
    home, experts, analysis = tree
    region = factories.region()
    karl = factories.expert(
        "Karl Kaltenthaler", photo=factories.image("karl"), bio="<p>Long biography.</p>"
    )
    karl.expertise_regions.add(region)
    karl.save_revision().publish()
    others = [factories.brief(f"Other {n}", authors=[karl], regions=[region]) for n in range(3)]
    brief = factories.brief(
        "Accessible brief",
        authors=[karl],
        regions=[region],
        issues=[factories.issue()],
        date=datetime.date(2020, 5, 14),
        hero_image=factories.image("hero", width=1200, height=675),
        hero_caption="A caption",
        recommended=others,
        body=[
            ("heading", {"text": "First section", "level": "2", "anchor": ""}),
            ("paragraph", "<p>Text.</p><ul><li>One</li><li>Two</li></ul>"),
            ("heading", {"text": "A detail", "level": "3", "anchor": ""}),
            (
                "image",
                {
                    "image": factories.image("chart"),
                    "alt_text": "A chart",
                    "decorative": False,
                    "caption": "",
                    "credit": "",
                },
            ),
            (
                "table",
                {
                    "data": [["A", "B"], ["1", "2"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Numbers",
                },
            ),
        ],
    )
    for n in range(25):
        factories.brief(f"Filler {n}", regions=[region])
    arabic_brief = translation_support.translate_and_publish(brief)
    arabic_karl = translation_support.translate_and_publish(karl)
    return {
        "home": home.url,
        "listing": analysis.url,
        "listing page 2 filtered": f"{analysis.url}?region=iraq&type=nonsense&page=2",
        "landing": f"{analysis.url}iraq/",
        "brief": brief.url,
        "experts": experts.url,
        "expert": karl.url,
        "arabic home": "/ar/",
        "arabic brief": arabic_brief.url,
        "arabic expert": arabic_karl.url,
    }


def check_page(html, language):
    page = BeautifulSoup(html, "html.parser")
    problems = []

    root = page.html
    if root.get("lang") != language:
        problems.append(f"<html lang> is {root.get('lang')!r}")
    if root.get("dir") != ("rtl" if language == "ar" else "ltr"):
        problems.append(f"<html dir> is {root.get('dir')!r}")
    if not page.title or not page.title.get_text(strip=True):
        problems.append("no <title>")

    h1s = page.find_all("h1")
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} h1 elements")
    for landmark in ("header", "nav", "main", "footer"):
        if page.find(landmark) is None:
            problems.append(f"no <{landmark}> landmark")
    if len(page.find_all("main")) != 1:
        problems.append("more than one <main>")
    skip = page.select_one("a.skip-link")
    if skip is None or page.find(id=skip["href"].lstrip("#")) is None:
        problems.append("skip link missing or pointing nowhere")

    previous = 0
    for heading in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        level = int(heading.name[1])
        if previous and level > previous + 1:
            problems.append(f"heading level skips from h{previous} to h{level}: {heading.text!r}")
        if not heading.get_text(strip=True):
            problems.append(f"empty {heading.name}")
        previous = level
    if page.find(["h2", "h3"]) and page.find(["h1", "h2", "h3"]).name != "h1":
        problems.append("the first heading is not the h1")

    for img in page.find_all("img"):
        if not img.has_attr("alt"):
            problems.append(f"img without alt: {img.get('src')}")
    for link in page.find_all("a"):
        if not link.get_text(strip=True) and not link.find("img", alt=True):
            problems.append(f"link without text: {link.get('href')}")
        if not link.get("href"):
            problems.append(f"link without href: {link.get_text(strip=True)!r}")

    for control in page.find_all(["input", "select", "textarea"]):
        if control.get("type") in ("hidden", "submit"):
            continue
        control_id = control.get("id")
        if not control_id or page.find("label", attrs={"for": control_id}) is None:
            problems.append(f"unlabelled form control {control.get('name')!r}")
    for button in page.find_all("button"):
        if not button.get_text(strip=True):
            problems.append("button without text")

    ids = [node["id"] for node in page.find_all(id=True)]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        problems.append(f"duplicate ids {sorted(duplicates)}")
    for node in page.find_all(attrs={"aria-labelledby": True}):
        for ref in node["aria-labelledby"].split():
            if ref not in ids:
                problems.append(f"aria-labelledby points at missing #{ref}")
    for node in page.find_all(attrs={"aria-describedby": True}):
        for ref in node["aria-describedby"].split():
            if ref not in ids:
                problems.append(f"aria-describedby points at missing #{ref}")
    for node in page.find_all(attrs={"lang": True}):
        if node["lang"] not in ("en", "ar"):
            problems.append(f"unexpected lang {node['lang']!r}")
    return problems


def test_every_page_type_passes_the_markup_checks(client, site_urls):
    report = {}
    for name, url in site_urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        problems = check_page(response.content.decode(), "ar" if url.startswith("/ar/") else "en")
        if problems:
            report[name] = problems
    assert report == {}


def test_the_checks_catch_broken_markup():
    """The checker itself fails on the mistakes it is meant to catch."""
    broken = (
        '<html lang="en"><head><title>x</title></head><body><main><h1>A</h1><h1>B</h1>'
        '<h3>Skipped</h3><img src="/x.png"><input name="q"><a href="/y"></a></main></body></html>'
    )
    problems = " | ".join(check_page(broken, "ar"))
    for expected in (
        "<html lang>",
        "<html dir>",
        "2 h1 elements",
        "no <header> landmark",
        "skips from h1 to h3",
        "img without alt",
        "unlabelled form control",
        "link without text",
        "skip link",
    ):
        assert expected in problems
