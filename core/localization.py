"""Showing synchronized relations in the reader's language.

Author rows, taxonomy and recommended cards of an Arabic page still point at the
English objects (wagtail-localize synchronizes them). These helpers swap each object
for its translation in the active locale when one exists (live, for pages), in one
query per model, and mark the ones that had to fall back so templates can say
``lang="en"``.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .statements import prepared
from .visibility import visible, visible_q

#: The Page fields every page type translates or synchronizes (see docs/translation.md).
PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus", overridable=False),
]


#: How a written list separates its items, where a language differs from ", " (Arabic
#: writes the Arabic comma: "الإنجليزية، الألمانية").
LIST_SEPARATORS = {"ar": "، ", "fa": "، ", "ur": "، "}


def list_separator(language_code):
    """The separator of a written list in ``language_code``."""
    return LIST_SEPARATORS.get(language_code.split("-")[0], ", ")


#: Locales by language code and by id, kept for the life of the process as Django keeps
#: content types: they change only when an administrator adds or removes a language, and
#: Wagtail's ``Locale.get_active()`` / ``Locale.get_default()`` otherwise cost a query at
#: every call (several per page). A saved or deleted Locale clears the cache in its
#: process; another process learns of a new language at its first request for it (a miss
#: reads the database). Entries are shared: treat them as read-only.
_LOCALES_BY_CODE = {}
_LOCALES_BY_ID = {}


def clear_locale_cache(**kwargs):
    """Forget every cached Locale (connected to Locale's post_save and post_delete)."""
    _LOCALES_BY_CODE.clear()
    _LOCALES_BY_ID.clear()


post_save.connect(clear_locale_cache, sender=Locale, dispatch_uid="core-locale-cache-save")
post_delete.connect(clear_locale_cache, sender=Locale, dispatch_uid="core-locale-cache-delete")


def _remember(locale):
    _LOCALES_BY_CODE[locale.language_code] = _LOCALES_BY_ID[locale.pk] = locale
    return locale


def locale_for_language(language_code):
    """The Locale of ``language_code`` (or of its supported variant), from the cache.
    Raises LookupError for an unsupported code, Locale.DoesNotExist for a missing one."""
    code = get_supported_content_language_variant(language_code)
    locale = _LOCALES_BY_CODE.get(code)
    return locale if locale is not None else _remember(Locale.objects.get(language_code=code))


def locale_by_id(pk):
    """The Locale with primary key ``pk``, from the cache (what ``obj.locale`` would load)."""
    locale = _LOCALES_BY_ID.get(pk)
    return locale if locale is not None else _remember(Locale.objects.get(pk=pk))


def default_locale():
    """The Locale of settings.LANGUAGE_CODE (Wagtail's ``Locale.get_default()``, cached)."""
    return locale_for_language(settings.LANGUAGE_CODE)


def active_locale():
    """The Locale of the active language (the default locale when it has none); Wagtail's
    ``Locale.get_active()``, cached."""
    try:
        return locale_for_language(translation.get_language())
    except (Locale.DoesNotExist, LookupError):
        return default_locale()


def mark_edition(edition, locale_id):
    """Set ``is_fallback`` and ``fallback_language`` on ``edition`` (a term or page shown to
    readers of ``locale_id``): whether it is in another language, and which. Returns it."""
    edition.is_fallback = edition.locale_id != locale_id
    edition.fallback_language = language_code_for(edition.locale_id) if edition.is_fallback else ""
    return edition


def localize_many(objects, locale=None):
    """Return ``objects`` in order, each replaced by its translation in ``locale``.

    Objects without a (live, for pages) translation are returned as they are, with
    ``is_fallback = True`` and ``fallback_language`` set to their own language code.
    Costs one query per model class, however many objects there are.
    """
    locale = locale or active_locale()
    objects = [obj for obj in objects if obj is not None]
    by_model = defaultdict(list)
    for obj in objects:
        if obj.locale_id != locale.pk:
            by_model[type(obj)].append(obj.translation_key)
    found = {}
    for model, keys in by_model.items():
        if issubclass(model, Page):
            queryset = visible(model.objects.all()).filter(locale=locale)
        else:
            queryset = model.objects.filter(locale=locale)
        for translated in queryset.filter(translation_key__in=keys):
            found[(model, translated.translation_key)] = translated
    result = []
    for obj in objects:
        if obj.locale_id == locale.pk:
            localized = obj
        else:
            localized = found.get((type(obj), obj.translation_key), obj)
        result.append(mark_edition(localized, locale.pk))
    return result


def visible_editions(pages, locale=None):
    """For each of ``pages``, the edition readers of ``locale`` may open: its visible
    translation in ``locale``, else the page itself when it is visible, else None (a draft,
    private or expired page with no visible translation, which must not be named or linked).

    Editions in another language than ``locale`` get ``is_fallback = True`` and
    ``fallback_language`` (as localize_many). One query per page model; none when every
    page is in ``locale`` and says whether readers see it (``readers_see``, annotated by
    the query that loaded it)."""
    locale = locale or active_locale()
    pages = list(pages)
    if all(
        page is None or (page.locale_id == locale.pk and hasattr(page, "readers_see"))
        for page in pages
    ):
        return [
            mark_edition(page, locale.pk) if page is not None and page.readers_see else None
            for page in pages
        ]
    by_model = defaultdict(list)
    for page in pages:
        if page is not None:
            by_model[type(page)].append(page)
    in_locale, shown = {}, set()
    for model, group in by_model.items():
        ids = {page.pk for page in group}
        candidates = model.objects.filter(
            Q(pk__in=ids)
            | Q(translation_key__in={page.translation_key for page in group}, locale=locale)
        )
        for edition in visible(candidates):
            shown.add((model, edition.pk))
            if edition.locale_id == locale.pk:
                in_locale[(model, edition.translation_key)] = edition
    result = []
    for page in pages:
        edition = None
        if page is not None:
            edition = in_locale.get((type(page), page.translation_key))
            if (edition is None or edition.pk == page.pk) and (type(page), page.pk) in shown:
                edition = page  # the caller's instance, with whatever it prefetched
        if edition is not None:
            mark_edition(edition, locale.pk)
        result.append(edition)
    return result


def visible_editions_by_id(ids, locale=None, fields=("url_path",)):
    """{page id: the edition readers of ``locale`` may open, or None} for page ``ids``, by
    the rule of :func:`visible_editions`, in one query (the pages and their translations
    together). Editions are generic Page objects with ``fields`` (and ``translation_key``,
    ``locale_id``) loaded, marked as visible_editions marks them."""
    locale = locale or active_locale()
    ids = sorted(set(ids))
    if not ids:
        return {}
    rows = _edition_rows(ids=ids, locale_id=locale.pk, now=timezone.now(), fields=tuple(fields))
    in_locale = {
        row.translation_key: row for row in rows if row.readers_see and row.locale_id == locale.pk
    }
    result = {}
    wanted = set(ids)
    for row in rows:
        if row.pk not in wanted:
            continue
        edition = in_locale.get(row.translation_key) or (row if row.readers_see else None)
        if edition is not None:
            mark_edition(edition, locale.pk)
        result[row.pk] = edition
    return result


@prepared
def _edition_rows(ids, locale_id, now, fields):
    """The pages ``ids`` and their translations in ``locale_id``, each with ``readers_see``."""
    keys = Page.objects.filter(pk__in=ids).values("translation_key")
    return (
        Page.objects.filter(Q(pk__in=ids) | Q(locale_id=locale_id, translation_key__in=keys))
        .annotate(readers_see=ExpressionWrapper(visible_q(now), output_field=BooleanField()))
        .only("id", "translation_key", "locale_id", *fields)
    )


def localize_rows(candidates, rows, locale, fields):
    """``rows`` (dicts of ``fields`` from ``values()``) each replaced by its translation in
    ``locale``, by the same rule as localize_many; ``candidates()`` returns the queryset of
    translations that count (e.g. live and public pages), called only when needed. One
    query, none when every row is in ``locale``; no model instances. Each row gets
    ``is_fallback`` and ``fallback_language``."""
    keys = {row["translation_key"] for row in rows if row["locale_id"] != locale.pk}
    found = {}
    if keys:
        for translated in (
            candidates().filter(locale=locale, translation_key__in=keys).values(*fields)
        ):
            found[translated["translation_key"]] = translated
    result = []
    for row in rows:
        localized = row if row["locale_id"] == locale.pk else found.get(row["translation_key"], row)
        is_fallback = localized["locale_id"] != locale.pk
        result.append(
            {
                **localized,
                "is_fallback": is_fallback,
                "fallback_language": language_code_for(localized["locale_id"])
                if is_fallback
                else "",
            }
        )
    return result


def localize(obj, locale=None):
    """One object in the reader's language (see localize_many)."""
    if obj is None:
        return None
    return localize_many([obj], locale)[0]


def language_code_for(locale_id):
    """A locale's language code, from the process-wide Locale cache (one query loads every
    locale when ``locale_id`` is not cached yet)."""
    if locale_id not in _LOCALES_BY_ID:
        for locale in Locale.objects.all():
            _remember(locale)
    locale = _LOCALES_BY_ID.get(locale_id)
    return locale.language_code if locale is not None else settings.LANGUAGE_CODE


def _language_position(language_code):
    """Sort key: the language's place in settings.LANGUAGES (unknown ones last)."""
    order = [code for code, _name in settings.LANGUAGES]
    return order.index(language_code) if language_code in order else 99


def live_translation_rows(page, *fields):
    """live_translations as ``values()`` dicts (``language_code`` plus ``fields``), without
    page instances: for payloads that only need a few columns."""
    rows = _translation_rows(
        model=type(page),
        translation_key=page.translation_key,
        page_id=page.pk,
        now=timezone.now(),
        fields=fields,
    )
    rows.sort(key=lambda row: _language_position(row["language_code"]))
    return rows


@prepared
def _translation_rows(model, translation_key, page_id, now, fields):
    return (
        visible(model.objects.filter(translation_key=translation_key), now)
        .exclude(pk=page_id)
        .values(*fields, language_code=F("locale__language_code"))
    )


def live_translations(page):
    """Other language editions of ``page`` that anonymous readers can open, in LANGUAGES order."""
    pages = list(
        visible(page.get_translations(inclusive=False))
        .select_related("locale")
        .specific(defer=True)
    )
    pages.sort(key=lambda p: _language_position(p.locale.language_code))
    for other in pages:
        other.language_code = other.locale.language_code
        other.language_name_local = translation.get_language_info(other.language_code)["name_local"]
    return pages
