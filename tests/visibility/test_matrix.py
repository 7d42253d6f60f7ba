"""Every public surface against every state readers must not see: zero leaks.

``SURFACES`` lists, for each URL pattern of the project, the requests that exercise it on
the site of ``tests.visibility.world`` (a page in every hidden state, linked from every
place an editor can link from). ``EXCLUDED`` lists the patterns that show no page content,
each with its reason. ``test_every_url_pattern_is_in_the_matrix`` fails when a URL pattern
is added without joining one of the two, so a new surface cannot ship unchecked.

A leak is a hidden page's title, slug or public path in a response body, its id in a JSON
response (an ``id`` value or a chooser value), or Wagtail's stored ``linktype`` markup.
"""

import io
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from pypdf import PdfReader
from wagtail.models import Page

from tests.visibility.world import (
    BRIEF_STATES,
    CHAPTER_STATES,
    EPISODE_STATES,
    EXPERT_STATES,
    MEDIA_STATES,
    SECTION,
    build_world,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Surface:
    """One request on a surface: ``path(world)`` gives the URL; ``status`` is the answer
    expected (after redirects when ``follow``)."""

    name: str
    path: object
    status: int = 200
    follow: bool = False


def _by_path(path):
    return lambda w: f"/api/v1/pages/by-path/?path={path(w) if callable(path) else path}"


PAGE_ROUTE = r"^((?:[\w\-]+/)*)$"

SURFACES = {
    PAGE_ROUTE: [
        Surface("home page", lambda w: "/"),
        Surface("analysis listing", lambda w: "/policy-analysis/"),
        Surface("listing filtered by region", lambda w: "/policy-analysis/?region=iraq"),
        Surface("listing filtered by expert", lambda w: "/policy-analysis/?expert=visible-expert"),
        Surface("listing searched", lambda w: "/policy-analysis/?q=brief"),
        Surface("region landing page", lambda w: "/policy-analysis/iraq/"),
        Surface("issue landing page", lambda w: "/policy-analysis/terrorism/"),
        Surface("series page", lambda w: "/policy-analysis/series/spotlight/"),
        Surface("listing filtered by series", lambda w: "/policy-analysis/?series=spotlight"),
        Surface("brief with hidden links, authors, picks", lambda w: w.public.url),
        Surface("second brief (auto Recommended)", lambda w: w.second.url),
        Surface("chapter of the brief (previous/next)", lambda w: w.chapter.url),
        Surface("expert index", lambda w: "/experts/"),
        Surface("expert page with publications", lambda w: w.expert.url),
        Surface("Arabic home page", lambda w: "/ar/"),
        Surface("Arabic analysis listing", lambda w: "/ar/policy-analysis/"),
        Surface("Arabic landing page", lambda w: "/ar/policy-analysis/iraq/"),
        Surface("events listing", lambda w: "/events/"),
        Surface("events by expert", lambda w: "/events/?expert=visible-expert"),
        Surface("events by region", lambda w: "/events/?region=iraq"),
        Surface("event with hidden speakers, links, picks", lambda w: w.event.url),
        Surface("event calendar file", lambda w: w.event.url + "ical/"),
        Surface("upcoming events calendar feed", lambda w: "/events/ical/"),
        Surface("Arabic series page", lambda w: "/ar/policy-analysis/series/spotlight/"),
        Surface("region hub filtered", lambda w: "/policy-analysis/iraq/?type=brief-analysis"),
        Surface("programs index", lambda w: "/programs/"),
        Surface("program with hidden people and picks", lambda w: "/programs/public-program/"),
        Surface("podcast show page", lambda w: w.show.url),
        Surface("podcast feed", lambda w: w.show.url + "feed/"),
        Surface("episode with hidden guests, links, picks", lambda w: w.episode.url),
        Surface("video with hidden speakers, links, picks", lambda w: w.video.url),
        Surface("listing of podcasts", lambda w: "/policy-analysis/?type=podcast"),
        Surface("listing of videos", lambda w: "/policy-analysis/?type=video"),
    ],
    "sitemap.xml": [Surface("sitemap index", lambda w: "/sitemap.xml")],
    "sitemap-<section>.xml": [
        Surface("English sitemap", lambda w: "/sitemap-en.xml"),
        Surface("Arabic sitemap", lambda w: "/sitemap-ar.xml"),
    ],
    "robots.txt": [Surface("robots.txt", lambda w: "/robots.txt")],
    "cite/<int:page_id>.bib": [
        Surface("BibTeX of a brief", lambda w: f"/cite/{w.public.pk}.bib"),
        *[
            Surface(
                f"BibTeX of a {state} brief", lambda w, s=state: f"/cite/{w.hidden[s].pk}.bib", 404
            )
            for state in ("draft", "password", "expired", "arabic_draft")
        ],
    ],
    "cite/<int:page_id>.ris": [
        Surface("RIS of a brief", lambda w: f"/cite/{w.public.pk}.ris"),
        Surface("RIS of a private brief", lambda w: f"/cite/{w.hidden['login'].pk}.ris", 404),
    ],
    "search/": [
        Surface("search", lambda w: "/search/?q=brief"),
        Surface("search of hidden words", lambda w: "/search/?q=hidden"),
        Surface("search of chapters", lambda w: "/search/?q=chapter"),
        Surface("search by expert", lambda w: "/search/?q=brief&expert=visible-expert"),
        Surface("Arabic search", lambda w: "/ar/search/?q=brief"),
        Surface("browse without words", lambda w: "/search/"),
    ],
    "feeds/analysis.rss": [
        Surface("RSS feed", lambda w: "/feeds/analysis.rss"),
        Surface("RSS feed by region", lambda w: "/feeds/analysis.rss?region=iraq"),
        Surface("Arabic RSS feed", lambda w: "/ar/feeds/analysis.rss"),
    ],
    "feeds/analysis.atom": [
        Surface("Atom feed", lambda w: "/feeds/analysis.atom"),
        Surface("Atom feed by expert", lambda w: "/feeds/analysis.atom?expert=visible-expert"),
    ],
    "pdf/<int:page_id>/": [
        Surface("PDF of the brief with hidden links and authors", lambda w: f"/pdf/{w.public.pk}/"),
        Surface("PDF of a draft", lambda w: f"/pdf/{w.hidden['draft'].pk}/", status=404),
        Surface("PDF of a private brief", lambda w: f"/pdf/{w.hidden['login'].pk}/", status=404),
    ],
    "api/v1/": [Surface("v1 root", lambda w: "/api/v1/", status=404)],
    "api/v1/openapi.json": [Surface("v1 OpenAPI document", lambda w: "/api/v1/openapi.json")],
    "api/v1/docs": [Surface("v1 docs", lambda w: "/api/v1/docs")],
    "api/v1/analysis/": [
        Surface("v1 listing", lambda w: "/api/v1/analysis/?limit=100"),
        Surface("v1 Arabic listing", lambda w: "/api/v1/analysis/?locale=ar&limit=100"),
        Surface("v1 listing by region", lambda w: "/api/v1/analysis/?region=iraq&limit=100"),
        Surface("v1 listing by series", lambda w: "/api/v1/analysis/?series=spotlight&limit=100"),
        Surface("v1 listing by expert", lambda w: "/api/v1/analysis/?expert=visible-expert"),
        Surface("v1 listing by keyword", lambda w: "/api/v1/analysis/?tag=open-keyword"),
        Surface("v1 listing searched", lambda w: "/api/v1/analysis/?q=brief&limit=100"),
        Surface("v1 listing searched for chapters", lambda w: "/api/v1/analysis/?q=chapter"),
        Surface("v1 listing by title", lambda w: "/api/v1/analysis/?ordering=title&limit=100"),
    ],
    "api/v1/analysis/<id>/": [
        Surface("v1 brief detail", lambda w: f"/api/v1/analysis/{w.public.pk}/"),
        Surface("v1 second brief detail", lambda w: f"/api/v1/analysis/{w.second.pk}/"),
        Surface("v1 episode detail", lambda w: f"/api/v1/analysis/{w.episode.pk}/"),
        Surface("v1 video detail", lambda w: f"/api/v1/analysis/{w.video.pk}/"),
    ],
    "api/v1/pages/by-path/": [
        Surface("v1 brief by path", _by_path(lambda w: w.public.url)),
        Surface("v1 chapter by path", _by_path(lambda w: w.chapter.url)),
        Surface("v1 home by path", _by_path("/")),
        Surface("v1 listing page by path", _by_path("/policy-analysis/")),
        Surface("v1 expert index by path", _by_path("/experts/")),
        Surface("v1 expert by path", _by_path(lambda w: w.expert.url)),
        Surface("v1 event by path", _by_path(lambda w: w.event.url)),
        Surface("v1 episode by path", _by_path(lambda w: w.episode.url)),
        Surface("v1 podcast show by path", _by_path(lambda w: w.show.url)),
        Surface("v1 events index by path", _by_path("/events/")),
        Surface("v1 Arabic home by path", _by_path("/ar/")),
        Surface("v1 Arabic listing page by path", _by_path("/ar/policy-analysis/")),
    ],
    "api/v1/events/": [
        Surface("v1 upcoming events", lambda w: "/api/v1/events/?limit=100"),
        Surface("v1 past events", lambda w: "/api/v1/events/?when=past&limit=100"),
        Surface("v1 events by expert", lambda w: "/api/v1/events/?expert=visible-expert"),
    ],
    "api/v1/events/<id>/": [
        Surface("v1 event detail", lambda w: f"/api/v1/events/{w.event.pk}/"),
    ],
    "api/v1/experts/": [
        Surface("v1 experts", lambda w: "/api/v1/experts/?limit=100"),
        Surface("v1 Arabic experts", lambda w: "/api/v1/experts/?locale=ar&limit=100"),
        Surface("v1 experts by region", lambda w: "/api/v1/experts/?region=iraq"),
    ],
    "api/v1/experts/<id>/": [
        Surface("v1 expert with publications", lambda w: f"/api/v1/experts/{w.expert.pk}/"),
    ],
    "api/v1/taxonomy/": [
        Surface("v1 taxonomy", lambda w: "/api/v1/taxonomy/"),
        Surface("v1 Arabic taxonomy", lambda w: "/api/v1/taxonomy/?locale=ar"),
    ],
    "api/v1/series/<slug>/": [
        Surface("v1 series with contributors", lambda w: "/api/v1/series/spotlight/"),
        Surface("v1 Arabic series", lambda w: "/api/v1/series/spotlight/?locale=ar"),
    ],
    "api/v2/^pages/": [
        *[
            Surface(
                f"v2 pages {offset}-", lambda w, o=offset: f"/api/v2/pages/?fields=*&offset={o}"
            )
            for offset in range(0, 100, 20)
        ],
        Surface("v2 chapters", lambda w: "/api/v2/pages/?type=policyanalysis.ChapterPage&fields=*"),
        Surface("v2 search of chapters", lambda w: "/api/v2/pages/?search=chapter&fields=*"),
        Surface(
            "v2 descendants of the index",
            lambda w: f"/api/v2/pages/?descendant_of={w.analysis.pk}&fields=*",
        ),
        Surface("v2 briefs", lambda w: "/api/v2/pages/?type=policyanalysis.BriefPage&fields=*"),
        Surface("v2 experts", lambda w: "/api/v2/pages/?type=experts.ExpertPage&fields=*"),
        Surface("v2 home pages", lambda w: "/api/v2/pages/?type=home.HomePage&fields=*"),
        Surface("v2 search", lambda w: "/api/v2/pages/?search=hidden&fields=*"),
        Surface("v2 children of the index", lambda w: f"/api/v2/pages/?child_of={w.analysis.pk}"),
        Surface("v2 Arabic pages", lambda w: "/api/v2/pages/?locale=ar&fields=*"),
        Surface("v2 translations", lambda w: f"/api/v2/pages/?translation_of={w.public.pk}"),
    ],
    "api/v2/^pages/<int:pk>/": [
        Surface("v2 brief", lambda w: f"/api/v2/pages/{w.public.pk}/"),
        Surface("v2 home", lambda w: f"/api/v2/pages/{w.home.pk}/"),
        Surface("v2 analysis index", lambda w: f"/api/v2/pages/{w.analysis.pk}/"),
        Surface("v2 expert", lambda w: f"/api/v2/pages/{w.expert.pk}/"),
    ],
    "api/v2/^pages/find/": [
        Surface(
            "v2 find by path",
            lambda w: f"/api/v2/pages/find/?html_path={w.public.url}",
            follow=True,
        ),
        Surface("v2 find by id", lambda w: f"/api/v2/pages/find/?id={w.home.pk}", follow=True),
    ],
    "api/v2/^images/": [Surface("v2 images", lambda w: "/api/v2/images/?fields=*")],
    "api/v2/^images/<int:pk>/": [
        Surface("v2 image", lambda w: f"/api/v2/images/{w.public.hero_image_id}/"),
    ],
    "api/v2/^images/find/": [
        Surface(
            "v2 find image",
            lambda w: f"/api/v2/images/find/?id={w.public.hero_image_id}",
            follow=True,
        ),
    ],
    "api/v2/^documents/": [Surface("v2 documents", lambda w: "/api/v2/documents/?fields=*")],
    "api/v2/^documents/<int:pk>/": [
        Surface("v2 document", lambda w: f"/api/v2/documents/{w.report.pk}/"),
    ],
    "api/v2/^documents/find/": [
        Surface(
            "v2 find document", lambda w: f"/api/v2/documents/find/?id={w.report.pk}", follow=True
        ),
    ],
    r"^api/(?P<rest>.*)$": [Surface("unknown API path", lambda w: "/api/v3/pages/", status=404)],
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": [
        Surface(
            "password form of a private page",
            lambda w: (
                "/_util/authenticate_with_password/"
                f"{w.restrictions['password'].pk}/{w.hidden['password'].pk}/"
            ),
        ),
    ],
    "_util/login/": [Surface("readers' login form", lambda w: "/_util/login/")],
    "audio-video/<int:pk>/<str:filename>": [
        Surface("the public episode's audio", lambda w: w.episode.audio.url),
        Surface("the public video's file", lambda w: w.video.video.url),
        *[
            Surface(f"the file of the {state}", lambda w, s=state: w.media_urls[s], 404)
            for state in MEDIA_STATES
        ],
    ],
    "audio-video/<int:pk>/captions/<str:filename>": [
        Surface("the public episode's captions", lambda w: w.episode.audio.captions_url),
        *[
            Surface(f"the captions of the {state}", lambda w, s=state: w.caption_urls[s], 404)
            for state in EPISODE_STATES
        ],
    ],
}

EXCLUDED = {
    "newsletter/": "the newsletter's sign-up form: no page content (tests/newsletter)",
    "newsletter/confirm/<str:token>/": "confirms a newsletter address named by a signed token: "
    "no page content (tests/newsletter)",
    "newsletter/unsubscribe/<str:token>/": "unsubscribes an address named by a signed token: "
    "no page content (tests/newsletter)",
    "api/v1/preview/": "shows a draft only with a signed, expiring, revocable token the admin "
    "issues to its editor; that is its purpose (tests/test_api_visibility.py covers the token)",
    r"documents/^(\d+)/(.*)$": "serves a document's file: documents are not pages (their "
    "collection's view restrictions are Wagtail's own)",
    "documents/authenticate_with_password/<int:restriction_id>/": "the password form of a "
    "document collection: no page content",
    "health/": "the load balancers' probe: component statuses only, no content "
    "(tests/deployment/test_health.py asserts its whole answer)",
}
#: Every pattern under these prefixes is excluded, for the reason given.
EXCLUDED_PREFIXES = {"admin/": "Wagtail's admin: every view requires a logged-in editor"}


def url_patterns(patterns=None, prefix=""):
    """The project's URL patterns as route strings (``api/v1/analysis/<id>/``)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def test_every_url_pattern_is_in_the_matrix():
    routes = set(url_patterns())
    unlisted = sorted(
        route
        for route in routes
        if route not in SURFACES
        and route not in EXCLUDED
        and not route.startswith(tuple(EXCLUDED_PREFIXES))
    )
    assert unlisted == [], "add these URL patterns to SURFACES (or EXCLUDED, with a reason)"
    assert sorted((set(SURFACES) | set(EXCLUDED)) - routes) == []


def _is_page_type(label):
    try:
        return issubclass(apps.get_model(label), Page)
    except (LookupError, ValueError):
        return False


def json_ids(data):
    """Page ids in a JSON payload: the ``id`` of every object that is a page (v2 says so in
    ``meta.type``; /api/v1/ objects with an id are pages) and every number in a list
    (chooser values)."""
    found = set()
    if isinstance(data, dict):
        meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
        is_page = "type" not in meta or _is_page_type(meta["type"])
        if is_page and isinstance(data.get("id"), int):
            found.add(data["id"])
        for value in data.values():
            found |= json_ids(value)
    elif isinstance(data, list):
        for value in data:
            is_number = isinstance(value, int) and not isinstance(value, bool)
            found |= {value} if is_number else json_ids(value)
    return found


def response_text(response):
    """What a reader can read in the response: the body, or a PDF's extracted text."""
    if response["Content-Type"].startswith("text/vtt"):
        return b"".join(response.streaming_content).decode()
    if response["Content-Type"].startswith(("audio/", "video/")):
        b"".join(response.streaming_content)  # the file itself: nothing a reader reads
        return ""
    if response["Content-Type"] == "application/pdf":
        reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
        return " ".join(page.extract_text() for page in reader.pages)
    return response.content.decode()


def leaks_in(response, world):
    """[(state, what)] the response shows of hidden pages."""
    body = response_text(response)
    leaks = [(state, marker) for state, marker in world.all_markers() if marker in body]
    if "linktype" in body:
        leaks.append(("?", "linktype markup"))
    if response["Content-Type"].startswith("application/json"):
        hidden_ids = {page.pk: state for state, page in world.hidden.items()}
        leaks += [
            (hidden_ids[pk], f"id {pk}") for pk in json_ids(response.json()) if pk in hidden_ids
        ]
    return leaks


def test_no_surface_shows_a_hidden_page(client, tree):
    world = build_world()
    checked, problems = 0, []
    for surfaces in SURFACES.values():
        for surface in surfaces:
            url = surface.path(world)
            response = client.get(url, follow=surface.follow)
            checked += 1
            if response.status_code != surface.status:
                problems.append(f"{surface.name} {url}: status {response.status_code}")
            for state, what in leaks_in(response, world):
                problems.append(f"{surface.name} {url}: {state} ({what})")
    assert checked == sum(len(surfaces) for surfaces in SURFACES.values())
    assert problems == [], "\n".join(problems)


def test_the_positive_controls_are_visible(client, tree):
    """What the matrix hides is only what must be hidden: the visible expert, the public
    briefs, the link to a visible page and the document link all show."""
    world = build_world()
    html = client.get(world.public.url).content.decode()
    assert '<a href="/experts/visible-expert/">visible link</a>' in html
    assert "<a>link to draft</a>" in html
    assert "Second Public Brief" in html  # Recommended, filled up
    listing = client.get("/policy-analysis/").content.decode()
    assert '<option value="visible-expert">Visible Expert</option>' in listing
    response = client.get("/api/v1/analysis/?limit=100")
    assert sorted(item["title"] for item in response.json()["items"]) == [
        "Public Brief",
        "Public Episode",
        "Public Video",
        "Second Public Brief",
    ]
    feed = client.get(world.show.url + "feed/").content.decode()
    assert "Public Episode" in feed and world.episode.audio.url in feed
    sitemap = client.get("/sitemap-en.xml").content.decode()
    assert world.public.full_url in sitemap


#: What an anonymous reader gets when opening a hidden page's own address.
DIRECT_STATUS = {
    "draft": 404,
    "unpublished": 404,
    "login": 302,  # Wagtail's login redirect for a login-restricted page
    "password": 200,  # Wagtail's password form (without the page's content)
    "group": 302,
    "members_section": 302,
    "group_ancestor": 302,
    "scheduled": 404,
    "expired": 404,
    "arabic_draft": 404,
    "draft_chapter": 404,
    # A live chapter of a hidden report: refused like its report (a private report's
    # restriction covers its chapters: the login redirect or the password form).
    "chapter_of_draft": 404,
    "chapter_of_unpublished": 404,
    "chapter_of_login": 302,
    "chapter_of_password": 200,
    "chapter_of_group": 302,
    "chapter_of_group_ancestor": 302,
    "chapter_of_scheduled": 404,
    "chapter_of_expired": 404,
    "chapter_of_arabic_draft": 404,
    "draft_expert": 404,
    "login_expert": 302,
    "expired_expert": 404,
    "draft_episode": 404,
    "login_episode": 302,
    "expired_episode": 404,
    "draft_video": 404,
}


def test_every_hidden_state_is_in_the_tables():
    assert set(DIRECT_STATUS) == {
        *BRIEF_STATES,
        *CHAPTER_STATES,
        *EXPERT_STATES,
        *MEDIA_STATES,
        SECTION,
    }


def test_hidden_pages_cannot_be_opened_by_address_id_or_path(client, tree):
    world = build_world()
    problems = []
    for state, page in world.hidden.items():
        path = page.get_url()
        response = client.get(path)
        if response.status_code != DIRECT_STATUS[state]:
            problems.append(f"{state} {path}: HTML status {response.status_code}")
        # The page's own address may appear (a login redirect, the password form's return
        # address); its name may not.
        names = {page.title, page.draft_title} - {world.public.title}
        shown = sorted(name for name in names if name in response.content.decode())
        if shown:
            problems.append(f"{state} {path}: {shown} in the HTML")
        endpoint = "experts" if state in EXPERT_STATES else "analysis"
        for url in (
            f"/api/v1/{endpoint}/{page.pk}/",
            f"/api/v1/pages/by-path/?path={path}",
            f"/api/v2/pages/{page.pk}/",
            f"/api/v2/pages/find/?id={page.pk}",
            f"/api/v2/pages/find/?html_path={path}",
        ):
            status = client.get(url).status_code
            if status != 404:
                problems.append(f"{state} {url}: status {status}")
    assert problems == [], "\n".join(problems)
