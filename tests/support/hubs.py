"""Builders for topic hubs and program pages (policyanalysis.hubs)."""

from policyanalysis.hubs import ProgramFellow, ProgramIndexPage, ProgramPage, TopicPage
from tests.support import factories


def hub(term, *, intro="<p>What we study about this topic.</p>", featured=(), publish=True):
    """A TopicPage for ``term`` (a Region or Issue) under the analysis index."""
    _, _, analysis = factories.site_tree()
    field = "region" if term.__class__.__name__ == "Region" else "issue"
    page = TopicPage(
        title=f"{term.name} hub",
        intro=intro,
        featured=[("item", brief) for brief in featured],
        **{field: term},
    )
    analysis.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    page.refresh_from_db()
    return page


def program_index():
    home = factories.home_page()
    index = ProgramIndexPage.objects.filter(locale=factories.english()).first()
    if index is None:
        index = home.add_child(instance=ProgramIndexPage(title="Programs", slug="programs"))
        index.save_revision().publish()
    return index


def program(
    title="Program on Iranian Security Policy",
    slug="iranian-security",
    *,
    director=None,
    fellows=(),
    featured=(),
    series=(),
    keywords=(),
    publish=True,
):
    page = ProgramPage(
        title=title,
        slug=slug,
        description="<p>The program studies Iran's military and security policy.</p>",
        director=director,
        featured=[("item", brief) for brief in featured],
    )
    page.series = list(series)
    page.keywords = list(keywords)
    page.fellows = [
        ProgramFellow(expert=expert, sort_order=position) for position, expert in enumerate(fellows)
    ]
    program_index().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    page.refresh_from_db()
    return page
