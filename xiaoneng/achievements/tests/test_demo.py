"""The demo steps of commitments and achievements: every state is there, and the figures add up."""

from __future__ import annotations

from django.test import TestCase

from xiaoneng.achievements.demo import build_achievements
from xiaoneng.achievements.figures import quarter_figures
from xiaoneng.achievements.models import CommentState, Declaration, DeclarationState, PublicComment
from xiaoneng.commitments.demo import build_commitments
from xiaoneng.commitments.models import BreachNotice, ItemStatus, NoticeState, UnitCommitment
from xiaoneng.demo.builder import build_accounts, build_demo, build_persons, build_units
from xiaoneng.matters.tests.base import at
from xiaoneng.scoring.models import ScoreProposal


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with at(2026, 11, 20):
            build_demo(
                steps=[build_units, build_persons, build_accounts, build_commitments, build_achievements]
            )

    def test_a_campaign_of_every_key_unit_with_one_published_breach(self):
        self.assertGreaterEqual(UnitCommitment.objects.count(), 53)
        statuses = set(UnitCommitment.objects.values_list("items__status", flat=True))
        self.assertTrue(
            {ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS, ItemStatus.FULFILLED, ItemStatus.BREACHED}
            <= statuses
        )
        states = sorted(BreachNotice.objects.values_list("state", flat=True))
        self.assertEqual(states, [NoticeState.DRAFT, NoticeState.PUBLISHED])
        self.assertEqual(ScoreProposal.objects.filter(rule__code="commitment_breached").count(), 2)

    def test_a_quarter_in_every_state(self):
        states = set(Declaration.objects.filter(year=2026, quarter=3).values_list("state", flat=True))
        self.assertEqual(states, set(DeclarationState.values))
        now = quarter_figures(2026, 3)
        self.assertEqual((now.selected, quarter_figures(2025, 3).declared > 0), (5, True))

    def test_comments_pending_shown_edited_and_hidden(self):
        comments = list(PublicComment.objects.all())
        states = {c.state for c in comments}
        self.assertEqual(states, {CommentState.PENDING, CommentState.SHOWN, CommentState.HIDDEN})
        self.assertEqual(sum(c.edited for c in comments), 1)
