"""What the podcasts app offers other apps' pages through core's public hooks.

``{% public_hook "media_player" %}`` renders the accessible player of the ``media`` in the
template's context (an event's recording, for instance): the apps beside this one play
media without importing it, and a project without podcasts renders nothing there.
"""

from django.template.loader import render_to_string
from wagtail import hooks


@hooks.register("core_public_media_player")
def media_player(context):
    """The player (audio or video, embed for YouTube/Vimeo) of ``media`` in the context."""
    media = context.get("media")
    if media is None:
        return ""
    return render_to_string(
        "podcasts/includes/player.html",
        {"media": media, "page": context.get("page")},
        request=context.get("request"),
    )
