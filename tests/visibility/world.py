"""A site holding a page in every state readers must not see, and the markers that betray each.

``build_world()`` creates, beside a public brief, a public event and a visible expert, one
brief per hidden state (draft, unpublished, login-, password- and group-restricted,
restricted through an ancestor, scheduled, expired but still live, an unpublished Arabic
translation), a live chapter under each of those hidden briefs (a report's chapter is
visible only when its report is; Wagtail leaves a live child of a draft or unpublished page
live and routes to it) and hidden experts (draft, login-restricted, expired) that co-author
the public brief and speak at the public event. The public content points at every hidden
page every way an editor can: body links, Recommended picks, the home page's featured block
and intro, the analysis index's intro, an expert's biography, the event's body, report and
related analysis, and a keyword used only by hidden briefs.

Podcasts and video: a public show with a public episode and a public video item whose
guests, speakers, show notes, transcripts and picks point at every hidden page, beside
episodes in the hidden states an episode can be in (draft, login-restricted, expired, an
unpublished Arabic translation) and a draft video, each with its own uploaded audio or
video file (``media_urls``: the file of a hidden item must not be served either).

Pages are created with ``live=False`` and restricted before they are published, as an
editor would do it, so no signal announces them while they are public.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import unquote

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from taggit.models import Tag
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction, Site

from experts.models import ExpertPage
from podcasts.models import EpisodeGuest, EpisodePage, VideoPage, VideoSpeaker
from policyanalysis.models import AnalysisIndexPage, BriefAuthor, BriefPage
from policyanalysis.page_urls import PageUrls
from policyanalysis.publications import SeriesContributor
from tests.support import events, factories, media
from tests.support.hubs import hub, program
from tests.support.translation import publish, submit, translate_strings

#: The hidden states of a brief, each the key of one page in ``World.hidden``.
BRIEF_STATES = (
    "draft",
    "unpublished",
    "login",
    "password",
    "group",
    "group_ancestor",
    "scheduled",
    "expired",
    "arabic_draft",
)
#: Hidden episodes and video items (their pages and their media files).
MEDIA_STATES = ("draft_episode", "login_episode", "expired_episode", "draft_video")
#: The hidden items among them whose media has captions (the episodes).
EPISODE_STATES = ("draft_episode", "login_episode", "expired_episode")
#: A live chapter of each hidden brief: ``chapter_of_<brief state>``.
CHAPTERS_OF_HIDDEN = {f"chapter_of_{state}": state for state in BRIEF_STATES}
#: Hidden chapters: a draft chapter of the public brief (a report with chapters) and a live
#: chapter of each hidden brief.
CHAPTER_STATES = ("draft_chapter", *CHAPTERS_OF_HIDDEN)
#: Hidden experts (co-authors of the public brief).
EXPERT_STATES = ("draft_expert", "login_expert", "expired_expert")
#: The restricted section that holds the ``group_ancestor`` brief.
SECTION = "members_section"

HIDDEN_KEYWORD = "secret-keyword"
PUBLIC_KEYWORD = "open-keyword"
PASSWORD = "open-sesame"


@dataclass
class World:
    """What build_world created: the visible pages and ``hidden`` {state: page}."""

    home: object
    experts_index: object
    analysis: object
    expert: object
    public: object
    second: object
    report: object
    hidden: dict = field(default_factory=dict)
    restrictions: dict = field(default_factory=dict)
    event: object = None
    show: object = None
    episode: object = None
    video: object = None
    #: {state: URL of the audio or video file of the hidden item}
    media_urls: dict = field(default_factory=dict)
    #: {state: URL of the captions of the hidden episode's audio}
    caption_urls: dict = field(default_factory=dict)
    chapter: object = None
    #: The hidden states the public content links to (those created before the links:
    #: the public brief's own hidden chapters and translations come after it).
    linked: tuple = ()

    def markers(self, state):
        """Strings whose presence in a response shows the hidden page ``state``: its title,
        its slug and its public path."""
        page = self.hidden[state]
        path = PageUrls().path(page.url_path)
        candidates = [page.title, page.draft_title, page.slug, path, unquote(path)]
        # An unpublished translation keeps its source's title and slug in its own row
        # until it is published: those name the public brief, not the hidden page; the
        # Arabic chapter of the Arabic draft keeps the public chapter's slug.
        shared = {self.public.title, self.public.slug, self.chapter.slug}
        return list(dict.fromkeys(m for m in candidates if m and m not in shared))

    def all_markers(self):
        """[(state, marker)] for every hidden page."""
        return [(state, marker) for state in self.hidden for marker in self.markers(state)]


def _restrict(page, kind, group=None):
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=kind,
        password=PASSWORD if kind == PageViewRestriction.PASSWORD else "",
    )
    if group is not None:
        restriction.groups.add(group)
    return restriction


def _brief(parent, title, slug, expert, region, issue, keyword, **fields):
    page = BriefPage(
        title=title,
        slug=slug,
        live=False,
        date=datetime.date(2021, 3, 1),
        publication_type=factories.publication_type(),
        summary=f"Summary of {title}.",
        body=fields.pop("body", [("paragraph", f"<p>Body of {title}.</p>")]),
        **fields,
    )
    page.regions = [region]
    page.issues = [issue]
    page.series = [factories.series("Militia Spotlight", "spotlight")]
    page.authors = [BriefAuthor(expert=expert, sort_order=0)]
    parent.add_child(instance=page)
    page.tags.add(keyword)
    page.save_revision()
    return page


def _expert(index, title, slug):
    page = ExpertPage(
        title=title, slug=slug, live=False, short_bio=f"{title} is a fellow.", position="Fellow"
    )
    index.add_child(instance=page)
    page.save_revision()
    return page


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _expire(page):
    """Past its expiry time, but still live: ``publish_scheduled`` has not run yet."""
    BriefPage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(hours=1)
    )
    page.refresh_from_db()
    return page


def _episode(show, title, slug, expert, region, issue, **fields):
    """A podcast episode (a brief) in ``show`` with its own audio file, not yet live."""
    page = EpisodePage(
        title=title,
        slug=slug,
        live=False,
        date=datetime.date(2021, 3, 2),
        publication_type=factories.publication_type("Podcast", "podcast"),
        summary=f"Summary of {title}.",
        body=fields.pop("body", [("paragraph", f"<p>Show notes of {title}.</p>")]),
        show=show,
        episode_number=fields.pop("episode_number", 1),
        audio=media.audio(f"{title} audio", captions=[(0, 1, "Welcome.")]),
        transcript=fields.pop("transcript", f"<p>Transcript of {title}.</p>"),
        **fields,
    )
    page.regions = [region]
    page.issues = [issue]
    page.authors = [BriefAuthor(expert=expert, sort_order=0)]
    page.guests = [EpisodeGuest(expert=expert, sort_order=0)]
    factories.site_tree()[2].add_child(instance=page)
    page.save_revision()
    return page


def _video(title, slug, expert, region, issue, **fields):
    from django.core.files.base import ContentFile

    from podcasts.models import MediaItem

    item = MediaItem(title=f"{title} video", type="video")
    # The smallest file the upload check accepts as MP4: an ftyp box.
    item.file = ContentFile(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 12, name=f"{slug}.mp4")
    item.full_clean()
    item.save()
    page = VideoPage(
        title=title,
        slug=slug,
        live=False,
        date=datetime.date(2021, 3, 3),
        publication_type=factories.publication_type("Video", "video"),
        summary=f"Summary of {title}.",
        body=fields.pop("body", [("paragraph", f"<p>About {title}.</p>")]),
        video=item,
        transcript=fields.pop("transcript", f"<p>Summary of what was said in {title}.</p>"),
        **fields,
    )
    page.regions = [region]
    page.issues = [issue]
    page.authors = [BriefAuthor(expert=expert, sort_order=0)]
    factories.site_tree()[2].add_child(instance=page)
    page.save_revision()
    return page


def build_world():
    """Create the site described in the module docstring; returns a World."""
    home, experts_index, analysis = factories.site_tree()
    region, issue = factories.region("Iraq", "iraq"), factories.issue("Terrorism", "terrorism")
    members = Group.objects.create(name="Members")
    hidden = {}
    restrictions = {}

    expert = _publish(_expert(experts_index, "Visible Expert", "visible-expert"))
    hidden["draft_expert"] = _expert(experts_index, "Hidden Draft Expert", "hidden-draft-expert")
    hidden["login_expert"] = _expert(experts_index, "Hidden Login Expert", "hidden-login-expert")
    _restrict(hidden["login_expert"], PageViewRestriction.LOGIN)
    _publish(hidden["login_expert"])
    hidden["expired_expert"] = _expert(
        experts_index, "Hidden Expired Expert", "hidden-expired-expert"
    )
    _publish(hidden["expired_expert"])
    ExpertPage.objects.filter(pk=hidden["expired_expert"].pk).update(
        expire_at=timezone.now() - datetime.timedelta(hours=1)
    )

    def brief(state, title, parent=analysis, restriction=None, group=None):
        page = _brief(
            parent,
            title,
            f"hidden-{state.replace('_', '-')}-brief",
            expert,
            region,
            issue,
            HIDDEN_KEYWORD,
        )
        if restriction is not None:
            restrictions[state] = _restrict(page, restriction, group)
        hidden[state] = page
        return page

    brief("draft", "Hidden Draft Brief")
    _publish(brief("unpublished", "Hidden Unpublished Brief")).unpublish()
    _publish(brief("login", "Hidden Login Brief", restriction=PageViewRestriction.LOGIN))
    _publish(brief("password", "Hidden Password Brief", restriction=PageViewRestriction.PASSWORD))
    _publish(
        brief("group", "Hidden Group Brief", restriction=PageViewRestriction.GROUPS, group=members)
    )
    section = AnalysisIndexPage(
        title="Members Only Section", slug="members-only-section", live=False
    )
    home.add_child(instance=section)
    restrictions[SECTION] = _restrict(section, PageViewRestriction.GROUPS, members)
    _publish(section)
    hidden[SECTION] = section
    _publish(brief("group_ancestor", "Hidden Group Ancestor Brief", parent=section))
    scheduled = brief("scheduled", "Hidden Scheduled Brief")
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
    scheduled.save_revision().publish()  # approved for later: not live
    _expire(_publish(brief("expired", "Hidden Expired Brief")))
    # A live chapter under each hidden brief (the Arabic draft's comes with it, below).
    for chapter_state, state in CHAPTERS_OF_HIDDEN.items():
        if state != "arabic_draft":
            label = state.replace("_", " ").title()
            hidden[chapter_state] = factories.chapter(
                hidden[state],
                f"Hidden {label} Report Chapter",
                slug=f"hidden-{state.replace('_', '-')}-report-chapter",
            )

    show = media.show("Public Show", slug="public-show")
    media_urls = {}
    caption_urls = {}

    def hidden_item(state, page):
        hidden[state] = page
        media_urls[state] = page.media.url
        if page.media.captions:
            caption_urls[state] = page.media.captions_url
        return page

    def episode(state, title, restriction=None):
        page = _episode(
            show, title, f"hidden-{state.replace('_', '-')}", expert, region, issue,
            episode_number=len(media_urls) + 2,
        )  # fmt: skip
        if restriction is not None:
            restrictions[state] = _restrict(page, restriction)
        return hidden_item(state, page)

    episode("draft_episode", "Hidden Draft Episode")
    _publish(episode("login_episode", "Hidden Login Episode", PageViewRestriction.LOGIN))
    _expire(_publish(episode("expired_episode", "Hidden Expired Episode")))
    hidden_item(
        "draft_video", _video("Hidden Draft Video", "hidden-draft-video", expert, region, issue)
    )

    linked = tuple(hidden)
    links = "".join(
        f'<a linktype="page" id="{page.pk}">link to {state}</a> ' for state, page in hidden.items()
    )
    report = Document.objects.create(
        title="Public report", file=ContentFile(b"%PDF-1.4 report", name="public-report.pdf")
    )
    second = _publish(
        _brief(
            analysis,
            "Second Public Brief",
            "second-public-brief",
            expert,
            region,
            issue,
            PUBLIC_KEYWORD,
        )
    )
    public = _brief(
        analysis,
        "Public Brief",
        "public-brief",
        expert,
        region,
        issue,
        PUBLIC_KEYWORD,
        hero_image=factories.image("public-hero", 320, 200),
        body=[
            (
                "paragraph",
                f'<p>{links}<a linktype="page" id="{expert.pk}">visible link</a> '
                f'<a linktype="document" id="{report.pk}">report</a></p>',
            ),
            ("key_points", {"title": "Points", "points": ["One"], "text": f"<p>{links}</p>"}),
        ],
    )
    public.authors = [
        BriefAuthor(expert=person, sort_order=position)
        for position, person in enumerate(
            [expert, hidden["draft_expert"], hidden["login_expert"], hidden["expired_expert"]]
        )
    ]
    hidden_briefs = [hidden[state] for state in BRIEF_STATES if state != "arabic_draft"]
    public.recommended = [("recommended", {"heading": "More", "items": hidden_briefs})]
    _publish(public)

    # The public brief is a report in chapters: one live, one draft between two live ones
    # would be a neighbour in previous/next if drafts were not skipped.
    chapter = factories.chapter(public, "Public Chapter One", slug="public-chapter-one")
    hidden["draft_chapter"] = factories.chapter(
        public, "Hidden Draft Chapter", slug="hidden-draft-chapter", publish=False
    )
    factories.chapter(public, "Public Chapter Three", slug="public-chapter-three")
    # The series' contributors: the visible expert and every hidden one.
    spotlight = factories.series("Militia Spotlight", "spotlight")
    for position, person in enumerate(
        [expert, hidden["draft_expert"], hidden["login_expert"], hidden["expired_expert"]]
    ):
        SeriesContributor.objects.create(series=spotlight, expert=person, sort_order=position)

    home.intro = f"<p>{links}</p>"
    home.featured = [("recommended", {"heading": "Featured", "items": [*hidden_briefs, public]})]
    _publish(home)
    analysis.intro = f"<p>{links}</p>"
    analysis.featured = [("recommended", {"heading": "Picks", "items": hidden_briefs})]
    _publish(analysis)
    expert.bio = f"<p>{links}</p>"
    _publish(expert)

    # An upcoming event whose speakers, related analysis and body point at every hidden page.
    event = events.event(
        "Public Event",
        slug="public-event",
        start=timezone.now() + datetime.timedelta(days=5),
        speakers=[expert, hidden["draft_expert"], hidden["login_expert"], hidden["expired_expert"]],
        regions=[region],
        issues=[issue],
        body=[("paragraph", f"<p>{links}</p>")],
        report=f"<p>{links}</p>",
        related=[("recommended", {"heading": "Related", "items": hidden_briefs})],
    )

    # The Iraq hub and a program: their text links to, and their picks, experts, director
    # and fellows are, every hidden page.
    for person in (expert, hidden["draft_expert"], hidden["login_expert"]):
        person = ExpertPage.objects.get(pk=person.pk)
        person.expertise_regions.add(region)
        person.save()
    hub(region, intro=f"<p>{links}</p>", featured=[*hidden_briefs, public])
    program(
        "Public Program",
        "public-program",
        director=hidden["draft_expert"],
        fellows=[hidden["login_expert"], hidden["expired_expert"], expert],
        featured=hidden_briefs,
        keywords=list(Tag.objects.filter(name__in=[HIDDEN_KEYWORD, PUBLIC_KEYWORD])),
    )

    # A public episode and video whose people, notes, transcripts and picks point at every
    # hidden page; the show's page and feed list the episode.
    people = [expert, hidden["draft_expert"], hidden["login_expert"], hidden["expired_expert"]]
    hidden_items = [*hidden_briefs, *(hidden[state] for state in MEDIA_STATES)]
    public_episode = _episode(
        show,
        "Public Episode",
        "public-episode",
        expert,
        region,
        issue,
        body=[("paragraph", f"<p>{links}</p>")],
        transcript=f"<p>{links}</p>",
    )
    public_episode.guests = [
        EpisodeGuest(expert=person, sort_order=position) for position, person in enumerate(people)
    ]
    public_episode.recommended = [("recommended", {"heading": "More", "items": hidden_items})]
    _publish(public_episode)
    public_video = _video(
        "Public Video",
        "public-video",
        expert,
        region,
        issue,
        body=[("paragraph", f"<p>{links}</p>")],
        transcript=f"<p>{links}</p>",
    )
    public_video.speakers = [
        VideoSpeaker(expert=person, sort_order=position) for position, person in enumerate(people)
    ]
    public_video.recommended = [("recommended", {"heading": "More", "items": hidden_items})]
    _publish(public_video)

    # An Arabic translation, translated but never published.
    translation = submit(public)
    translate_strings(translation)
    translation.save_target(publish=False)  # the translator's "Save draft"
    hidden["arabic_draft"] = translation.get_target_instance()
    assert not hidden["arabic_draft"].live
    # The translator publishes the Arabic of the public brief's first chapter before the
    # Arabic brief itself: a live chapter under a draft report.
    chapter_translation = submit(chapter)
    translate_strings(chapter_translation)
    hidden["chapter_of_arabic_draft"] = publish(chapter_translation)
    assert hidden["chapter_of_arabic_draft"].live
    assert hidden["chapter_of_arabic_draft"].get_parent().pk == hidden["arabic_draft"].pk
    Site.clear_site_root_paths_cache()

    for state, page in hidden.items():
        hidden[state] = page.specific_class.objects.get(pk=page.pk)
    return World(
        home=home,
        experts_index=experts_index,
        analysis=analysis,
        expert=expert,
        public=BriefPage.objects.get(pk=public.pk),
        second=second,
        report=report,
        hidden=hidden,
        restrictions=restrictions,
        event=event,
        show=show,
        episode=EpisodePage.objects.get(pk=public_episode.pk),
        video=VideoPage.objects.get(pk=public_video.pk),
        media_urls=media_urls,
        caption_urls=caption_urls,
        chapter=chapter,
        linked=linked,
    )
