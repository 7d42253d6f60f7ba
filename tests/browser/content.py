"""Content for the browser tests, built with the shared factories (fast and deterministic)."""

import datetime

from tests import factories
from tests.translation_support import translate_and_publish

#: Briefs matching type=policy-notes, region=iran, year=2021: more than one listing page (20).
MATCHING = 23


def reader_content():
    """A listing with a filter combination that spans two pages, near misses on every
    filter, and one brief with a published Arabic edition. Returns a dict of the pieces."""
    factories.site_tree()
    notes = factories.publication_type("Policy Notes", "policy-notes")
    analysis = factories.publication_type("Brief Analysis", "brief-analysis")
    iran = factories.region("Iran", "iran")
    iraq = factories.region("Iraq", "iraq")
    author = factories.expert("Dana Stroul", slug="dana-stroul")
    matching = [
        factories.brief(
            f"Iran note {n:02d}",
            slug=f"iran-note-{n:02d}",
            type=notes,
            regions=[iran],
            authors=[author],
            date=datetime.date(2021, 1, 1) + datetime.timedelta(days=n),
        )
        for n in range(1, MATCHING + 1)
    ]
    misses = [
        factories.brief(
            "Wrong type", type=analysis, regions=[iran], date=datetime.date(2021, 5, 1)
        ),
        factories.brief("Wrong region", type=notes, regions=[iraq], date=datetime.date(2021, 5, 2)),
        factories.brief("Wrong year", type=notes, regions=[iran], date=datetime.date(2019, 5, 3)),
    ]
    arabic = translate_and_publish(matching[-1])
    return {"matching": matching, "misses": misses, "translated": matching[-1], "arabic": arabic}
