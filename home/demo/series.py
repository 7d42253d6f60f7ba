"""Fikra Forum's contributors: the "Fikra Forum" platform (a series in the archive) gets its
own contributors, which the import format does not carry, so they are added here after the
import. Loading twice changes nothing: contributors are set only when there are none.

(The demo report's chapters are chapter records of content.jsonl and content.ar.jsonl.)
"""

from wagtail.models import Locale

from experts.models import ExpertPage
from policyanalysis.publications import Series, SeriesContributor

FIKRA_CONTRIBUTORS = ["nadia-halabi", "omar-belkacem", "hana-rashidi"]


def load_fikra_forum():
    """Fikra Forum's contributors (the series and its items come from the archive); returns
    how many were added."""
    series = Series.objects.filter(slug="fikra-forum", locale=Locale.get_default()).first()
    if series is None or series.contributors.exists():
        return 0
    experts = {
        expert.slug: expert
        for expert in ExpertPage.objects.filter(slug__in=FIKRA_CONTRIBUTORS, locale=series.locale)
    }
    for position, slug in enumerate(slug for slug in FIKRA_CONTRIBUTORS if slug in experts):
        SeriesContributor.objects.create(series=series, expert=experts[slug], sort_order=position)
    return len(experts)
