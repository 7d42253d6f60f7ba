"""The self-hosted web fonts: an Arabic face and a matching Latin serif, served from this
site (no font CDN, so the Content-Security-Policy's font-src 'self' holds), with their
licences, and a font stack without display faces before the general ones."""

import re

from django.contrib.staticfiles import finders

CSS = finders.find("css/site.css")


def stylesheet():
    with open(CSS, encoding="utf-8") as handle:
        return handle.read()


def font_faces():
    """{(family, style, weight): url} of every @font-face in site.css."""
    faces = {}
    for block in re.findall(r"@font-face\s*{([^}]*)}", stylesheet()):
        family = re.search(r'font-family:\s*"([^"]+)"', block).group(1)
        style = re.search(r"font-style:\s*(\w+)", block).group(1)
        weight = re.search(r"font-weight:\s*(\d+)", block).group(1)
        url = re.search(r'url\("\.\./([^"]+)"\)', block).group(1)
        faces[(family, style, weight)] = url
    return faces


def test_the_arabic_and_the_latin_reading_faces_ship_as_woff2_files():
    faces = font_faces()
    assert set(faces) == {
        ("Noto Naskh Arabic", "normal", "400"),
        ("Noto Naskh Arabic", "normal", "700"),
        ("Noto Serif", "normal", "400"),
        ("Noto Serif", "italic", "400"),
        ("Noto Serif", "normal", "700"),
        ("Noto Serif", "italic", "700"),
    }
    for url in faces.values():
        path = finders.find(url)
        assert path, f"{url} is not a static file"
        with open(path, "rb") as handle:
            assert handle.read(4) == b"wOF2", url


def test_the_fonts_come_with_their_open_font_licence():
    for name in ("OFL-NotoNaskhArabic.txt", "OFL-NotoSerif.txt"):
        with open(finders.find(f"fonts/{name}"), encoding="utf-8") as handle:
            assert "SIL Open Font License, Version 1.1" in handle.read()


def test_the_arabic_stack_starts_with_the_web_font_and_has_no_display_face():
    stack = re.search(r"--font-arabic:([^;]+);", stylesheet()).group(1)
    families = [name.strip().strip('"') for name in stack.split(",")]
    assert families[0] == "Noto Naskh Arabic"
    assert families[-1] == "serif"
    assert "Arabic Typesetting" not in families


def test_no_rule_gives_every_english_element_the_interface_face():
    # A bare :lang(en) matched every element of an English page and replaced the serif
    # reading face of .brief__body; Latin fallbacks are styled on Arabic pages only.
    rules = re.sub(r"/\*.*?\*/", "", stylesheet(), flags=re.DOTALL)
    assert not re.search(r"(^|[\s,}]):lang\(en\)", rules)
    assert 'html:lang(ar) .brief__body [lang|="en"] { font-family: var(--font-serif); }' in rules
