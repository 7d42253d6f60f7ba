"""Month names as the Arabic edition writes them: Syriac name / Western name ("أيار/مايو").

Django's ``date`` filter takes month names from ``django.utils.dates.MONTHS``, translated by
Django's own catalogue ("مايو" only). Listing the same source strings here puts them in core's
catalogue (``makemessages`` keeps them), and an app's catalogue takes precedence over
Django's, so every date on the site uses the style of the translated text
(docs/translation.md, "Dates and month names"). Nothing imports this module.
"""

from django.utils.translation import gettext_noop

MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
