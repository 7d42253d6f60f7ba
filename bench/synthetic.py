"""A generated archive of any size, for the benchmark and the scale test.

Seeded, so two runs produce the same file. Bodies have the shape of real briefs: headings,
paragraphs with external and archive links, a list, a quote; most briefs have one to
three expert authors, some a guest author by name; every brief recommends three others
(some later in the file, so the deferred-reference pass is exercised).
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


def _sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _body(rng, number, total):
    target = rng.randrange(total)
    return (
        f"<h2>{_sentence(rng, 4)[:-1]}</h2>"
        f'<p>{_sentence(rng)} See <a href="https://example.org/{number}">the source</a> and '
        f'<a href="/policy-analysis/analysis-{target}/">a related brief</a>.</p>'
        f"<p>{_sentence(rng, 30)} {_sentence(rng, 25)}</p>"
        f"<ul><li>{_sentence(rng, 6)}</li><li>{_sentence(rng, 7)}</li></ul>"
        f"<h2>{_sentence(rng, 3)[:-1]}</h2><p>{_sentence(rng, 40)}</p>"
        f"<blockquote><p>{_sentence(rng, 12)}</p><cite>{_sentence(rng, 2)[:-1]}</cite></blockquote>"
    )


def write_archive(path, analysis=1000, experts=50, seed=20200514):
    """Write a JSON Lines archive; returns the number of records."""
    rng = random.Random(seed)  # noqa: S311 (demo text, not security)
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
                "body_html": _body(rng, number, analysis),
                "recommended": [f"analysis-{rng.randrange(analysis)}" for _ in range(3)],
            }
        )
    path = Path(path)
    with path.open("wb") as out:
        for record in records:
            out.write(orjson.dumps(record) + b"\n")
    return len(records)
