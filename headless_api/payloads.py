"""Plain-dict payloads for the API, built from prefetched model data and values() rows.

The rules of what a page shows live in the apps and are reused here: cards come from
``policyanalysis.cards.build_cards`` (values() rows, no page instances; the same builder
the HTML listings use; card regions and issues from the ids the cards carry and the kept
vocabularies of ``core.vocabulary``), Recommended from
``recommendations.recommended_for`` / ``recommended_cards``, authors from
``BriefPage.get_authors``, the reader's-language swap from ``core.localization``.
These functions only turn the result into the shapes documented in ``schemas``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.blocks import BodyBlock, ImageValue
from core.localization import (
    language_code_for,
    live_translation_rows,
    localize,
    localize_many,
)
from core.models import Issue, Region
from core.visibility import visible
from core.vocabulary import TAGS, localized_terms
from experts.models import EXPERT_PUBLICATIONS_HOOK
from podcasts.models import EpisodePage, PodcastShowPage, VideoPage, speaker_rows
from policyanalysis.cards import brief_card, build_cards
from policyanalysis.hub_content import (
    featured_cards,
    latest_by_type,
    program_briefs,
    program_people,
    topic_experts,
)
from policyanalysis.models import ProgramPage, TopicPage
from policyanalysis.publications import pdf_edition_path
from policyanalysis.recommendations import recommended_for

_BODY = BodyBlock()


def term(obj):
    return {"slug": obj.slug, "label": obj.name}


def card_terms(briefs, locale):
    """{brief id: (regions, issues)} of cards as term dicts in the reader's language, each
    in its vocabulary's order, from the ids the cards carry and the kept vocabularies: no
    query."""
    return {
        brief.pk: (
            [term(t) for t in localized_terms(Region, brief.regions_ids, locale)],
            [term(t) for t in localized_terms(Issue, brief.issues_ids, locale)],
        )
        for brief in briefs
    }


def card_payload(brief, ctx, regions, issues):
    """A card for a brief that went through ``build_cards``."""
    kind = brief.card_type
    return {
        "id": brief.pk,
        "locale": language_code_for(brief.locale_id),
        "url": ctx.page_url(brief.url_path),
        "path": ctx.page_path(brief.url_path),
        "title": brief.title,
        "subtitle": brief.subtitle,
        "type": term(kind) if kind is not None else None,
        "date": brief.date,
        "summary": brief.summary,
        "authors": [
            {
                "id": person.pk,
                "name": person.title,
                "url": ctx.page_url(person.url_path),
                "locale": language_code_for(person.locale_id),
            }
            for person in brief.card_authors
        ],
        "byline": brief.byline,
        "regions": regions,
        "issues": issues,
        "image": ctx.image(brief.hero_image_id, alt=brief.hero_alt or None),
        "series": [term(series) for series in brief.card_series],
        "series_number": brief.series_number,
        "page_count": brief.page_count,
        "outlet": (
            {"name": brief.card_outlet.name, "homepage": brief.card_outlet.homepage}
            if brief.card_outlet is not None
            else None
        ),
        "external_url": brief.external_url,
    }


def cards_payload(briefs, ctx):
    """Cards for briefs that went through ``build_cards``, with their regions and issues."""
    terms = card_terms(briefs, ctx.locale)
    return [card_payload(brief, ctx, *terms[brief.pk]) for brief in briefs]


def _points(raw):
    """A ListBlock's raw items, old (plain list) or new ({type, value, id}) format."""
    return [item["value"] if isinstance(item, dict) else item for item in raw or []]


def body_payload(stream_value, ctx):
    """Typed blocks ``{id, type, value}`` from a StreamField's raw data (no per-block query:
    images, documents, embeds and links are loaded once for the whole response)."""
    blocks = []
    for item in stream_value.raw_data:
        kind, value, block_id = item["type"], item.get("value"), item.get("id") or ""
        if kind == "heading":
            child = _BODY.child_blocks["heading"]
            value = child.get_api_representation(child.to_python(value))
        elif kind == "paragraph":
            value = {"html": ctx.rich_text(value)}
        elif kind == "quote":
            value = {
                "quote": value.get("quote") or "",
                "attribution": value.get("attribution") or "",
            }
        elif kind == "key_points":
            value = {
                "title": value.get("title") or "",
                "points": [str(point) for point in _points(value.get("points"))],
                "html": ctx.rich_text(value.get("text")),
            }
        elif kind == "image":
            decorative = bool(value.get("decorative"))
            alt = ImageValue(_BODY.child_blocks["image"], value.items()).alt
            value = {
                "image": ctx.image(value.get("image"), alt=alt),
                "alt": alt,
                "caption": value.get("caption") or "",
                "credit": value.get("credit") or "",
                "decorative": decorative,
            }
            if value["image"] is None:
                continue
        elif kind == "embed":
            value = {
                "url": value.get("url") or "",
                "title": value.get("title") or "",
                "caption": value.get("caption") or "",
                "html": ctx.embed(value.get("url") or ""),
            }
        elif kind == "document":
            if not value.get("document"):
                continue
            value = ctx.document(
                value["document"], value.get("title") or "", value.get("description") or ""
            )
        elif kind == "table":
            value = _BODY.child_blocks["table"].get_api_representation(value)
        else:
            continue
        blocks.append({"id": block_id, "type": kind, "value": value})
    return ctx.body(blocks)


def translations_payload(page, ctx):
    """Live editions of ``page`` in other languages."""
    return [
        {
            "locale": row["language_code"],
            "url": ctx.page_url(row["url_path"]),
            "title": row["title"],
        }
        for row in live_translation_rows(page, "url_path", "title")
    ]


def _published(page):
    return {
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def pdf_edition_url(brief, ctx):
    """The absolute URL of the site's PDF edition of ``brief`` (served by the CMS), or None
    when no installed app makes one (``policyanalysis.publications.PDF_EDITION_HOOK``)."""
    path = pdf_edition_path(brief)
    return ctx.urls.media_url(path) if path else None


def brief_detail(brief, ctx):
    """Everything a brief's HTML page shows, for a stored brief or a preview draft (whose
    relations live in memory)."""
    authors = brief.get_authors()
    linked = brief.get_linked_terms()
    card = brief_card(brief, authors, linked, ctx.locale, urls=ctx.urls)
    heading, recommended = recommended_for(brief, terms=linked)
    card = card_payload(card, ctx, *card_terms([card], ctx.locale)[card.pk])
    card.update(
        {
            "hero": (
                {
                    "image": ctx.image(brief.hero_image_id, alt=brief.hero_alt or None),
                    "caption": brief.hero_caption,
                    "credit": brief.hero_credit,
                }
                if brief.hero_image_id
                else None
            ),
            "pdf": ctx.pdf(brief.pdf_id, brief.page_count) if brief.pdf_id else None,
            "pdf_edition_url": pdf_edition_url(brief, ctx),
            "doi": brief.doi,
            "hearing": (
                {
                    "title": brief.hearing_title,
                    "committee": brief.committee,
                    "chamber": brief.chamber,
                    "date": brief.hearing_date,
                    "video_url": brief.hearing_video_url,
                }
                if brief.has_hearing
                else None
            ),
            "table_of_contents": brief.get_table_of_contents(),
            "chapters": [chapter_ref(chapter, ctx) for chapter in brief.get_chapters()],
            "endnotes": endnotes_payload(brief.endnotes, ctx),
            "body": body_payload(brief.body, ctx),
            "about_authors": [
                {
                    "id": row.person.pk,
                    "name": row.person.title,
                    "url": ctx.page_url(row.person.url_path),
                    "locale": language_code_for(row.person.locale_id),
                    "position": row.person.position,
                    "bio": row.bio,
                    "photo": ctx.image(row.person.photo_id, alt=str(row.person.photo_alt)),
                }
                for row in authors
            ],
            "recommended": {"heading": str(heading), "items": cards_payload(recommended, ctx)},
            "tags": [{"slug": slug, "name": name} for _pk, name, slug in linked[TAGS]],
            "translations": translations_payload(brief, ctx),
            "seo": {
                "title": brief.seo_title or brief.title,
                "description": brief.search_description or brief.summary,
                "image": ctx.image(brief.hero_image_id, alt=brief.hero_alt or None),
            },
            **_published(brief),
            "media": media_payload(brief, ctx),
        }
    )
    return card


def endnotes_payload(endnotes, ctx):
    """[{number, html}] of a brief's or chapter's endnotes stream."""
    return [
        {"number": number, "html": ctx.rich_text(item.get("value"))}
        for number, item in enumerate(endnotes.raw_data, start=1)
    ]


def chapter_ref(chapter, ctx):
    """A link to a chapter (in a report's list of chapters, or previous/next)."""
    return {
        "id": chapter.pk,
        "title": chapter.title,
        "url": ctx.page_url(chapter.url_path),
        "path": ctx.page_path(chapter.url_path),
    }


def chapter_detail(chapter, ctx):
    """A report's chapter: its body and endnotes, its report (title, date, authors), the
    report's chapters and the previous and next ones readers may see."""
    report = chapter.get_report()
    navigation = chapter.get_navigation(report)
    return {
        "id": chapter.pk,
        "locale": language_code_for(chapter.locale_id),
        "url": ctx.page_url(chapter.url_path),
        "path": ctx.page_path(chapter.url_path),
        "title": chapter.title,
        "report": {
            "id": report.pk,
            "title": report.title,
            "url": ctx.page_url(report.url_path),
            "path": ctx.page_path(report.url_path),
            "date": report.date,
            "byline": report.byline,
            "authors": [
                {
                    "id": row.person.pk,
                    "name": row.person.title,
                    "url": ctx.page_url(row.person.url_path),
                    "locale": language_code_for(row.person.locale_id),
                }
                for row in report.get_authors()
            ],
        },
        "chapters": [chapter_ref(item, ctx) for item in navigation["chapters"]],
        "previous": chapter_ref(navigation["previous"], ctx) if navigation["previous"] else None,
        "next": chapter_ref(navigation["next"], ctx) if navigation["next"] else None,
        "body": body_payload(chapter.body, ctx),
        "endnotes": endnotes_payload(chapter.endnotes, ctx),
        "translations": translations_payload(chapter, ctx),
        "seo": {
            "title": chapter.seo_title or chapter.title,
            "description": chapter.search_description or report.summary,
            "image": None,
        },
        **_published(chapter),
    }


def series_detail(series, ctx):
    """A series or platform in ``ctx.locale``: name, description, image and contributors
    (the expert profiles readers may see, each in that language when it exists)."""
    [localized] = localize_many([series], ctx.locale)
    return {
        "slug": series.slug,
        "label": localized.name,
        "description": localized.description,
        "image": ctx.image(series.image_id, alt="") if series.image_id else None,
        "contributors": [
            expert_card(person, ctx) for person in series.get_contributors(ctx.locale)
        ],
    }


def _speakers(rows, ctx):
    return [
        {
            "name": row.person.title if row.person else row.name,
            "role": row.role,
            "affiliation": row.affiliation,
            "expert_id": row.person.pk if row.person else None,
            "url": ctx.page_url(row.person.url_path) if row.person else None,
        }
        for row in rows
    ]


def media_file_payload(media, ctx):
    """What a player or podcast app needs of one media item (all empty for None): its type,
    the file as an enclosure or the YouTube/Vimeo page, duration, poster and captions."""
    payload = {
        "media_type": media.type if media else None,
        "enclosure": None,
        "embed_url": None,
        "duration": float(media.duration or 0) if media else 0.0,
        "poster": ctx.image(media.poster_id) if media else None,
        "captions": (
            {
                "url": ctx.urls.media_url(media.captions_url),
                "language": media.captions_language,
            }
            if media and media.captions
            else None
        ),
    }
    if media is not None:
        if media.is_embed:
            payload["embed_url"] = media.external_url
        else:
            payload["enclosure"] = {
                "url": ctx.urls.media_url(media.url),
                "length": media.file_size or 0,
                "type": media.mime_type,
            }
    return payload


def media_payload(brief, ctx):
    """The media of a podcast episode or video item (None for other briefs; no query for
    them: the page's content type says which it is)."""
    specific = brief if isinstance(brief, EpisodePage | VideoPage) else None
    if specific is None:
        model = brief.specific_class
        if model not in (EpisodePage, VideoPage):
            return None
        related = ("audio",) if model is EpisodePage else ("video",)
        specific = model.objects.select_related(*related).get(pk=brief.pk)
    is_episode = isinstance(specific, EpisodePage)
    media = specific.audio if is_episode else specific.video
    payload = {
        "kind": "episode" if is_episode else "video",
        **media_file_payload(media, ctx),
        "transcript": ctx.rich_text(specific.transcript),
        "speakers": _speakers(speaker_rows(specific, "guests" if is_episode else "speakers"), ctx),
        "show": None,
        "season": specific.season if is_episode else None,
        "episode_number": specific.episode_number if is_episode else None,
        "episode_type": specific.episode_type if is_episode else None,
    }
    if is_episode and specific.show_id:
        edition = visible(
            PodcastShowPage.objects.filter(
                translation_key__in=PodcastShowPage.objects.filter(pk=specific.show_id).values(
                    "translation_key"
                ),
                locale_id=brief.locale_id,
            )
        ).first()
        if edition is not None:
            url = ctx.page_url(edition.url_path)
            payload["show"] = {
                "id": edition.pk,
                "title": edition.title,
                "url": url,
                "feed_url": f"{url}feed/",
            }
    return payload


def expert_card(expert, ctx):
    return {
        "id": expert.pk,
        "locale": language_code_for(expert.locale_id),
        "url": ctx.page_url(expert.url_path),
        "path": ctx.page_path(expert.url_path),
        "name": expert.title,
        "position": expert.position,
        "short_bio": expert.short_bio,
        "photo": ctx.image(expert.photo_id, alt=str(expert.photo_alt)),
    }


def publications_page(expert, ctx, page_number, page_size):
    """(count, has_previous, has_next, cards) of the expert's analysis in ``ctx.locale``,
    through the same hook the HTML profile uses. A page past the end is empty."""
    for fn in hooks.get_hooks(EXPERT_PUBLICATIONS_HOOK):
        page = fn(expert, ctx.locale, page_number, page_size)
        count = page.paginator.count
        if page.number != page_number:
            return count, count > 0, False, []
        return count, page.has_previous(), page.has_next(), cards_payload(page.object_list, ctx)
    return 0, False, False, []


def expert_detail(expert, ctx):
    """An expert's profile (publications are added by the view, which knows the page)."""
    regions, issues = expert.get_expertise_terms(ctx.locale)
    payload = expert_card(expert, ctx)
    payload.update(
        {
            "bio": ctx.rich_text(expert.bio),
            "languages": expert.languages,
            "expertise": {
                "regions": [term(t) for t in regions],
                "issues": [term(t) for t in issues],
            },
            "links": [
                {
                    "kind": link.kind,
                    # Without a label of its own, the kind's name in the requested language.
                    "label": link.label or str(link.get_kind_display()),
                    "url": link.url,
                }
                for link in expert.links.all()
            ],
            "translations": translations_payload(expert, ctx),
            "seo": {
                "title": expert.seo_title or expert.title,
                "description": expert.search_description or expert.short_bio,
                "image": ctx.image(expert.photo_id, alt=str(expert.photo_alt)),
            },
            **_published(expert),
        }
    )
    return payload


def _featured(page):
    """(heading, cards) of a page's featured block, through the page's own rules."""
    if isinstance(page, TopicPage | ProgramPage):
        # Hand-picked only, no automatic fill (as the hub's and program's HTML pages).
        return _("Featured"), featured_cards(page)
    if hasattr(page, "get_featured"):
        return page.get_featured()
    if getattr(page, "featured", None):
        return recommended_for(page, page.featured)
    return None


def page_detail(page, ctx):
    """Any other page (home, index pages): common fields, intro and featured cards."""
    featured = _featured(page)
    return {
        "id": page.pk,
        "locale": language_code_for(page.locale_id),
        "url": ctx.page_url(page.url_path),
        "path": ctx.page_path(page.url_path),
        "title": page.title,
        "page_type": page._meta.label,
        "intro": ctx.rich_text(getattr(page, "intro", "") or ""),
        "featured": (
            {"heading": str(featured[0]), "items": cards_payload(featured[1], ctx)}
            if featured is not None
            else None
        ),
        "translations": translations_payload(page, ctx),
        "seo": {
            "title": page.seo_title or page.title,
            "description": page.search_description or "",
            "image": None,
        },
        **_published(page),
    }


def _person(person, ctx):
    return {
        "id": person.pk,
        "name": person.title,
        "url": ctx.page_url(person.url_path),
        "locale": language_code_for(person.locale_id),
    }


def topic_detail(page, ctx):
    """A topic hub: the common fields, its term, the experts who cover it and the latest
    items of each type (as the HTML hub)."""
    term_record = page.term
    localized = localize(term_record, page.locale)
    return {
        **page_detail(page, ctx),
        "term": term(localized),
        "term_kind": "region" if page.region_id else "issue",
        "experts": [_person(person, ctx) for person in topic_experts(term_record, page.locale)],
        "latest": [
            {
                "type": {"slug": group["slug"], "label": group["type"]["name"]},
                "count": group["count"],
                "items": cards_payload(group["cards"], ctx),
            }
            for group in latest_by_type(term_record, page.locale)
        ],
    }


#: How many of a program's items its payload carries (newest first).
PROGRAM_ITEMS = 20


def program_detail(page, ctx):
    """A program page: the common fields, description, director, fellows and its newest
    items (the total says how many there are)."""
    director, fellows = program_people(page, page.locale)
    briefs = program_briefs(page, page.locale)
    return {
        **page_detail(page, ctx),
        "description": ctx.rich_text(page.description or ""),
        "director": _person(director, ctx) if director is not None else None,
        "fellows": [_person(person, ctx) for person in fellows],
        "items": cards_payload(
            build_cards(briefs.order_by("-date", "-pk")[:PROGRAM_ITEMS], page.locale), ctx
        ),
        "items_total": briefs.count(),
    }
