"""What editors meet in the admin: where pages may be created, validation, moderation, preview."""

import datetime
import re

from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from events.models import EventIndexPage
from experts.models import ExpertIndexPage, ExpertPage
from home.models import HomePage
from podcasts.models import EpisodePage, PodcastShowPage, VideoPage
from policyanalysis.models import (
    AnalysisIndexPage,
    BriefPage,
    ChapterPage,
    ProgramIndexPage,
    ProgramPage,
    TopicPage,
)
from tests.support import factories


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_holds_the_indexes_and_podcast_shows(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {ExpertIndexPage, AnalysisIndexPage, ProgramIndexPage, EventIndexPage, PodcastShowPage},
        )

    def test_indexes_hold_their_own_pages_only(self):
        # Episodes and videos are briefs (subclasses); the index accepts every kind, and
        # the hubs of its regions and issues.
        self.assertAllowedSubpageTypes(
            AnalysisIndexPage, {BriefPage, EpisodePage, VideoPage, TopicPage}
        )
        self.assertAllowedSubpageTypes(ProgramIndexPage, {ProgramPage})
        self.assertAllowedSubpageTypes(ExpertIndexPage, {ExpertPage})
        # A report's chapters are its child pages.
        self.assertAllowedSubpageTypes(BriefPage, {ChapterPage})
        self.assertAllowedSubpageTypes(ChapterPage, set())
        self.assertAllowedSubpageTypes(ExpertPage, set())

    def test_briefs_and_experts_live_under_their_index(self):
        self.assertAllowedParentPageTypes(BriefPage, {AnalysisIndexPage})
        self.assertAllowedParentPageTypes(ExpertPage, {ExpertIndexPage})
        self.assertCanNotCreateAt(HomePage, BriefPage)
        self.assertCanNotCreateAt(ExpertIndexPage, BriefPage)
        self.assertCanNotCreateAt(AnalysisIndexPage, ExpertPage)

    def test_one_index_of_each_kind_per_home_page(self):
        factories.site_tree()
        home = factories.home_page()
        self.assertFalse(AnalysisIndexPage.can_create_at(home))
        self.assertFalse(ExpertIndexPage.can_create_at(home))


class BriefEditingTests(WagtailPageTestCase):
    def setUp(self):
        self.home, self.experts, self.analysis = factories.site_tree()
        self.user = self.login()
        self.type = factories.publication_type()
        self.first = factories.expert("Karl Kaltenthaler")
        self.second = factories.expert("Munqith Dagher")

    def brief_data(self, **overrides):
        data = {
            "title": "A Question of Interests",
            "slug": "a-question-of-interests",
            "subtitle": "",
            "publication_type": self.type.pk,
            "date": "2020-05-14",
            "summary": "What each side wants from the dialogue.",
            "hero_caption": "",
            "hero_credit": "",
            "body": streamfield(
                [
                    ("heading", {"text": "U.S. Interests in Iraq", "level": "2", "anchor": ""}),
                    ("paragraph", rich_text("<p>Iraq matters to the United States.</p>")),
                ]
            ),
            "recommended": streamfield([]),
            "endnotes": streamfield([]),
            "authors": inline_formset(
                [
                    {"expert": self.second.pk, "bio_override": ""},
                    {"expert": self.first.pk, "bio_override": ""},
                ]
            ),
            "byline": "",
            "tags": "",
            "comments": inline_formset([]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def post_new_brief(self, data, action="action-publish"):
        url = reverse(
            "wagtailadmin_pages:add", args=["policyanalysis", "briefpage", self.analysis.pk]
        )
        return self.client.post(url, {**data, action: action} if action else data)

    def test_editor_can_create_and_publish_a_brief_with_ordered_authors(self):
        self.assertCanCreate(self.analysis, BriefPage, self.brief_data())
        brief = BriefPage.objects.get(slug="a-question-of-interests")
        self.assertTrue(brief.live)
        self.assertEqual(
            [row.expert.title for row in brief.authors.all()],
            ["Munqith Dagher", "Karl Kaltenthaler"],
        )
        self.assertEqual([block.block_type for block in brief.body], ["heading", "paragraph"])

    def test_editor_can_publish_a_report_with_series_outlet_pages_and_endnotes(self):
        notes = factories.series("Policy Notes")
        outlet = factories.outlet("The Hill")
        data = self.brief_data(
            series_number="31",
            page_count="14",
            outlet=outlet.pk,
            external_url="https://thehill.com/opinion/1/",
            endnotes=streamfield([("note", rich_text("<p>Budget law of 2023.</p>"))]),
        )
        data["series"] = [notes.pk]  # a multiple choice posts the key once per value
        self.assertCanCreate(self.analysis, BriefPage, data)
        brief = BriefPage.objects.get(slug="a-question-of-interests")
        self.assertEqual(
            ([s.name for s in brief.series.all()], brief.series_number, brief.page_count),
            (["Policy Notes"], "31", 14),
        )
        self.assertEqual(
            (brief.outlet, brief.external_url), (outlet, "https://thehill.com/opinion/1/")
        )
        # Draftail adds a random data-block-key to each paragraph.
        notes = [re.sub(r' data-block-key="\w+"', "", n.value.source) for n in brief.endnotes]
        self.assertEqual(notes, ["<p>Budget law of 2023.</p>"])

    def test_publishing_needs_a_date_and_a_type(self):
        response = self.post_new_brief(self.brief_data(date="", publication_type=""))
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("date", form.errors)
        self.assertIn("publication_type", form.errors)
        self.assertFalse(BriefPage.objects.filter(slug="a-question-of-interests").exists())

    def test_a_draft_may_lack_date_and_type(self):
        response = self.post_new_brief(self.brief_data(date="", publication_type=""), action=None)
        self.assertEqual(response.status_code, 302)
        draft = BriefPage.objects.get(slug="a-question-of-interests")
        self.assertFalse(draft.live)
        self.assertIsNone(draft.date)

    def test_the_same_expert_twice_is_rejected_with_a_clear_message(self):
        data = self.brief_data(
            authors=inline_formset(
                [
                    {"expert": self.first.pk, "bio_override": ""},
                    {"expert": self.first.pk, "bio_override": ""},
                ]
            )
        )
        response = self.post_new_brief(nested_form_data({**data}))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Karl Kaltenthaler is already an author of this brief.")
        self.assertFalse(BriefPage.objects.filter(slug="a-question-of-interests").exists())

    def test_image_block_needs_alt_text_unless_decorative(self):
        image = factories.image()
        body = streamfield(
            [
                (
                    "image",
                    {
                        "image": image.pk,
                        "alt_text": "",
                        "decorative": "",
                        "caption": "",
                        "credit": "",
                        "size": "full",
                        "alignment": "start",
                    },
                )
            ]
        )
        response = self.post_new_brief(self.brief_data(body=body))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Add alt text, or mark the image as decorative.")

    def form_data_for(self, page):
        """What an editor would submit for ``page`` (StreamFields are built by JS in the
        browser, so the data is spelled out rather than scraped from the form)."""
        common = {"title": page.title, "slug": page.slug, "comments": inline_formset([])}
        if isinstance(page, BriefPage):
            return self.brief_data(title=page.title, slug=page.slug)
        if isinstance(page, ExpertPage):
            return nested_form_data(
                {
                    **common,
                    "position": "Fellow",
                    "short_bio": "A short bio.",
                    "bio": rich_text("<p>A longer biography.</p>"),
                    "languages": "English",
                    "links": inline_formset(
                        [{"kind": "email", "label": "", "url": "mailto:a@example.org"}]
                    ),
                }
            )
        data = {**common, "intro": rich_text("<p>Intro</p>")}
        if isinstance(page, (HomePage, AnalysisIndexPage)):
            data["featured"] = streamfield(
                [("recommended", {"heading": "Featured", "items": streamfield([])})]
            )
        if isinstance(page, HomePage):
            data["latest_count"] = "6"
        return nested_form_data(data)

    def test_every_page_type_can_be_previewed(self):
        brief = factories.brief(authors=[self.first])
        for page in [self.home, self.experts, self.analysis, self.first, brief]:
            page = page.specific
            self.assertPageIsPreviewable(page, post_data=self.form_data_for(page))

    def test_every_page_type_is_editable(self):
        brief = factories.brief(authors=[self.first], regions=[factories.region()])
        for page in [self.home, self.experts, self.analysis, self.first, brief]:
            page = page.specific
            self.assertPageIsEditable(page, post_data=self.form_data_for(page))


class ModerationTests(WagtailPageTestCase):
    """Editors submit, Moderators publish (groups and workflow from a data migration)."""

    def setUp(self):
        self.home, self.experts, self.analysis = factories.site_tree()
        self.editor = self.create_user("editor-user", password="pw")
        self.editor.groups.add(self._group("Editors"))
        self.moderator = self.create_user("moderator-user", password="pw")
        self.moderator.groups.add(self._group("Moderators"))

    @staticmethod
    def _group(name):
        from django.contrib.auth.models import Group

        return Group.objects.get(name=name)

    def test_editor_cannot_publish_but_can_submit_and_a_moderator_approves(self):
        brief = factories.brief("Draft awaiting review", publish=False)
        perms = brief.permissions_for_user(self.editor)
        self.assertTrue(perms.can_edit())
        self.assertFalse(perms.can_publish())
        self.assertTrue(brief.permissions_for_user(self.moderator).can_publish())

        workflow = brief.get_workflow()
        self.assertEqual(workflow.name, "Moderators approval")
        state = workflow.start(brief, self.editor)
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, self.moderator, "approve")
        brief.refresh_from_db()
        self.assertTrue(brief.live)
        response = self.client.get(brief.url)
        self.assertEqual(response.status_code, 200)

    def test_editor_publish_attempt_through_the_admin_is_refused(self):
        self.client.force_login(self.editor)
        brief = factories.brief("Still a draft", publish=False, date=datetime.date(2021, 1, 1))
        edit_url = reverse("wagtailadmin_pages:edit", args=[brief.pk])
        data = nested_form_data(
            {
                "title": "Still a draft, edited",
                "slug": brief.slug,
                "publication_type": brief.publication_type_id,
                "date": "2021-01-01",
                "summary": "",
                "body": streamfield([]),
                "recommended": streamfield([]),
                "endnotes": streamfield([]),
                "authors": inline_formset([]),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
        response = self.client.post(edit_url, data)
        # The edit is kept as a draft revision; the publish request is not honoured.
        self.assertEqual(response.status_code, 302)
        brief.refresh_from_db()
        self.assertFalse(brief.live)
        self.assertEqual(brief.get_latest_revision_as_object().title, "Still a draft, edited")
        self.assertEqual(Page.objects.live().filter(pk=brief.pk).count(), 0)
