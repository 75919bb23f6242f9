"""The demo step: two published issues and one in preparation, with submissions in every state."""

import pytest
from django.test import TestCase

from xiaoneng.bulletin.models import Issue, IssueState, ItemKind, SubmissionState
from xiaoneng.demo.builder import (
    build_accounts,
    build_bulletin,
    build_complaints,
    build_demo,
    build_inspections,
    build_matters,
    build_persons,
    build_units,
)
from xiaoneng.demo.tests.helpers import fast_hashing
from xiaoneng.matters.tests.base import at


@fast_hashing
class DemoBulletinTests(TestCase):
    """The bulletin step alone (fast): the issues and submissions, whatever the other steps made."""

    @classmethod
    def setUpTestData(cls):
        with at(2026, 11, 20):
            build_demo(steps=[build_units, build_persons, build_accounts, build_bulletin])

    def test_two_published_issues_and_one_in_preparation(self):
        states = list(Issue.objects.order_by("date").values_list("state", flat=True))
        self.assertEqual(states, [IssueState.PUBLISHED, IssueState.PUBLISHED, IssueState.DRAFT])


    def test_submissions_in_every_state_from_several_units(self):
        pending = Issue.objects.get(state=IssueState.DRAFT)
        states = set(pending.submissions.values_list("state", flat=True))
        self.assertEqual(states, set(SubmissionState.values))
        self.assertGreaterEqual(pending.submissions.values("unit").distinct().count(), 4)
        self.assertTrue(any(s.is_edited for s in pending.submissions.all()))

    def test_every_issue_has_a_reprint(self):
        for issue in Issue.objects.all():
            self.assertTrue(issue.items.filter(kind=ItemKind.REPRINT).exclude(source="").exists())


@pytest.mark.slow
@fast_hashing
class DemoBulletinWithDataTests(TestCase):
    """After the complaints and inspections steps, 中心动态 are drafted from their records (slow:
    the complaints step replays 300 complaints)."""

    @classmethod
    def setUpTestData(cls):
        with at(2026, 11, 20):
            build_demo(steps=[build_units, build_persons, build_accounts, build_matters, build_complaints,
                              build_inspections, build_bulletin])

    def test_center_news_drafted_from_the_data(self):
        for issue in Issue.objects.all():
            center = issue.items.filter(kind=ItemKind.CENTER)
            self.assertIn("complaints.received", set(center.values_list("draft_key", flat=True)))
            self.assertTrue(all(item.citations and item.figures for item in center))
