"""What the record writers store for the reader's chrome: link labels that only name their
kind are left to the templates (translated), Arabic lists are written with the Arabic comma,
and the hero alt text is imported and translated."""

import pytest

from experts.models import ExpertPage
from policyanalysis.models import BriefPage
from tests.support.imports import archive, run

pytestmark = pytest.mark.django_db

EXPERT = {
    "kind": "expert",
    "id": "lina-haddad",
    "name": "Lina Haddad",
    "short_bio": "Lina Haddad studies water policy.",
    "languages": ["English", "German"],
    "links": [
        {"label": "Email", "url": "mailto:lina@example.org"},
        {"label": "Website", "url": "https://example.org/lina"},
        {"label": "Field notes", "url": "https://example.org/notes"},
    ],
}
EXPERT_AR = {
    "kind": "expert",
    "id": "lina-haddad",
    "locale": "ar",
    "translation_of": "lina-haddad",
    "name": "لينا حداد",
    "languages": ["الإنجليزية", "الألمانية"],
}
BRIEF = {
    "kind": "analysis",
    "id": "water",
    "type": "Brief Analysis",
    "title": "Water in Jordan",
    "date": "2021-04-02",
    "authors": ["lina-haddad"],
    "body_html": "<p>Dams.</p>",
    "image": "photos/chart.png",
    "image_alt": "A dam on the Yarmouk river",
}
BRIEF_AR = {
    "kind": "analysis",
    "id": "water",
    "locale": "ar",
    "translation_of": "water",
    "title": "المياه في الأردن",
    "body_html": "<p>سدود.</p>",
    "image_alt": "سد على نهر اليرموك",
}


def test_chrome_strings_are_stored_for_translation(tree, tmp_path):
    path = archive(tmp_path, [EXPERT, EXPERT_AR, BRIEF, BRIEF_AR])
    code, out, err = run("import_analysis", path)
    assert code == 0, out + err

    english = ExpertPage.objects.get(slug="lina-haddad", locale__language_code="en")
    # "Email" and "Website" only name the kind: the page shows the kind in the reader's
    # language ("البريد الإلكتروني"); a label of its own is kept.
    assert [(link.kind, link.label) for link in english.links.all()] == [
        ("email", ""),
        ("website", ""),
        ("other", "Field notes"),
    ]
    arabic = ExpertPage.objects.get(
        translation_key=english.translation_key, locale__language_code="ar"
    )
    assert (english.languages, arabic.languages) == ("English, German", "الإنجليزية، الألمانية")

    brief = BriefPage.objects.get(title="Water in Jordan")
    arabic_brief = BriefPage.objects.get(
        translation_key=brief.translation_key, locale__language_code="ar"
    )
    assert (brief.hero_alt, arabic_brief.hero_alt) == (
        "A dam on the Yarmouk river",
        "سد على نهر اليرموك",
    )
