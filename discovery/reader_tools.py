"""Reader tools on a brief: reading time, share links (plain links, no third-party script),
print, copy link and the device's share sheet (static/discovery/reader-tools.js, which
reveals those buttons only where the browser supports them).

Reading time is words / rate, rounded up, at least one minute. Rates (words per minute,
silent reading of adult readers): English 230 (the issue's figure; the IReST study
measured 228 ± 30), Arabic 138 (IReST: Trauzettel-Klosinski, Dietz et al., "Standardized
Assessment of Reading Performance: The New International Reading Speed Texts IReST",
IOVS 2012, 138 ± 20 for Arabic). Other languages use the English rate.
"""

import math
import re
from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _

from core.localization import language_code_for

from .search import block_text

WORDS_PER_MINUTE = {"en": 230, "ar": 138}
DEFAULT_WORDS_PER_MINUTE = 230
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def word_count(brief):
    """Words a reader reads: title, subtitle, summary and the body's text."""
    raw = getattr(brief.body, "raw_data", brief.body) or []
    text = " ".join([brief.title, brief.subtitle, brief.summary, block_text(list(raw))])
    return len(_WORD.findall(text))


def reading_minutes(brief):
    rate = WORDS_PER_MINUTE.get(language_code_for(brief.locale_id), DEFAULT_WORDS_PER_MINUTE)
    return max(1, math.ceil(word_count(brief) / rate))


def share_links(title, url):
    """[(service, label, href)] for sharing ``url`` without any third-party script."""
    text = f"{title} {url}"
    return [
        (
            "email",
            _("E-mail"),
            "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
        ),
        ("x", "X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        (
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        (
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        ("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
    ]
