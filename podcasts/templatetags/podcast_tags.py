"""Template tags of the podcasts app: the player's embed fallback, durations, and an expert's
podcast and video appearances (for expert pages)."""

from django import template
from django.db.models import F, Q
from wagtail.embeds.exceptions import EmbedException

from core.visibility import visible
from policyanalysis.models import BriefPage

from ..models import EpisodeGuest, VideoSpeaker, format_duration

register = template.Library()


@register.filter
def duration(seconds):
    """``1:02:03`` or ``4:05`` for a number of seconds."""
    return format_duration(seconds)


@register.filter
def iso_duration(seconds):
    """ISO 8601 duration (``PT4M5S``) for ``<time datetime>``."""
    seconds = round(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{seconds}S" if hours else f"PT{minutes}M{seconds}S"


@register.simple_tag
def embed_html(url):
    """The provider's player HTML for a YouTube/Vimeo URL, or "" (the template then links)."""
    from wagtail.embeds.embeds import get_embed

    try:
        return get_embed(url).html or ""
    except (EmbedException, OSError, ValueError):
        return ""


@register.simple_tag
def podcast_appearances(expert, limit=10):
    """Episodes and videos, newest first (undated ones last), in which ``expert`` (any
    edition) is a guest, host or speaker, in the expert page's language: what readers may
    see only. One query: both kinds are briefs, whose common rows are all a list shows."""
    key = expert.translation_key
    episodes = EpisodeGuest.objects.filter(expert__translation_key=key).values(
        "page__translation_key"
    )
    videos = VideoSpeaker.objects.filter(expert__translation_key=key).values(
        "page__translation_key"
    )
    items = visible(
        BriefPage.objects.filter(
            Q(translation_key__in=episodes) | Q(translation_key__in=videos),
            locale_id=expert.locale_id,
        )
    )
    return list(items.order_by(F("date").desc(nulls_last=True), "-pk")[:limit])
