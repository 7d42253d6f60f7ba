"""Template tags for the public site: language editions, SEO tags, navigation, pagination.

Everything here works on any Wagtail page (duck-typed where a page type adds something,
e.g. a hero image or a publication date), so the tags stay in the lowest layer.
"""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, F, Q, Value, When
from django.template.defaultfilters import filesizeformat
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import to_locale
from wagtail import hooks
from wagtail.models import Locale, Page, Site

from core import rendering
from core.localization import active_locale, live_translations
from core.models import SiteIdentity
from core.models.site_identity import SOCIAL_NETWORKS
from core.renditions import get_rendition
from core.versioned import per_content_version
from core.visibility import visible, visible_q

register = template.Library()

#: Hook through which an app that owns listing pages gives a taxonomy term's public URL
#: in a locale: ``fn(term, locale, request) -> str | None`` (policyanalysis registers it).
TERM_URL_HOOK = "core_term_url"

#: Hooks through which an app higher up adds to every public page without this layer
#: knowing it: ``fn(context) -> str`` (HTML, escaped by the app), rendered by
#: ``{% public_hook "head" %}`` (inside <head>), ``"header"`` (the site header) and
#: ``"page_tools"`` (beside a page's title, on pages that offer reader tools).
PUBLIC_HOOK_PREFIX = "core_public_"

#: Language names as the site writes them in their own language, where Django's differ
#: (Django spells Arabic with a shadda, العربيّة; Arabic sites write العربية). A project can
#: extend or override this with the CORE_LANGUAGE_NAMES_LOCAL setting.
LANGUAGE_NAMES_LOCAL = {"ar": "العربية"}

#: Renditions offered for social previews (OpenGraph recommends 1200x630).
OG_IMAGE_SPEC = "fill-1200x630"


def _request(context):
    return context.get("request")


def _editions(page):
    """Live, public editions of ``page`` in other languages (cached on the page object, so
    the header, <head> and "Also available in" share one query)."""
    if not hasattr(page, "_core_live_translations"):
        page._core_live_translations = live_translations(page) if page.pk else []
    return page._core_live_translations


def _route_suffix(page, request):
    """What the request path adds after the page's own URL (e.g. a landing page's term
    slug), so alternate-language links point at the same view in the other edition."""
    if request is None:
        return ""
    own = page.get_url(request=request) or ""
    if own and request.path.startswith(own):
        return request.path[len(own) :]
    return ""


def _absolute(url, request, page):
    if url.startswith(("http://", "https://")):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    site = page.get_site()
    return f"{site.root_url}{url}" if site else url


def language_name_local(code):
    """The name of language ``code`` in that language."""
    names = {**LANGUAGE_NAMES_LOCAL, **getattr(settings, "CORE_LANGUAGE_NAMES_LOCAL", {})}
    return names.get(code) or translation.get_language_info(code)["name_local"]


def _page_language(page):
    return getattr(page, "language_code", None) or page.locale.language_code


@register.inclusion_tag("core/includes/also_available.html", takes_context=True)
def also_available(context, page):
    """Links for "Also available in العربية": to the live translations, each named in its own
    language and marked with that language."""
    request = _request(context)
    suffix = _route_suffix(page, request)
    links = []
    for other in _editions(page):
        url = other.get_url(request=request)
        if url:
            links.append(
                {
                    "url": url + suffix,
                    "language": other.language_code,
                    "name": language_name_local(other.language_code),
                    "bidi": translation.get_language_info(other.language_code)["bidi"],
                }
            )
    return {"links": links}


def alternate_links(page, request):
    """[(hreflang, absolute URL)] for every live edition of ``page`` including itself,
    plus ``x-default`` for the default language's edition."""
    suffix = _route_suffix(page, request)
    editions = [page, *_editions(page)] if page.live else list(_editions(page))
    links = []
    default_url = None
    for edition in editions:
        url = edition.get_url(request=request)
        if not url:
            continue
        full = _absolute(url + suffix, request, page)
        code = _page_language(edition)
        links.append((code, full))
        if code == settings.LANGUAGE_CODE:
            default_url = full
    if default_url and len(links) > 1:
        links.append(("x-default", default_url))
    return links


@register.inclusion_tag("core/includes/hreflang_links.html", takes_context=True)
def hreflang_links(context, page):
    """<link rel="alternate" hreflang="…"> for each live edition, absolute URLs."""
    return {"links": alternate_links(page, _request(context))}


def _og_image(page, request):
    image = getattr(page, "hero_image", None) or getattr(page, "photo", None)
    if image is None:
        return None
    rendition = get_rendition(image, OG_IMAGE_SPEC)
    if rendition is None:
        return None
    return {
        "url": _absolute(rendition.url, request, page),
        "width": rendition.width,
        "height": rendition.height,
        "alt": (
            getattr(page, "hero_alt_text", "") or getattr(page, "hero_caption", "") or page.title
        ),
    }


@register.inclusion_tag("core/includes/seo_tags.html", takes_context=True)
def seo_tags(context, page, title=""):
    """Meta description, canonical URL, hreflang alternates and OpenGraph tags."""
    request = _request(context)
    description = (
        page.search_description
        or getattr(page, "summary", "")
        or getattr(page, "short_bio", "")
        or ""
    )
    if request is not None:
        canonical = request.build_absolute_uri(request.path)
    else:
        canonical = page.get_full_url()
    language = _page_language(page)
    published = getattr(page, "date", None)
    return {
        "page": page,
        "title": title or page.seo_title or page.title,
        "description": " ".join(str(description).split()),
        "canonical": canonical,
        "alternates": alternate_links(page, request),
        "og_type": "article" if published else "website",
        "og_locale": to_locale(language),
        "og_locale_alternates": [to_locale(_page_language(p)) for p in _editions(page)],
        "og_image": _og_image(page, request),
        "published": published,
        "site_name": site_name(context),
    }


@dataclass(frozen=True)
class Identity:
    """The chrome's strings for one request: from the site's identity in the reader's
    language, else in the default language (``language`` then says which, so the template
    marks it), else the Wagtail Site's name or WAGTAIL_SITE_NAME."""

    name: str
    language: str
    tagline: str = ""
    footer_text: str = ""
    contact_email: str = ""
    #: Raw StreamField data (lists of {"type", "value"}) of the header's and footer's links
    #: and the social accounts; turned into links by ``site_links``.
    navigation: list = field(default_factory=list)
    footer_links: list = field(default_factory=list)
    social_links: list = field(default_factory=list)

    @property
    def is_fallback(self):
        """True when the strings are in another language than the page's."""
        return self.language != translation.get_language()


def get_site_identity(request):
    """The ``Identity`` of the request's site in the active language (kept until the content
    changes: ``core.versioned``)."""
    site = Site.find_for_request(request) if request is not None else None
    return _identity(site, translation.get_language())


@per_content_version
def _identity(site, language):
    rows = []
    if site is not None:
        rows = list(
            SiteIdentity.objects.filter(
                site=site, locale__language_code__in={language, settings.LANGUAGE_CODE}
            ).select_related("locale")
        )
    rows.sort(key=lambda row: row.locale.language_code != language)
    if rows:
        row = rows[0]
        return Identity(
            name=row.name,
            language=row.locale.language_code,
            tagline=row.tagline,
            footer_text=row.footer_text,
            contact_email=row.contact_email,
            navigation=list(row.navigation.raw_data),
            footer_links=list(row.footer_links.raw_data),
            social_links=list(row.social_links.raw_data),
        )
    name = (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "")
    return Identity(name=name, language=settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def site_identity(context):
    """The site's name, tagline, footer text and contact address in the reader's language
    (see ``get_site_identity``)."""
    return get_site_identity(_request(context))


@register.simple_tag(takes_context=True)
def public_hook(context, name):
    """The HTML the apps registered under ``core_public_<name>`` give for this page, in
    registration order ("" when no app is installed that adds any)."""
    parts = [fn(context) for fn in hooks.get_hooks(PUBLIC_HOOK_PREFIX + name)]
    return mark_safe("".join(str(part) for part in parts if part))  # noqa: S308 - apps escape


@register.simple_tag(takes_context=True)
def site_name(context):
    """The institute's name in the reader's language (plain text, for <title> and meta tags)."""
    return get_site_identity(_request(context)).name


def _locale_home(request):
    """The site's root page in the active language (the default edition when readers may
    not see that one), or None outside a Wagtail site."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    root = site.root_page
    try:
        locale = active_locale()
    except Locale.DoesNotExist:
        return root
    if root.locale_id == locale.pk:
        return root
    return _home_edition(root, locale.pk) or root


@per_content_version(follows_clock=True)
def _home_edition(root, locale_id):
    """The edition of home page ``root`` in locale ``locale_id`` readers may see, or None."""
    return visible(root.get_translations()).filter(locale_id=locale_id).first()


@per_content_version(follows_clock=True)
def _menu_children(home):
    """The children of ``home`` readers may see, in tree order."""
    return tuple(visible(home.get_children()).order_by("path"))


@register.simple_tag(takes_context=True)
def home_url(context):
    """URL of the home page in the reader's language."""
    request = _request(context)
    home = _locale_home(request)
    return home.get_url(request=request) if home else "/"


@dataclass(frozen=True)
class NavLink:
    """One link of the header or footer. ``current`` is "page" on the linked page itself,
    "true" inside its section, "" elsewhere (the value of ``aria-current``); ``language``
    is set when the label is in another language than the page's (a fallback identity)."""

    url: str
    label: str
    current: str = ""
    language: str = ""


def _current(page, current):
    if current is None or page is None:
        return ""
    if current.pk == page.pk:
        return "page"
    if page.depth > 2 and current.path.startswith(page.path):
        return "true"
    return ""


def _home_children(request, current):
    """The fallback navigation: the live, public children of the home page in the reader's
    language that editors marked "show in menus" (all live children when none is marked)."""
    home = _locale_home(request)
    if home is None:
        return []
    children = _menu_children(home)
    in_menus = [child for child in children if child.show_in_menus]
    return [
        NavLink(url, child.title, _current(child, current))
        for child in in_menus or children
        if (url := child.get_url(request=request))
    ]


def _linked_pages(identity):
    """{chosen page id: the page to link to} for the pages the identity's links choose:
    the chosen page's edition in the reader's language when readers may see one, else the
    chosen page when they may see it. One query for the header and the footer together,
    kept until the content changes."""
    ids = {
        block["value"].get("page")
        for block in identity.navigation + identity.footer_links
        if block.get("value", {}).get("page")
    }
    return _chosen_pages(frozenset(ids), translation.get_language()) if ids else {}


@per_content_version(follows_clock=True)
def _chosen_pages(ids, language):
    chosen = Page.objects.filter(pk__in=ids)
    rows = list(
        Page.objects.filter(
            Q(pk__in=ids)
            | Q(
                translation_key__in=chosen.values("translation_key"),
                locale__language_code=language,
            )
        ).annotate(
            readable=Case(
                When(visible_q(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            language=F("locale__language_code"),
        )
    )
    edition = {
        row.translation_key: row for row in rows if row.readable and row.language == language
    }
    found = {}
    for row in rows:
        if row.pk in ids:
            target = edition.get(row.translation_key) or (row if row.readable else None)
            if target is not None:
                found[row.pk] = target
    return found


def _identity_links(request, identity, blocks, current):
    pages = _linked_pages(identity)
    marked = identity.language if identity.is_fallback else ""
    links = []
    for block in blocks:
        value = block.get("value") or {}
        label = (value.get("label") or "").strip()
        if value.get("page"):
            page = pages.get(value["page"])
            url = page.get_url(request=request) if page is not None else None
            if not url:
                continue  # a page readers may not see (or one outside every site)
            links.append(
                NavLink(url, label or page.title, _current(page, current), marked if label else "")
            )
        elif value.get("url") and label:
            path = request.path if request is not None else None
            links.append(
                NavLink(value["url"], label, "page" if value["url"] == path else "", marked)
            )
    return links


@register.simple_tag(takes_context=True)
def site_links(context, kind="navigation"):
    """The header's main sections (``kind`` "navigation") or the footer's links ("footer")
    as ``NavLink``s: from the site identity in the reader's language when it names any,
    else (header only) the home page's children. Pages readers may not see are left out."""
    request = _request(context)
    current = context.get("page")
    if not isinstance(current, Page):
        current = None
    identity = get_site_identity(request)
    blocks = identity.navigation if kind == "navigation" else identity.footer_links
    if blocks:
        return _identity_links(request, identity, blocks, current)
    return _home_children(request, current) if kind == "navigation" else []


@register.simple_tag(takes_context=True)
def social_links(context):
    """[(network name, URL)] of the institute's accounts, in the identity's order."""
    names = dict(SOCIAL_NETWORKS)
    identity = get_site_identity(_request(context))
    return [
        (
            names.get(block["value"].get("network"), block["value"].get("network")),
            block["value"]["url"],
        )
        for block in identity.social_links
        if block.get("value", {}).get("url")
    ]


@register.simple_tag(takes_context=True)
def language_switch(context, page=None):
    """One entry per site language other than the active one: the page's live edition in
    that language when there is one; outside Wagtail's pages (the newsletter's, say) the same
    view in that language; else that language's home page."""
    request = _request(context)
    current = translation.get_language()
    if not isinstance(page, Page):  # a view without a page (an unset variable renders "")
        page = None
    editions = {p.language_code: p for p in _editions(page)} if page is not None else {}
    suffix = _route_suffix(page, request) if page is not None else ""
    site = Site.find_for_request(request) if request is not None else None
    entries = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        target = editions.get(code)
        url = target.get_url(request=request) + suffix if target else None
        if url is None and page is None and request is not None:
            same_view = translate_url(request.path, code)
            url = same_view if same_view != request.path else None
        if url is None and site is not None:
            home = _home_in_language(site.root_page.translation_key, code)
            url = home.get_url(request=request) if home else None
        if url:
            entries.append({"code": code, "name": language_name_local(code), "url": url})
    return entries


@per_content_version(follows_clock=True)
def _home_in_language(translation_key, code):
    """The home page edition (by ``translation_key``) in language ``code`` readers may see."""
    return (
        visible(Page.objects.all())
        .filter(translation_key=translation_key, locale__language_code=code)
        .first()
    )


@register.simple_tag(takes_context=True)
def term_url(context, term):
    """The public page listing a region's or issue's analysis in the reader's language, or
    "" when no app provides one."""
    request = _request(context)
    locale = active_locale()
    for fn in hooks.get_hooks(TERM_URL_HOOK):
        url = fn(term, locale, request)
        if url:
            return url
    return ""


@register.simple_tag(takes_context=True)
def query_with(context, source=None, **changes):
    """A query string (without "?") with ``changes`` applied: from ``source.query_string``
    when the listing provides one (only valid filters survive), else from the request."""
    if source is not None and hasattr(source, "query_string"):
        return source.query_string(**changes)
    request = _request(context)
    params = request.GET.copy() if request is not None else {}
    for key, value in changes.items():
        params[key] = value
    return params.urlencode() if hasattr(params, "urlencode") else ""


@register.simple_tag
def page_range(page_obj, on_each_side=2, on_ends=1):
    """Page numbers around the current page, with Paginator.ELLIPSIS for the gaps."""
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )


@register.filter
def is_ellipsis(value):
    """True for the gap marker of page_range."""
    return value == Paginator.ELLIPSIS


@register.filter
def filesize(document):
    """A document's size in a readable unit, or "" when the file is missing."""
    try:
        size = document.get_file_size()
    except (OSError, ValueError):
        return ""
    return filesizeformat(size) if size else ""


@register.simple_tag
def prepare_stream(stream_value):
    """Batch the link lookups and image renditions of a StreamField before rendering it
    (see core.rendering); outputs nothing."""
    rendering.prepare_stream(stream_value)
    return ""


@register.simple_tag
def default_language():
    """The site's default language code (the language of synchronized free keywords)."""
    return settings.LANGUAGE_CODE


@register.filter
def language_dir(code):
    """The writing direction ("rtl" or "ltr") of language ``code``, for the ``dir`` that goes
    with a ``lang``: text in another language than the page's must be isolated in its own
    direction, or its punctuation lands on the wrong side (".Jordan" on an Arabic page).
    An unknown code gives "auto" (the browser decides from the text)."""
    try:
        return "rtl" if translation.get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        return "auto"
