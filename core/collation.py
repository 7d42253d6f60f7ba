"""Sorting words as readers of their language expect: the Unicode Collation Algorithm.

Python's ``sorted`` compares code points, which puts Arabic words with a hamza on the alef
(أوروبا، إيران) before every word with a bare alef (العراق) and sorts a word with a short vowel
mark after its unmarked neighbours. The UCA's default table (DUCET, through pyuca) treats
أ إ آ ا as one letter and marks as secondary differences, as Arabic dictionaries do, and
sorts Latin text case-insensitively first.
"""

import functools

import pyuca


@functools.cache
def _collator():
    # Reads the collation table once per process (about a second).
    return pyuca.Collator()


def sort_key(text):
    """A key for ``sorted`` that orders ``text`` by the Unicode Collation Algorithm."""
    return _collator().sort_key(str(text))
