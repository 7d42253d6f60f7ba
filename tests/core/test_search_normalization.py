"""core.text_normalization: the words SQLite's search index and queries compare."""

import pytest

from core.text_normalization import search_text, strip_arabic_marks


@pytest.mark.parametrize(
    ("written", "variant"),
    [
        ("العراق", "عراق"),  # the definite article
        ("للعراق", "عراق"),  # preposition + article
        ("إيران", "ايران"),  # alef with hamza below
        ("الأمن", "الامن"),  # alef with hamza above
        ("آمن", "امن"),  # alef with madda
        ("ٱلعراق", "العراق"),  # alef wasla
        ("العِرَاق", "العراق"),  # tashkeel
        ("العـــراق", "العراق"),  # tatweel
        ("الكبرى", "الكبري"),  # alef maqsura
        ("مستشفى", "مستشفي"),
        ("سياسه", "سياسة"),  # ta marbuta written as ha
        ("السياسة", "سياسة"),
        ("الحشد", "حشد"),
        ("٢٠٢٠", "2020"),  # Arabic-Indic digits
        ("militias", "militia"),
        ("Militias", "militia"),
        ("Iraq's", "Iraq"),
        ("Dialogues", "dialogue"),
    ],
)
def test_a_word_and_its_variant_have_one_search_form(written, variant):
    assert search_text(written) == search_text(variant)


def test_search_forms_are_the_stems_postgresql_would_index():
    assert search_text("الحشد الشعبي في العراق، militias") == "حشد شعب في عراق militia"


def test_a_word_split_by_punctuation_keeps_its_parts_in_order():
    assert search_text("U.S.-Iraq Strategic Dialogue") == "u s iraq strateg dialogu"


def test_unstemmed_forms_are_only_normalized_and_lower_cased():
    assert search_text("الإيرانيّة Militias", stem=False) == "الايرانيه militias"


def test_text_without_letters_or_digits_has_no_search_words():
    assert search_text('ـــ ؟ " * - _') == ""


def test_arabic_marks_are_stripped_and_nothing_else():
    assert strip_arabic_marks("العِرَاقُ ـ Iraq-1") == "العراق  Iraq-1"
