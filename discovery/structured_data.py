"""Schema.org JSON-LD for every public page, built from what the page already holds.

- every page: the publisher ``Organization`` (name, URL, logo) and a ``BreadcrumbList``
  of its visible ancestors from the home page down;
- the home page: ``WebSite`` with a ``SearchAction`` into the site search;
- a brief: ``Article``, ``Report`` or ``ScholarlyArticle`` (by publication type) with
  headline, description, dates, language, image, ``author`` (Person list in byline order,
  with their profile URL and ``sameAs`` links), ``publisher``, ``about`` (regions and
  issues) and the relation between editions: ``workTranslation`` on the original,
  ``translationOfWork`` on a translation;
- an expert: ``Person`` (name, job title, description, image, ``sameAs``, ``worksFor``).

The JSON is embedded as ``<script type="application/ld+json">``: a data block, which
browsers never execute, so the Content-Security-Policy (no inline scripts) does not apply
to it; ``<``, ``>`` and ``&`` are escaped so the text cannot close the element.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Site

from core.localization import language_code_for
from core.renditions import get_rendition
from core.templatetags.core_tags import OG_IMAGE_SPEC, alternate_links
from core.visibility import visible
from experts.models import ExpertLink, ExpertPage
from policyanalysis.models import BriefPage

SCHEMA = "https://schema.org"
#: Schema.org type of a brief by words in its publication type's slug (first match wins).
ARTICLE_TYPES = (
    ("report", "Report"),
    ("paper", "ScholarlyArticle"),
    ("journal", "ScholarlyArticle"),
)
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def _absolute(request, url):
    if not url or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url) if request is not None else url


def organization(request, site):
    """The publisher: the site's name, home URL and logo."""
    home = _absolute(request, "/")
    return {
        "@type": "Organization",
        "@id": f"{home}#organization",
        "name": (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", ""),
        "url": home,
        "logo": {"@type": "ImageObject", "url": _absolute(request, static("img/favicon.svg"))},
    }


def breadcrumbs(page, request):
    """BreadcrumbList of the visible ancestors below the tree's root, and the page."""
    routed = getattr(page, "routed_ancestors", lambda: None)()
    if routed is not None:  # read by the router, with whether readers see each: no query
        ancestors = [ancestor for ancestor in routed if ancestor.readers_see]
    else:
        ancestors = list(visible(page.get_ancestors().filter(depth__gt=1)).order_by("depth"))
    trail = [*ancestors, page]
    if len(trail) < 2:
        return None
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": _absolute(request, crumb.get_url(request=request)),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def _image(image, request):
    if image is None:
        return None
    rendition = get_rendition(image, OG_IMAGE_SPEC)
    return _absolute(request, rendition.url) if rendition else None


def _same_as(experts):
    """{expert id: [URLs of their public profiles elsewhere]} (e-mail left out), one query."""
    links = {expert.pk: [] for expert in experts}
    rows = (
        ExpertLink.objects.filter(page_id__in=links)
        .exclude(kind="email")
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "url")
    )
    for page_id, url in rows:
        links[page_id].append(url)
    return links


def article_type(brief):
    slug = brief.publication_type_slug
    for word, schema_type in ARTICLE_TYPES:
        if word in slug:
            return schema_type
    return "Article"


def brief_data(brief, context, publisher):
    """The brief as an Article/Report/ScholarlyArticle."""
    request = context.get("request")
    rows = context.get("authors")
    if rows is None:
        rows = brief.get_authors()
    people = [row.person for row in rows]
    same_as = _same_as(people)
    language = language_code_for(brief.locale_id)
    url = _absolute(request, brief.get_url(request=request))
    kind = article_type(brief)
    data = {
        "@type": kind,
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": brief.title,
        "inLanguage": language,
        "publisher": publisher,
        "author": [
            {
                "@type": "Person",
                "name": person.title,
                "url": _absolute(request, person.get_url(request=request)),
                **({"sameAs": same_as[person.pk]} if same_as[person.pk] else {}),
            }
            for person in people
        ],
    }
    if not people and brief.byline:
        data["author"] = [{"@type": "Organization", "name": brief.byline}]
    if brief.subtitle:
        data["alternativeHeadline"] = brief.subtitle
    if brief.summary:
        data["description"] = brief.summary
    if brief.date:
        data["datePublished"] = brief.date.isoformat()
    if brief.doi:
        # schema.org's way to give a DOI: a PropertyValue identifier, and the resolver URL.
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": brief.doi}
        data["sameAs"] = f"https://doi.org/{brief.doi}"
    if brief.last_published_at:
        data["dateModified"] = brief.last_published_at.isoformat()
    image = _image(brief.hero_image, request)
    if image:
        data["image"] = image
    taxonomy = context.get("taxonomy") or {}
    about = [term.name for term in [*taxonomy.get("regions", []), *taxonomy.get("issues", [])]]
    if about:
        data["about"] = [{"@type": "Thing", "name": name} for name in about]
    if taxonomy.get("type"):
        data["genre"] = taxonomy["type"].name
    editions = [
        {"@type": kind, "url": other_url, "inLanguage": code}
        for code, other_url in alternate_links(brief, request)
        if code != "x-default" and other_url != url
    ]
    original = brief.locale.language_code == settings.LANGUAGE_CODE
    if editions and original:
        data["workTranslation"] = editions
    elif editions:
        originals = [e for e in editions if e["inLanguage"] == settings.LANGUAGE_CODE]
        data["translationOfWork"] = (originals or editions)[0]
    return data


def expert_data(expert, request, publisher, links=None):
    """The expert as a Person (``links``: the profile's ExpertLink rows, when the view has
    them)."""
    url = _absolute(request, expert.get_url(request=request))
    data = {
        "@type": "Person",
        "@id": url,
        "name": expert.title,
        "url": url,
        "worksFor": publisher,
    }
    if expert.position:
        data["jobTitle"] = expert.position
    if expert.short_bio:
        data["description"] = expert.short_bio
    image = _image(expert.photo, request)
    if image:
        data["image"] = image
    if links is not None:  # the page's links, as its view read them: no query
        same_as = [link.url for link in links if link.kind != "email"]
    else:
        same_as = _same_as([expert])[expert.pk]
    if same_as:
        data["sameAs"] = same_as
    return data


def website_data(request, site_name, language, publisher):
    """The site with its search, for the home page."""
    home = _absolute(request, "/")
    data = {
        "@type": "WebSite",
        "@id": f"{home}#website",
        "url": home,
        "name": site_name,
        "inLanguage": language,
        "publisher": {"@id": publisher["@id"]},
    }
    try:
        search = _absolute(request, reverse("discovery_search"))
    except NoReverseMatch:
        return data
    data["potentialAction"] = {
        "@type": "SearchAction",
        "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
        "query-input": "required name=search_term_string",
    }
    return data


def graph(context):
    """The JSON-LD objects of the page in ``context`` (a list)."""
    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request) if request is not None else None
    publisher = organization(request, site)
    items = [publisher]
    if not isinstance(page, Page):
        return items
    page = page.specific if type(page) is Page else page
    if site is not None and page.translation_key == site.root_page.translation_key:
        language = language_code_for(page.locale_id)
        items.append(website_data(request, publisher["name"], language, publisher))
        return items
    crumbs = breadcrumbs(page, request)
    if crumbs:
        items.append(crumbs)
    if isinstance(page, BriefPage):
        items.append(brief_data(page, context, {"@id": publisher["@id"], **publisher}))
    elif isinstance(page, ExpertPage):
        items.append(expert_data(page, request, {"@id": publisher["@id"]}, context.get("links")))
    return items


def structured_data(context):
    """The page's JSON-LD document, as text safe inside <script>."""
    document = {"@context": SCHEMA, "@graph": graph(context)}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
