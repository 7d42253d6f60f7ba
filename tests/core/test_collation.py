"""Alphabetical order of names (core.collation): Arabic as Arabic lists file it, Latin
case-insensitively."""

from core.collation import sort_key


def test_arabic_names_file_alef_with_hamza_as_alef_with_the_article_counted():
    # Arabic Wikipedia's list of countries: أفغانستان، ألبانيا، الجزائر، أندورا.
    names = ["أندورا", "الجزائر", "أفغانستان", "ألبانيا", "إيران", "أوروبا", "العراق"]
    assert sorted(names, key=sort_key) == [
        "أفغانستان",
        "ألبانيا",
        "الجزائر",
        "العراق",
        "أندورا",
        "أوروبا",
        "إيران",
    ]
    # Code point order files every أ and إ before every bare ا.
    assert sorted(names)[:2] == ["أفغانستان", "ألبانيا"] and sorted(names)[-1] == "العراق"


def test_marks_ta_marbuta_and_alef_maqsura_do_not_move_a_name():
    assert sorted(["عُمان", "عمان", "عراق"], key=sort_key) == ["عراق", "عمان", "عُمان"]
    assert sorted(["مستشفيات", "مستشفى"], key=sort_key) == ["مستشفى", "مستشفيات"]
    assert sorted(["قريتان", "قرية"], key=sort_key) == ["قرية", "قريتان"]


def test_latin_names_sort_without_regard_to_case():
    assert sorted(["iraq", "Iran", "Europe"], key=sort_key) == ["Europe", "Iran", "iraq"]
