"""The reading faces as a browser applies them: Noto Serif for English briefs (a bare
:lang(en) rule used to replace it with the interface face), Noto Naskh Arabic for Arabic ones,
Latin fallbacks in Latin faces; the faces come from this site, each only where its script is
used (the English page loads the Arabic face for its language switch, "العربية")."""

from tests.support import factories
from tests.support.translation import translate_and_publish

READ_FONTS = """async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family);
}"""


def family(page, selector):
    return page.locator(selector).first.evaluate("(el) => getComputedStyle(el).fontFamily")


def test_english_and_arabic_briefs_use_their_reading_faces(page, site):
    for section in factories.site_tree():
        translate_and_publish(section)
    expert = factories.expert("Lina Haddad")
    english = factories.brief(
        "Water in Jordan",
        authors=[expert],
        body=[("paragraph", "<p>Dams on the Jordan river.</p>")],
    )
    arabic = translate_and_publish(english)

    page.goto(f"{site}{english.url}")
    assert family(page, ".brief__body p").startswith('"Noto Serif"')
    assert family(page, ".brief__title").startswith("system-ui")
    assert {"Noto Serif", "Noto Naskh Arabic"} <= set(page.evaluate(READ_FONTS))

    page.goto(f"{site}{arabic.url}")
    assert family(page, ".brief__body p").startswith('"Noto Naskh Arabic"')
    # The English author's name (a fallback) keeps a Latin face.
    assert family(page, ".byline a[lang=en]").startswith("system-ui")
    loaded = set(page.evaluate(READ_FONTS))
    assert "Noto Naskh Arabic" in loaded and "Noto Serif" not in loaded
    page.log.assert_clean()  # no font from elsewhere, no CSP violation
