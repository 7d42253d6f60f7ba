"""Content for the API tests: a seed-like brief with every block type, authors,
recommended picks and an Arabic translation, with fixed slugs and dates so snapshots
are stable."""

import datetime
import json
import os
import re

import orjson
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Page

from tests.support import factories
from tests.support.paths import SNAPSHOTS
from tests.support.translation import translate_and_publish


def seed_content():
    """The seed brief, its three recommended briefs and their authors (English)."""
    factories.site_tree()
    brief_type = factories.publication_type("Brief Analysis", "brief-analysis")
    podcast = factories.publication_type("Podcast", "podcast")
    iraq = factories.region("Iraq", "iraq")
    iran = factories.region("Iran", "iran")
    terrorism = factories.issue("Terrorism", "terrorism")
    security = factories.issue("Military & Security", "military-security")

    photo = factories.image("kaltenthaler", 600, 600)
    photo.focal_point_x, photo.focal_point_y = 300, 200
    photo.focal_point_width, photo.focal_point_height = 120, 120
    photo.description = "Portrait photograph"
    photo.save()
    karl = factories.expert(
        "Karl Kaltenthaler",
        slug="karl-kaltenthaler",
        photo=photo,
        short_bio="Karl Kaltenthaler is a professor at the University of Akron.",
    )
    munqith = factories.expert(
        "Munqith Dagher",
        slug="munqith-dagher",
        short_bio="Munqith Dagher is director of the MENA region for Gallup International.",
    )
    farzin = factories.expert("Farzin Nadimi", slug="farzin-nadimi")

    rockets = factories.brief(
        "Iran Takes Next Steps on Rocket Technology",
        slug="iran-takes-next-steps-rocket-technology",
        date=datetime.date(2020, 2, 11),
        regions=[iran],
        issues=[security],
        authors=[farzin],
    )
    wahhabism = factories.brief(
        "Saudi Arabia Adjusts Its History",
        slug="saudi-arabia-adjusts-its-history",
        date=datetime.date(2020, 2, 7),
        regions=[iraq],
        issues=[terrorism],
    )
    golden_rule = factories.brief(
        "Podcast: Breaking Hezbollah's Golden Rule",
        slug="podcast-breaking-hezbollahs-golden-rule",
        date=datetime.date(2020, 1, 23),
        type=podcast,
        issues=[terrorism],
    )
    hero = factories.image("baghdad", 1200, 800, color=(40, 80, 120))
    report = Document.objects.create(
        title="Full report (PDF)", file=ContentFile(b"%PDF-1.4 report", name="dialogue-report.pdf")
    )
    Embed.objects.create(
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        max_width=None,
        type="video",
        html='<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
        provider_name="YouTube",
        title="Panel",
        thumbnail_url="",
        width=480,
        height=270,
        last_updated=datetime.datetime(2020, 5, 1, tzinfo=datetime.UTC),
        hash="seed-embed",
    )
    body = [
        ("heading", {"text": "U.S. Interests in Iraq", "level": "2", "anchor": ""}),
        (
            "paragraph",
            f'<p>The dialogue follows <a linktype="page" id="{rockets.pk}">rocket tests</a> '
            f'and the <a linktype="document" id="{report.pk}">full report</a>; see '
            '<a href="https://example.org/source">the source</a>.</p>',
        ),
        (
            "quote",
            {
                "quote": "A strategic dialogue is the place to start.",
                "attribution": "Joint statement",
            },
        ),
        (
            "key_points",
            {
                "title": "Key points",
                "points": ["Security of U.S. forces", "Energy independence"],
                "text": "<p>In short.</p>",
            },
        ),
        (
            "image",
            {
                "image": hero,
                "alt_text": "Baghdad skyline",
                "decorative": False,
                "caption": "Baghdad",
                "credit": "Photo: Institute",
            },
        ),
        (
            "embed",
            {
                "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "title": "Panel discussion",
                "caption": "",
            },
        ),
        ("document", {"document": report, "title": "", "description": "The full text."}),
        (
            "table",
            {
                "data": [["Year", "Troops"], ["2019", "5,200"], ["2020", "3,000"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "U.S. troop levels",
            },
        ),
    ]
    seed = factories.brief(
        "A U.S.-Iraq Strategic Dialogue: A Question of Interests and Expectations",
        slug="us-iraq-strategic-dialogue",
        date=datetime.date(2020, 5, 14),
        type=brief_type,
        regions=[iraq],
        issues=[terrorism, security],
        authors=[karl, munqith],
        body=body,
        recommended=[rockets, wahhabism, golden_rule],
        subtitle="A question of interests",
        hero_image=hero,
        hero_caption="Baghdad at dusk",
        hero_credit="Institute",
    )
    seed.tags.add("iraq-dialogue")
    seed.save_revision().publish()
    return {
        "seed": seed,
        "recommended": [rockets, wahhabism, golden_rule],
        "experts": [karl, munqith, farzin],
    }


def translate(page):
    """The live Arabic edition of ``page`` (through wagtail-localize, as the admin does)."""
    return translate_and_publish(page)


# --- snapshots ---------------------------------------------------------------------------

_VOLATILE_KEYS = {"first_published_at", "last_published_at"}
_MEDIA = re.compile(r"/media/(images|documents|original_images)/[^\"]+")
_DOCUMENT_URL = re.compile(r"/documents/\d+/[^\"]+")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _reference(obj):
    """What the ``id`` of an API object refers to, stable across runs: a page by its path and
    language, an image by its title; a body block's id (a fresh UUID) by its shape only."""
    pk = obj["id"]
    if "renditions" in obj:
        title = get_image_model().objects.filter(pk=pk).values_list("title", flat=True).first()
        return f"image:{title}" if title is not None else f"<missing image {pk}>"
    if "type" in obj and "value" in obj:
        return "<block-uuid>" if _UUID.match(str(pk)) else f"<malformed block id {pk!r}>"
    row = Page.objects.filter(pk=pk).values_list("url_path", "locale__language_code").first()
    return f"page:{row[1]}:{row[0]}" if row is not None else f"<missing page {pk}>"


def normalize(data):
    """Ids become what they refer to (see _reference); timestamps and generated file names,
    which differ between runs, become placeholders."""

    def walk(value, key=None):
        if isinstance(value, dict):
            return {
                k: _reference(value) if k == "id" and isinstance(v, int | str) else walk(v, k)
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [walk(v) for v in value]
        if key in _VOLATILE_KEYS and value is not None:
            return f"<{key}>"
        if isinstance(value, str):
            value = _MEDIA.sub(lambda m: f"/media/{m.group(1)}/<file>", value)
            value = _DOCUMENT_URL.sub("/documents/<id>/<file>", value)
            value = re.sub(r"/pdf/\d+/$", "/pdf/<id>/", value)
            value = re.sub(r"([?&](?:offset|page)=)\d+", r"\1<n>", value)
        return value

    return walk(data)


def assert_snapshot(name, data):
    """Compare ``data`` (normalized) with tests/snapshots/<name>.json; with the environment
    variable UPDATE_SNAPSHOTS=1 the file is (re)written instead."""
    path = SNAPSHOTS / f"{name}.json"
    text = json.dumps(normalize(data), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text)
    assert path.exists(), f"No snapshot {path}: run the test with UPDATE_SNAPSHOTS=1 to write it."
    expected = path.read_text()
    assert text == expected, (
        f"{name} differs from {path}; if the change is intended, run with UPDATE_SNAPSHOTS=1.\n"
        + _diff(expected, text)
    )


def _diff(expected, actual):
    import difflib

    return "".join(
        difflib.unified_diff(
            expected.splitlines(True), actual.splitlines(True), "snapshot", "actual", n=2
        )
    )[:4000]


def get_json(client, url, **headers):
    response = client.get(url, **headers)
    assert response["Content-Type"] == "application/json", response.content[:300]
    return response, orjson.loads(response.content)
