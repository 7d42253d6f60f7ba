"""A generated archive of any size, for the benchmark and the scale test.

Seeded, so two runs produce the same file. Bodies have the shape of real briefs: headings,
paragraphs with external and archive links, a list, a quote; most briefs have one to
three expert authors, some a guest author by name; every brief recommends three others
(some later in the file, so the deferred-reference pass is exercised). With
``translated_every``, every n-th brief also gets an Arabic edition of the same shape; with
``detail_sections``, the first brief (``analysis-0``, the benchmark's detail) has that many
sections (7 blocks each), three expert authors and an Arabic edition.
"""

import random
from pathlib import Path

import orjson

REGIONS = ["Iraq", "Iran", "Syria", "Lebanon", "Jordan", "Egypt", "Gulf States", "Yemen"]
ISSUES = ["Energy", "Terrorism", "Military", "Democracy", "Economics", "Diplomacy"]
TYPES = ["Brief Analysis", "Policy Notes", "Articles & Testimony", "Podcast"]
WORDS = [
    "policy",
    "security",
    "dialogue",
    "region",
    "government",
    "forces",
    "militia",
    "sanctions",
    "economy",
    "energy",
    "reform",
    "election",
    "parliament",
    "ceasefire",
    "negotiations",
    "deterrence",
    "alliance",
    "strategy",
    "crisis",
    "stability",
    "withdrawal",
    "interests",
    "influence",
    "transition",
    "agreement",
]


# Arabic words for the Arabic editions (the structure, not the sense, is what is measured).
ARABIC_WORDS = [
    "السياسة", "الأمن", "الحوار", "المنطقة", "الحكومة", "القوات", "الميليشيا", "العقوبات",
    "الاقتصاد", "الطاقة", "الإصلاح", "الانتخابات", "البرلمان", "وقف", "المفاوضات", "الردع",
    "التحالف", "الاستراتيجية", "الأزمة", "الاستقرار", "الانسحاب", "المصالح", "النفوذ",
    "الانتقال", "الاتفاق",
]  # fmt: skip


def _sentence(rng, words=14, vocabulary=WORDS):
    text = " ".join(rng.choice(vocabulary) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _section(rng, number, total, vocabulary=WORDS):
    """Seven blocks: two headings, three paragraphs (two links), a list and a quote."""
    target = rng.randrange(total)

    def say(words):
        return _sentence(rng, words, vocabulary)

    return (
        f"<h2>{say(4)[:-1]}</h2>"
        f'<p>{say(14)} <a href="https://example.org/{number}">{say(2)[:-1]}</a> '
        f'<a href="/policy-analysis/analysis-{target}/">{say(3)[:-1]}</a>.</p>'
        f"<p>{say(30)} {say(25)}</p>"
        f"<ul><li>{say(6)}</li><li>{say(7)}</li></ul>"
        f"<h2>{say(3)[:-1]}</h2><p>{say(40)}</p>"
        f"<blockquote><p>{say(12)}</p><cite>{say(2)[:-1]}</cite></blockquote>"
    )


def _body(rng, number, total, sections=1, vocabulary=WORDS):
    return "".join(_section(rng, number, total, vocabulary) for _ in range(sections))


def write_archive(
    path, analysis=1000, experts=50, seed=20200514, translated_every=0, detail_sections=1
):
    """Write a JSON Lines archive; returns the number of records."""
    rng = random.Random(seed)  # noqa: S311 (demo text, not security)
    translations = []
    records = []
    for vocabulary, names in (("type", TYPES), ("region", REGIONS), ("issue", ISSUES)):
        for name in names:
            records.append({"kind": "term", "id": f"{vocabulary}-{name}", "vocabulary": vocabulary,
                            "name": name})  # fmt: skip
    for number in range(experts):
        records.append(
            {
                "kind": "expert",
                "id": f"expert-{number}",
                "name": f"Expert Number {number}",
                "position": "Senior Fellow",
                "short_bio": f"Expert Number {number} is a senior fellow. {_sentence(rng)}",
                "bio_html": f"<p>{_sentence(rng, 30)}</p><p>{_sentence(rng, 20)}</p>",
                "expertise": [rng.choice(REGIONS), rng.choice(ISSUES)],
                "languages": ["English"],
                "links": [{"label": "Email", "url": f"expert{number}@example.org"}],
            }
        )
    for number in range(analysis):
        authors = list(
            dict.fromkeys(f"expert-{rng.randrange(experts)}" for _ in range(rng.randint(0, 3)))
        )
        if number % 25 == 0:
            authors.append({"name": f"Guest Author {number % 7}"})
        sections = detail_sections if number == 0 else 1
        if number == 0 and detail_sections > 1:
            authors = [f"expert-{n % experts}" for n in range(3)]
        translated = number == 0 and detail_sections > 1
        translated = translated or bool(translated_every and number % translated_every == 0)
        if translated:
            translations.append(
                {
                    "kind": "analysis",
                    "id": f"analysis-{number}-ar",
                    "locale": "ar",
                    "translation_of": f"analysis-{number}",
                    "slug": f"analysis-{number}-ar",
                    "title": f"{_sentence(rng, 7, ARABIC_WORDS)[:-1]} ({number})",
                    "summary": _sentence(rng, 25, ARABIC_WORDS),
                    "body_html": _body(rng, number, analysis, sections, ARABIC_WORDS),
                }
            )
        recommended = [f"analysis-{rng.randrange(analysis)}" for _ in range(3)]
        if number == 0 and detail_sections > 1:
            # The measured detail: three distinct picks, as the issue's shape says.
            recommended = [f"analysis-{n}" for n in range(1, 4)]
        records.append(
            {
                "kind": "analysis",
                "id": f"analysis-{number}",
                "slug": f"analysis-{number}",
                "type": rng.choice(TYPES),
                "title": f"{_sentence(rng, 7)[:-1]} ({number})",
                "date": f"{2010 + number % 15}-{1 + number % 12:02d}-{1 + number % 28:02d}",
                "summary": _sentence(rng, 25),
                "authors": authors,
                "regions": rng.sample(REGIONS, 2),
                "issues": rng.sample(ISSUES, 1),
                "tags": rng.sample(WORDS, 2),
                "body_html": _body(rng, number, analysis, sections),
                "recommended": recommended,
            }
        )
    records += translations
    path = Path(path)
    with path.open("wb") as out:
        for record in records:
            out.write(orjson.dumps(record) + b"\n")
    return len(records)
