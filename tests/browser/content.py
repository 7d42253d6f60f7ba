"""Content for the browser tests, built with the shared factories (fast and deterministic)."""

import datetime

from tests.support import factories
from tests.support.translation import translate_and_publish

#: Briefs matching type=policy-notes, region=iran, year=2021: more than one listing page (20).
MATCHING = 23


def reader_content():
    """A listing with a filter combination that spans two pages, near misses on every
    filter, and one brief with a published Arabic edition. Returns a dict of the pieces."""
    factories.site_tree()
    notes = factories.publication_type("Policy Notes", "policy-notes")
    analysis = factories.publication_type("Brief Analysis", "brief-analysis")
    iran = factories.region("Iran", "iran")
    iraq = factories.region("Iraq", "iraq")
    author = factories.expert("Dana Stroul", slug="dana-stroul")
    matching = [
        factories.brief(
            f"Iran note {n:02d}",
            slug=f"iran-note-{n:02d}",
            type=notes,
            regions=[iran],
            authors=[author],
            date=datetime.date(2021, 1, 1) + datetime.timedelta(days=n),
        )
        for n in range(1, MATCHING + 1)
    ]
    misses = [
        factories.brief(
            "Wrong type", type=analysis, regions=[iran], date=datetime.date(2021, 5, 1)
        ),
        factories.brief("Wrong region", type=notes, regions=[iraq], date=datetime.date(2021, 5, 2)),
        factories.brief("Wrong year", type=notes, regions=[iran], date=datetime.date(2019, 5, 3)),
    ]
    arabic = translate_and_publish(matching[-1])
    return {"matching": matching, "misses": misses, "translated": matching[-1], "arabic": arabic}


def showcase_content():
    """A brief with every body block type a reader meets (heading, paragraph with an internal
    link and a list, quote, key points, image, table, document), two authors with photos,
    hand-picked recommended items, and Arabic editions of the brief and its first author.
    Returns a dict of the pieces."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    factories.site_tree()
    iraq = factories.region("Iraq", "iraq")
    terrorism = factories.issue("Terrorism", "terrorism")
    first = factories.expert(
        "Dana Stroul",
        slug="dana-stroul",
        photo=factories.image("dana"),
        bio="<p>Dana Stroul studies U.S. policy in the Middle East.</p>",
    )
    second = factories.expert("Michael Knights", slug="michael-knights")
    related = [
        factories.brief(f"Related brief {n}", regions=[iraq], authors=[second]) for n in (1, 2, 3)
    ]
    document = Document.objects.create(
        title="Full report", file=ContentFile(b"%PDF-1.4 report", name="report.pdf")
    )
    body = [
        ("heading", {"text": "Why the dialogue matters", "level": "2", "anchor": ""}),
        (
            "paragraph",
            f'<p>Read <a linktype="page" id="{related[0].pk}">the earlier brief</a> first.</p>'
            "<ul><li>Security of forces</li><li>Energy independence</li></ul>",
        ),
        ("quote", {"quote": "A dialogue is the place to start.", "attribution": "Joint statement"}),
        ("key_points", {"title": "Key points", "points": ["One point", "Another point"]}),
        (
            "image",
            {
                "image": factories.image("baghdad"),
                "alt_text": "The Tigris in Baghdad",
                "decorative": False,
                "caption": "Baghdad",
                "credit": "Photo: the institute",
            },
        ),
        (
            "table",
            {
                "data": [["Year", "Troops"], ["2019", "5,200"], ["2020", "3,000"]],
                "table_header_choice": "row",
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "U.S. troop levels in Iraq",
            },
        ),
        ("document", {"document": document, "title": "", "description": "The full text."}),
    ]
    brief = factories.brief(
        "The U.S.-Iraq strategic dialogue",
        slug="us-iraq-strategic-dialogue",
        authors=[first, second],
        regions=[iraq],
        issues=[terrorism],
        body=body,
        recommended=[related[1], related[2]],
        summary="What the dialogue can and cannot achieve.",
    )
    arabic_expert = translate_and_publish(first)
    arabic = translate_and_publish(brief)
    return {
        "brief": brief,
        "arabic": arabic,
        "experts": [first, second],
        "arabic_expert": arabic_expert,
        "related": related,
    }


def site_chrome():
    """The site identity with the header's sections, footer links and social accounts, in
    English and (translated in wagtail-localize) Arabic, over ``factories.site_tree()`` whose
    Arabic editions exist already (``showcase_content`` makes them)."""
    from django.test import TestCase
    from wagtail.models import Site

    from core.models import SiteIdentity
    from tests.support.translation import submit, translate_strings

    _home, experts, analysis = factories.site_tree()

    def link(key, page=None, url="", label=""):
        return {"type": "link", "id": key, "value": {"page": page, "url": url, "label": label}}

    identity = SiteIdentity.objects.create(
        site=Site.objects.get(is_default_site=True),
        locale=factories.english(),
        name="The Policy Institute",
        tagline="Independent analysis.",
        contact_email="info@example.org",
        navigation=[
            link("a", page=analysis.pk),
            link("b", page=experts.pk),
            link("c", url="#about", label="About"),
        ],
        footer_links=[link("d", url="/search/", label="Search")],
        social_links=[
            {
                "type": "social",
                "id": "e",
                "value": {"network": "x", "url": "https://x.com/example"},
            },
        ],
    )
    arabic = {"The Policy Institute": "معهد السياسات", "Independent analysis.": "تحليل مستقل.",
              "About": "من نحن", "Search": "البحث", "/search/": "/ar/search/"}  # fmt: skip
    translation = submit(identity)
    translate_strings(translation, text_for=lambda text: arabic.get(text, text))
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)
    return identity
