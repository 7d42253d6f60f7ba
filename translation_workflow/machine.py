"""Machine translation that fails politely.

wagtail-localize's "Translate with <machine>" lets any error of the translation service through:
an unreachable LibreTranslate server (a closed port, a timeout), a server answering 500 or an
answer that is not the JSON it expects gives the translator a server error. ``machine_translate``
serves the same URL (registered before wagtail-localize's): the service's failure becomes an
error message in the editor, and nothing is saved (the strings stay as they were).
"""

import logging

import requests
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.views import edit_translation

logger = logging.getLogger(__name__)

#: What a translation service's failure raises through wagtail-localize's translators: the HTTP
#: client's errors (no connection, timeout, an error status), and an answer of the wrong shape
#: (not JSON, no ``translatedText``, fewer texts than asked for).
SERVICE_ERRORS = (requests.RequestException, ValueError, KeyError, TypeError, IndexError)


def failure_message(translator, error):
    """The message a translator reads when ``translator`` failed with ``error``."""
    if isinstance(error, (requests.ConnectionError, requests.Timeout)):
        reason = gettext("the service cannot be reached")
    elif isinstance(error, requests.HTTPError) and error.response is not None:
        reason = gettext("the service answered with an error (HTTP %(status)d)") % {
            "status": error.response.status_code
        }
    else:
        reason = gettext("the service's answer could not be read")
    return gettext(
        "%(service)s could not translate: %(reason)s. Nothing was changed; try again later "
        "or translate the strings yourself."
    ) % {
        "service": getattr(translator, "display_name", gettext("Machine translation")),
        "reason": reason,
    }


def report_failure(request, translator, error):
    """Log ``error`` for the site's operators and tell the translator in plain words."""
    logger.warning("Machine translation failed: %r", error, exc_info=error)
    messages.error(request, failure_message(translator, error))


def machine_translate(request, translation_id):
    """wagtail-localize's machine_translate view; a failing service is an error message."""
    translator = get_machine_translator()
    try:
        with transaction.atomic():
            return edit_translation.machine_translate(request, translation_id)
    except SERVICE_ERRORS as error:
        report_failure(request, translator, error)
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


def admin_urls():
    """wagtail-localize's machine translation URL, served by the wrapper (registered first;
    reversing ``wagtail_localize:machine_translate`` gives the same path)."""
    return [
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            machine_translate,
            name="translation_machine_translate",
        ),
    ]
