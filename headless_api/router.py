"""The /api/v1/ endpoints (django-ninja).

Each view builds a dict (``payloads``) and returns compact orjson bytes itself; the
``response=`` schemas document the shapes in the OpenAPI document. Public views are
wrapped in ``cached_response`` (ETag, Last-Modified, 304, content-version cache).
"""

import datetime
import re
from typing import Annotated, Literal
from urllib.parse import unquote

from django.conf import settings
from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone, translation
from ninja import NinjaAPI, Query
from ninja.decorators import decorate_view
from pydantic import Field, StringConstraints
from wagtail.models import Page, Site

from core.localization import default_locale, language_code_for, localize_many
from core.models import Issue, PublicationType, Region
from core.statements import prepared
from core.visibility import visible
from events.listing import filter_events
from events.models import EventPage, EventType
from experts.models import ExpertPage
from policyanalysis.cards import build_cards
from policyanalysis.filtering import filter_by_vocabularies, kept_count
from policyanalysis.models import AnalysisIndexPage, BriefPage, ChapterPage, ProgramPage, TopicPage

from . import errors, event_payloads, payloads, preview, schemas
from .caching import cached_response, uncached_response
from .context import PayloadContext
from .docs import LocalSwagger
from .filters import (
    filter_briefs,
    locale_for,
    page_envelope,
    search_briefs,
)
from .renderers import ORJSONRenderer

MAX_LIMIT = 100
MAX_ID = 2**31 - 1

LocaleCode = Literal[tuple(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)]
Slug = Annotated[str, StringConstraints(pattern=r"^[-\w]+$", max_length=255)]
PlainText = Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f\x7f]*$", max_length=200)]
PublicPath = Annotated[str, StringConstraints(pattern=r"^/[^\x00-\x1f\x7f?#]*$", max_length=2048)]
PageId = Annotated[int, Field(ge=1, le=MAX_ID)]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Field(ge=0, le=MAX_ID)]

PARAMETER_ERRORS = {422: schemas.ParameterError}
NOT_FOUND = {404: schemas.NotFoundError}

api = NinjaAPI(
    title="Policy analysis content API",
    version="1.0.0",
    description=(
        "Read-only, anonymous JSON API for front ends: analysis, experts, events, taxonomy and "
        "any page by its public path, in every language edition. Responses carry strong ETags; "
        "send If-None-Match to get 304. See docs/api.md."
    ),
    urls_namespace="content-api",
    docs=LocalSwagger(),
    renderer=ORJSONRenderer(),
)
errors.install(api)


def _json(body):
    return HttpResponse(body, content_type="application/json")


def _render(ctx, build, *args):
    """Build a payload in the locale's language and serialize it."""
    with translation.override(ctx.language_code):
        return _json(ctx.render(build(*args)))


@api.get(
    "/analysis/",
    response={200: schemas.AnalysisList, **PARAMETER_ERRORS},
    operation_id="listAnalysis",
    summary="Cards for live analysis, filtered and paginated",
    tags=["analysis"],
)
@decorate_view(cached_response)
def list_analysis(
    request,
    locale: LocaleCode = "en",
    type: Annotated[
        list[Slug] | None, Query(description="Publication type slug (repeatable).")
    ] = None,  # noqa: A002
    series: Annotated[list[Slug] | None, Query(description="Series slug (repeatable).")] = None,
    region: Annotated[list[Slug] | None, Query(description="Region slug (repeatable).")] = None,
    issue: Annotated[list[Slug] | None, Query(description="Issue slug (repeatable).")] = None,
    expert: Annotated[
        list[Slug] | None, Query(description="Expert page slug (repeatable).")
    ] = None,
    tag: Annotated[list[Slug] | None, Query(description="Keyword slug (repeatable).")] = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    q: Annotated[PlainText | None, Query(description="Full-text search (all words).")] = None,
    ordering: Annotated[
        Literal["relevance", "-date", "date", "title"] | None,
        Query(
            description=(
                "Order of the cards: best match first (relevance; the default when q is "
                "given, and only with q), newest first (-date; the default without q), "
                "oldest first (date) or by title."
            )
        ),
    ] = None,
    limit: Limit = 20,
    offset: Offset = 0,
):
    locale_obj = locale_for(locale)
    queryset = BriefPage.objects.for_readers(locale_obj)
    queryset = filter_briefs(
        queryset,
        types=type,
        series=series,
        regions=region,
        issues=issue,
        experts=expert,
        tags=tag,
        date_from=date_from,
        date_to=date_to,
    )
    queryset = search_briefs(queryset, locale_obj, q, ordering)
    if q:
        count = queryset.count()
    else:
        chosen = (type, series, region, issue, expert, tag)
        filters = (*(tuple(values or ()) for values in chosen), date_from, date_to)
        count = kept_count(queryset, "api", locale_obj.pk, filters)
    ctx = PayloadContext(locale_obj)
    cards = build_cards(queryset[offset : offset + limit], locale_obj, urls=ctx.urls)
    return _render(
        ctx,
        lambda: page_envelope(request, count, offset, limit, payloads.cards_payload(cards, ctx)),
    )


def _brief(pk):
    rows = _brief_rows(pk=pk, now=timezone.now())
    return rows[0] if rows else None


@prepared
def _brief_rows(pk, now):
    return BriefPage.objects.visible(now).filter(pk=pk).select_related("locale")[:1]


@api.get(
    "/analysis/{id}/",
    response={200: schemas.AnalysisDetail, **NOT_FOUND, **PARAMETER_ERRORS},
    operation_id="getAnalysis",
    summary="A live brief with its body, authors, recommended cards and translations",
    tags=["analysis"],
)
@decorate_view(cached_response)
def get_analysis(request, id: PageId):  # noqa: A002
    brief = _brief(id)
    if brief is None:
        return errors.not_found(f"No live analysis with id {id}.")
    ctx = PayloadContext(brief.locale)
    return _render(ctx, payloads.brief_detail, brief, ctx)


def _page_result(page, ctx, request, publications_page=1, page_size=10):
    """The by-path / preview envelope ``{type, page}`` for a specific page."""
    if isinstance(page, BriefPage):
        return {"type": "analysis", "page": payloads.brief_detail(page, ctx)}
    if isinstance(page, EventPage):
        return {"type": "event", "page": event_payloads.event_detail(page, ctx, request)}
    if isinstance(page, ChapterPage):
        return {"type": "chapter", "page": payloads.chapter_detail(page, ctx)}
    if isinstance(page, ExpertPage):
        return {
            "type": "expert",
            "page": _expert_payload(page, ctx, request, publications_page, page_size),
        }
    if isinstance(page, TopicPage):
        return {"type": "topic", "page": payloads.topic_detail(page, ctx)}
    if isinstance(page, ProgramPage):
        return {"type": "program", "page": payloads.program_detail(page, ctx)}
    return {"type": "page", "page": payloads.page_detail(page, ctx)}


_SEGMENT = re.compile(r"^[-\w]+$")


def _find_by_path(path):
    """The live, public page at a public path such as /ar/policy-analysis/x/, or None."""
    path = unquote(path)
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    if prefix and not path.startswith(prefix + "/"):
        return None
    rest = path[len(prefix) :].strip("/")
    segments = [segment for segment in rest.split("/") if segment] if rest else []
    if any(not _SEGMENT.match(segment) for segment in segments):
        return None
    for root in Site.get_site_root_paths():
        if root.language_code != language:
            continue
        url_path = root.root_path + "".join(f"{segment}/" for segment in segments)
        page = visible(Page.objects.all()).filter(url_path=url_path).first()
        if page is not None:
            # visible() leaves out a live chapter of a hidden report (core.visibility).
            return page.specific
    return None


@api.get(
    "/pages/by-path/",
    response={200: schemas.PageResult, **NOT_FOUND, **PARAMETER_ERRORS},
    operation_id="getPageByPath",
    summary="Any live page by its public path, in any language edition",
    tags=["pages"],
)
@decorate_view(cached_response)
def get_page_by_path(
    request,
    path: Annotated[PublicPath, Query(description="Public path, e.g. /ar/policy-analysis/x/.")],
):
    page = _find_by_path(path)
    if page is None:
        return errors.not_found(f"No live page at {path}.")
    if isinstance(page, BriefPage):
        page = _brief(page.pk)
    ctx = PayloadContext(page.locale)
    return _render(ctx, _page_result, page, ctx, request)


@api.get(
    "/experts/",
    response={200: schemas.ExpertList, **PARAMETER_ERRORS},
    operation_id="listExperts",
    summary="Live expert profiles of one language edition, by name",
    tags=["experts"],
)
@decorate_view(cached_response)
def list_experts(
    request,
    locale: LocaleCode = "en",
    region: Annotated[
        list[Slug] | None, Query(description="Expertise region slug (repeatable).")
    ] = None,
    issue: Annotated[
        list[Slug] | None, Query(description="Expertise issue slug (repeatable).")
    ] = None,
    limit: Limit = 20,
    offset: Offset = 0,
):
    locale_obj = locale_for(locale)
    queryset = visible(ExpertPage.objects.all()).filter(locale=locale_obj)
    queryset, problems = filter_by_vocabularies(
        queryset,
        [
            ("region", Region, "expertise_regions__slug__in", region),
            ("issue", Issue, "expertise_issues__slug__in", issue),
        ],
    )
    if problems:
        raise errors.InvalidParameters(problems)
    queryset = queryset.order_by("title", "pk")
    count = queryset.count()
    experts = list(queryset.select_related("locale")[offset : offset + limit])
    ctx = PayloadContext(locale_obj)
    return _render(
        ctx,
        lambda: page_envelope(
            request, count, offset, limit, [payloads.expert_card(expert, ctx) for expert in experts]
        ),
    )


def _expert_payload(expert, ctx, request, page_number, page_size):
    payload = payloads.expert_detail(expert, ctx)
    count, has_previous, has_next, cards = payloads.publications_page(
        expert, ctx, page_number, page_size
    )

    def link(number):
        params = request.GET.copy()
        params["page"] = str(number)
        params["page_size"] = str(page_size)
        return request.build_absolute_uri(request.path) + "?" + params.urlencode()

    payload["publications"] = {
        "count": count,
        "next": link(page_number + 1) if has_next else None,
        "previous": link(page_number - 1) if has_previous else None,
        "items": cards,
    }
    return payload


@api.get(
    "/experts/{id}/",
    response={200: schemas.ExpertDetail, **NOT_FOUND, **PARAMETER_ERRORS},
    operation_id="getExpert",
    summary="An expert's profile and one page of their publications",
    tags=["experts"],
)
@decorate_view(cached_response)
def get_expert(
    request,
    id: PageId,  # noqa: A002
    page: Annotated[int, Field(ge=1, le=MAX_ID)] = 1,
    page_size: Annotated[int, Field(ge=1, le=MAX_LIMIT)] = 10,
):
    expert = visible(ExpertPage.objects.all()).filter(pk=id).select_related("locale").first()
    if expert is None:
        return errors.not_found(f"No live expert with id {id}.")
    ctx = PayloadContext(expert.locale)
    return _render(ctx, _expert_payload, expert, ctx, request, page, page_size)


@api.get(
    "/events/",
    response={200: schemas.EventList, **PARAMETER_ERRORS},
    operation_id="listEvents",
    summary="Cards for live events: upcoming (soonest first) or past (newest first)",
    tags=["events"],
)
@decorate_view(cached_response)
def list_events(
    request,
    locale: LocaleCode = "en",
    when: Annotated[
        Literal["upcoming", "past"],
        Query(
            description=(
                "upcoming: not over yet, soonest first (the default); past: over, newest "
                "first. Decided when the response is made."
            )
        ),
    ] = "upcoming",
    type: Annotated[list[Slug] | None, Query(description="Event type slug (repeatable).")] = None,  # noqa: A002
    region: Annotated[list[Slug] | None, Query(description="Region slug (repeatable).")] = None,
    issue: Annotated[list[Slug] | None, Query(description="Issue slug (repeatable).")] = None,
    expert: Annotated[
        list[Slug] | None, Query(description="Speaker's or moderator's expert slug (repeatable).")
    ] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200, description="Year of the start.")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
):
    locale_obj = locale_for(locale)
    queryset, problems = filter_events(
        EventPage.objects.for_readers(locale_obj).exclude(start=None),
        types=type,
        regions=region,
        issues=issue,
        experts=expert,
        year=year,
    )
    if problems:
        raise errors.InvalidParameters(problems)
    queryset = queryset.upcoming() if when == "upcoming" else queryset.past()
    count = queryset.values("pk").count()
    ctx = PayloadContext(locale_obj)
    return _render(
        ctx,
        lambda: page_envelope(
            request,
            count,
            offset,
            limit,
            event_payloads.event_cards_payload(queryset[offset : offset + limit], ctx),
        ),
    )


@api.get(
    "/events/{id}/",
    response={200: schemas.EventDetail, **NOT_FOUND, **PARAMETER_ERRORS},
    operation_id="getEvent",
    summary="A live event with its speakers, access, registration and after-event material",
    tags=["events"],
)
@decorate_view(cached_response)
def get_event(request, id: PageId):  # noqa: A002
    event = EventPage.objects.visible().filter(pk=id).select_related("locale", "event_type").first()
    if event is None:
        return errors.not_found(f"No live event with id {id}.")
    ctx = PayloadContext(event.locale)
    return _render(ctx, event_payloads.event_detail, event, ctx, request)


@api.get(
    "/taxonomy/",
    response={200: schemas.Taxonomy, **PARAMETER_ERRORS},
    operation_id="getTaxonomy",
    summary="Publication types, regions, issues and event types with labels and counts",
    tags=["taxonomy"],
)
@decorate_view(cached_response)
def get_taxonomy(request, locale: LocaleCode = "en"):
    locale_obj = locale_for(locale)
    default = default_locale()
    live = BriefPage.objects.visible()

    def counts(field, live=live):
        result = {}
        rows = (
            live.exclude(**{f"{field}__isnull": True})
            .order_by()  # a default ordering would split the groups
            .values(field, "locale_id")
            .annotate(n=Count("pk", distinct=True))
        )
        for row in rows:
            result.setdefault(row[field], {})[language_code_for(row["locale_id"])] = row["n"]
        return result

    def terms(model, field, live=live):
        sources = list(model.objects.filter(locale=default))
        by_term = counts(field, live)
        return [
            {
                "slug": obj.slug,
                "label": obj.name,
                "count": by_term.get(source.pk, {}).get(locale, 0),
                "counts": by_term.get(source.pk, {}),
            }
            for source, obj in zip(sources, localize_many(sources, locale_obj), strict=True)
        ]

    with translation.override(locale):
        body = {
            "locale": locale,
            "types": terms(PublicationType, "publication_type"),
            "regions": terms(Region, "regions"),
            "issues": terms(Issue, "issues"),
            # Counted over the events readers may see (upcoming and past).
            "event_types": terms(EventType, "event_type", EventPage.objects.visible()),
        }
    return _json(PayloadContext(locale_obj).render(body))


@api.get(
    "/series/{slug}/",
    response={200: schemas.SeriesDetail, **NOT_FOUND, **PARAMETER_ERRORS},
    operation_id="getSeries",
    summary="A series or platform with its description, image and contributors",
    tags=["taxonomy"],
)
@decorate_view(cached_response)
def get_series(request, slug: Slug, locale: LocaleCode = "en"):
    series = AnalysisIndexPage.find_series(slug)
    if series is None:
        return errors.not_found(f"No series with slug {slug}.")
    locale_obj = locale_for(locale)
    ctx = PayloadContext(locale_obj)
    return _render(ctx, payloads.series_detail, series, ctx)


@api.get(
    "/preview/",
    response={200: schemas.PageResult, 401: schemas.PreviewTokenError, **PARAMETER_ERRORS},
    operation_id="getPreview",
    summary="The draft a preview token names, in the same shape as by-path",
    tags=["pages"],
)
def get_preview(
    request,
    token: Annotated[
        str, Query(description="Signed token from the admin's preview.", max_length=500)
    ],
):
    draft = preview.draft_for(token)
    ctx = PayloadContext(draft.locale)
    return uncached_response(_render(ctx, _page_result, draft, ctx, request))
