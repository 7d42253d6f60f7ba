"""Wagtail's stock API v2 at /api/v2/ (pages, images, documents) for generic tooling.

The product's API is /api/v1/; v2 stays for tools that speak Wagtail's API. Page types
expose their fields through ``api_fields`` on the models. The endpoints are Wagtail's with
two differences:

- Pages follow the readers' rule (``core.visibility.visible``) whoever asks: live, outside
  every private section, not expired. Author rows whose expert readers may not see are left
  out, chooser values drop hidden picks (the blocks' ``get_api_representation``), and rich
  text is front-end HTML (``WAGTAILAPI_RICH_TEXT_FORMAT = "html"``; links to hidden pages
  keep their text and lose their address), never the stored ``linktype`` markup.
- Every query value is checked before use: control characters, integers out of range, an
  unknown locale, search operator or rich text format, a filter value its field cannot
  hold are a 400 with a JSON ``message``. Anything unexpected is a JSON 500, logged.
"""

import logging
import re
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.http import Http404
from modelcluster.fields import ParentalKey
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import ChildRelationField, PageAliasOfField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page

from core.visibility import visible, visible_ids

logger = logging.getLogger(__name__)

#: The largest id or offset a query may name (the database's 32-bit integer, as /api/v1/).
MAX_INTEGER = 2**31 - 1
#: Parameters that take a non-negative integer ("root" where Wagtail allows it).
INTEGER_PARAMETERS = {
    "offset": False,
    "limit": False,
    "id": False,
    "child_of": True,
    "descendant_of": True,
    "ancestor_of": False,
    "translation_of": True,
}
SEARCH_OPERATORS = ("and", "or")
RICH_TEXT_FORMAT = "html"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_query(params):
    """Raise BadRequestError for a query value no endpoint can use (see the module docstring).
    Checks that need the endpoint (fields, ordering, types) are Wagtail's own."""
    for name, values in params.lists():
        for value in [name, *values]:
            if _CONTROL.search(value):
                raise BadRequestError(f"{name}: control characters are not allowed")
    for name, allows_root in INTEGER_PARAMETERS.items():
        value = params.get(name)
        if value is None or (allows_root and value == "root"):
            continue
        if not value.isascii() or not value.isdigit() or int(value) > MAX_INTEGER:
            raise BadRequestError(f"{name} must be an integer from 0 to {MAX_INTEGER}")
    operator = params.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    rich_text_format = params.get("rich_text_format")
    if rich_text_format not in (None, RICH_TEXT_FORMAT):
        raise BadRequestError(f"rich_text_format must be '{RICH_TEXT_FORMAT}'")


class CheckedFieldsFilter(wagtail_filters.FieldsFilter):
    """Wagtail's field filters (``?title=…``), with a value the field cannot hold (a date
    that is not one) a 400 instead of a server error."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError, TypeError) as error:
            raise BadRequestError(f"field filter error: {error}") from error


class CheckedLocaleFilter(wagtail_filters.LocaleFilter):
    """``?locale=`` naming no locale is a bad request (400), not a missing page."""

    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        if code is not None and not Locale.objects.filter(language_code=code).exists():
            raise BadRequestError(f"unknown locale '{code}'")
        return super().filter_queryset(request, queryset, view)


class CheckedSearchFilter(wagtail_filters.SearchFilter):
    """Wagtail's ``?search=``, with double quotes read as spaces and the words trimmed:
    quotes mean nothing in a plain-text search, but modelsearch's SQLite backend puts each
    term between double quotes without escaping them, so one quote broke the query; and a
    query of spaces only crashed the backend (an empty one matches nothing, as Wagtail's)."""

    def filter_queryset(self, request, queryset, view):
        query = request.GET.get("search")
        if query is not None:
            params = request.GET.copy()
            params["search"] = query.replace('"', " ").strip()
            request = SimpleNamespace(GET=params)
        return super().filter_queryset(request, queryset, view)


#: Wagtail's filter backends and the checked ones that replace them.
CHECKED_FILTERS = {
    wagtail_filters.FieldsFilter: CheckedFieldsFilter,
    wagtail_filters.LocaleFilter: CheckedLocaleFilter,
    wagtail_filters.SearchFilter: CheckedSearchFilter,
}


def checked(backends):
    """``backends`` with each of Wagtail's filters replaced by its checked version."""
    return [CHECKED_FILTERS.get(backend, backend) for backend in backends]


class CheckedEndpointMixin:
    """Query checks before any work, and JSON for every error."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query(request.GET)

    def resolve_rich_text_format(self):
        return RICH_TEXT_FORMAT

    def handle_exception(self, exc):
        if isinstance(exc, Http404 | BadRequestError | APIException):
            return super().handle_exception(exc)
        logger.exception("API v2 error on %s", self.request.get_full_path())
        return Response(
            {"message": "Unexpected error."}, status=status.HTTP_500_INTERNAL_SERVER_ERROR
        )


def _page_targets(child):
    """Ids of the pages a child row (e.g. an author row) points at."""
    return {
        getattr(child, field.attname)
        for field in child._meta.concrete_fields
        if field.is_relation
        and field.many_to_one
        and isinstance(field.related_model, type)
        and issubclass(field.related_model, Page)
        and not isinstance(field, ParentalKey)  # the page being serialized
    } - {None}


class VisibleChildRelationField(ChildRelationField):
    """Child rows (a brief's authors) without the rows that point at a page readers may not
    see: a draft or private expert is left out, as on the HTML page."""

    def to_representation(self, value):
        children = list(value.all())
        targets = [_page_targets(child) for child in children]
        shown = visible_ids(pk for ids in targets for pk in ids)
        serializer = self.serializer_class(context=self.context)
        return [
            serializer.to_representation(child)
            for child, ids in zip(children, targets, strict=True)
            if ids <= shown
        ]


class VisibleAliasOfField(PageAliasOfField):
    """``alias_of`` only when readers may see the original page."""

    def get_attribute(self, instance):
        original = instance.alias_of
        if original is None or not self.context["base_queryset"].filter(pk=original.pk).exists():
            return None
        return original


class VisiblePageSerializer(PageSerializer):
    """Wagtail's page serializer with hidden pages left out of child rows and alias_of."""

    alias_of = VisibleAliasOfField(read_only=True)

    def build_relational_field(self, field_name, relation_info):
        field_class, field_kwargs = super().build_relational_field(field_name, relation_info)
        if field_class is ChildRelationField:
            field_class = VisibleChildRelationField
        return field_class, field_kwargs


class PagesEndpoint(CheckedEndpointMixin, PagesAPIViewSet):
    """Pages readers may see, whoever asks (no session or login widens it)."""

    base_serializer_class = VisiblePageSerializer
    filter_backends = checked(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        # As an id subquery: the search backend accepts filters on indexed fields only
        # (``id`` is one, ``expire_at`` is not).
        return super().get_base_queryset().filter(pk__in=visible(Page.objects.all()).values("pk"))


class ImagesEndpoint(CheckedEndpointMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint with checked query values."""

    filter_backends = checked(ImagesAPIViewSet.filter_backends)


class DocumentsEndpoint(CheckedEndpointMixin, DocumentsAPIViewSet):
    """Wagtail's documents endpoint with checked query values."""

    filter_backends = checked(DocumentsAPIViewSet.filter_backends)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
