"""wagtail-localize's row buttons on the desk's listings, read for the whole page of rows.

wagtail-localize adds "Translate this page" and "Sync translated pages" to every page row's
"More" menu, deciding each with two or three queries of its own per row: a listing of 50 rows
cost 100 queries more than one of none. The desk reads the same facts for all its rows at once
(``read_localize_buttons``, three queries) and its replacement of wagtail-localize's hook
(``desk_localize_buttons``) answers from them; a page that was not read that way (the page
explorer, the editor's header) still goes through wagtail-localize's own function.
"""

from collections import defaultdict
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation

HOOK = "register_page_listing_more_buttons"


def read_localize_buttons(pages):
    """``desk_localize``: (whether a locale still lacks an edition of the page, the id of its
    translation source when it has enabled translations, else None). Three queries."""
    keys = {page.translation_key for page in pages}
    locales = set(Locale.objects.values_list("pk", flat=True))
    editions = defaultdict(set)
    for key, locale_id in Page.objects.filter(
        translation_key__in=keys, alias_of__isnull=True
    ).values_list("translation_key", "locale_id"):
        editions[key].add(locale_id)
    sources = {
        (key, locale_id): source_id
        for source_id, key, locale_id in Translation.objects.filter(
            enabled=True,
            source__object_id__in=keys,
            source__object__content_type=ContentType.objects.get_for_model(Page),
        ).values_list("source_id", "source__object_id", "source__locale_id")
    }
    for page in pages:
        page.desk_localize = (
            bool(locales - editions[page.translation_key]),
            sources.get((page.translation_key, page.locale_id)),
        )


def desk_localize_buttons(page, user, view_name=None, next_url=None):
    """wagtail-localize's buttons, from ``desk_localize`` when the desk has read it."""
    state = getattr(page, "desk_localize", None)
    if state is None:
        yield from localize_hooks.page_listing_more_buttons(
            page, user, view_name=view_name, next_url=next_url
        )
        return
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    can_translate, source_id = state
    if can_translate:
        url = reverse(
            "wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id]
        )
        yield Button(
            _("Translate this page"), url, priority=60, icon_name="wagtail-localize-language"
        )
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield Button(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def install():
    """Put ``desk_localize_buttons`` in the place of wagtail-localize's listing hook (Wagtail
    has no public way to replace a hook; importing wagtail-localize's hooks module above has
    registered it already, whatever the order of INSTALLED_APPS)."""
    registered = hooks._hooks.get(HOOK, [])
    for position, (function, order) in enumerate(registered):
        if function is localize_hooks.page_listing_more_buttons:
            registered[position] = (desk_localize_buttons, order)
