"""Words reduced to the forms a keyword search compares, for databases without stemming.

PostgreSQL's ``english`` and ``arabic`` text-search configurations stem words; SQLite's
FTS5 compares them literally, so on SQLite the search index and every query go through
``search_text`` instead: the same function on both sides, so whatever it does, a word
and its variants meet.

Arabic-script words are normalized and then stemmed with Snowball's Arabic stemmer (the
algorithm behind PostgreSQL's ``arabic_stem``), other words are lower-cased and stemmed
with Snowball's English stemmer. The script decides, not the page's language, so an
Arabic name in an English brief and a Latin acronym in an Arabic one are treated alike
in the index and in the query.

Arabic normalization, each step where it keeps the stemmer's rules working:

1. before stemming: tashkeel (harakat, tanwin, shadda, sukun, superscript alef, Quranic
   marks) and tatweel are removed; ٱ (alef wasla, unknown to the stemmer) becomes ا;
   ى becomes ي (the stemmer strips a final ي but not ى, so doing it first makes مستشفى
   and مستشفي one stem);
2. Snowball strips the definite article, the prefixes (و ب ك ل ف…) and the suffixes;
3. after stemming: أ إ آ become ا and ة becomes ه. Doing either before would hide a
   letter the stemmer's rules read: it strips و only before a letter other than ا
   (وأمريكا, not وافق), and strips ة as a suffix (السياسة and سياسة both give سياس only
   when it sees the ة).
"""

import functools
import re
import threading
import unicodedata

import snowballstemmer

#: Tashkeel, Quranic annotation marks and tatweel: dropped before anything else.
ARABIC_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]"
)
_BEFORE_STEMMING = str.maketrans(
    {
        "\u0671": "\u0627",  # ٱ (alef wasla) -> ا
        "\u0649": "\u064a",  # ى (alef maqsura) -> ي
        "\u06cc": "\u064a",  # ی (Persian ya, common from Persian keyboards) -> ي
    }
)
_AFTER_STEMMING = str.maketrans(
    {
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0629": "\u0647",  # ة (ta marbuta) -> ه
    }
)
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# Letters and digits, with inner apostrophes kept so the English stemmer sees "iraq's".
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")

_local = threading.local()


def strip_arabic_marks(text):
    """``text`` without tashkeel and tatweel (safe before any search backend: PostgreSQL's
    ``arabic`` stemmer drops them from indexed words too, and a mark splits a word in two
    for anything that reads ``\\w``)."""
    return ARABIC_MARKS.sub("", text)


def normalize_arabic(word, *, stem=True):
    """An Arabic word in its search form: normalized, stemmed unless ``stem`` is False."""
    word = strip_arabic_marks(word).translate(_BEFORE_STEMMING)
    if stem:
        word = _stemmer("arabic").stemWord(word)
    return word.translate(_AFTER_STEMMING)


def _stemmer(language):
    # Snowball stemmer objects keep state between calls: one per thread.
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(language)
    return stemmers[language]


@functools.lru_cache(maxsize=65536)
def _stem(word):
    """The search form of one lower-cased word (cached: a body repeats its words)."""
    if _ARABIC_SCRIPT.search(word):
        return normalize_arabic(word)
    return _stemmer("english").stemWord(word)


def search_words(text, *, stem=True):
    """The words of ``text`` in their search form (see the module docstring); with
    ``stem=False`` only normalized and lower-cased, for prefix (autocomplete) matching."""
    text = unicodedata.normalize("NFKC", text or "").replace("\u2019", "'").casefold()
    text = strip_arabic_marks(text)
    words = _WORD.findall(text)
    if stem:
        return [_stem(word) for word in words]
    return [
        normalize_arabic(word, stem=False) if _ARABIC_SCRIPT.search(word) else word
        for word in words
    ]


def search_text(text, *, stem=True):
    """``search_words(text)`` joined by spaces: what the index stores and a query matches."""
    return " ".join(search_words(text, stem=stem))
