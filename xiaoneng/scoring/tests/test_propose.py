from decimal import Decimal

import time_machine

from xiaoneng.org.models import Target
from xiaoneng.scoring.actions import ScoringError, ScoringPermissionDenied, do_propose_entry
from xiaoneng.scoring.models import ProposalState, ScoreProposal, ScoreRule
from xiaoneng.scoring.tests.base import InEnglish, ScoringTestCase
from xiaoneng.trace.chain import events_for


class ProposeTests(ScoringTestCase):
    def test_proposal_takes_the_rules_default_points(self):
        proposal = self.propose()
        self.assertEqual(proposal.points, Decimal("-1.00"))
        self.assertEqual(proposal.state, ProposalState.PROPOSED)
        self.assertEqual(proposal.proposer, self.staff)

    def test_proposal_snapshots_its_source(self):
        proposal = self.propose()
        self.assertEqual(proposal.source, self.source)
        self.assertEqual(proposal.source_text, "金湖县某在建项目")

    def test_explicit_source_url_is_kept(self):
        proposal = self.propose(source_url="/matters/12/")
        self.assertEqual(proposal.source_url, "/matters/12/")

    def test_points_can_be_given(self):
        self.assertEqual(self.propose(points="-2.5").points, Decimal("-2.5"))

    def test_system_may_propose(self):
        proposal = do_propose_entry(unit=self.unit_a, rule_code="matter_overdue", source=self.source,
                                    reason="超期", proposer=None)
        self.assertIsNone(proposal.proposer)

    def test_person_may_be_the_subject(self):
        proposal = self.propose(person=self.liaison_a.person)
        self.assertIsNone(proposal.unit)
        self.assertEqual(proposal.subject, self.liaison_a.person)

    def test_proposal_leaves_a_trace_event(self):
        proposal = self.propose()
        event = events_for(proposal).get()
        self.assertEqual(event.kind, "scoring.proposed")
        self.assertEqual(event.actor, self.staff)
        self.assertEqual(event.data["points"], "-1.00")

    @time_machine.travel("2026-12-31 16:30:00+00:00", tick=False)
    def test_year_defaults_to_the_local_year(self):
        # 00:30 on 1 January in Beijing time.
        self.assertEqual(self.propose().year, 2027)

    def test_year_can_be_given(self):
        self.assertEqual(self.propose(year=2025).year, 2025)


class ProposeRefusalTests(InEnglish, ScoringTestCase):
    def assertRefused(self, message: str, **kwargs):
        with self.assertRaisesMessage(ScoringError, message):
            self.propose(**kwargs)
        self.assertFalse(ScoreProposal.objects.exists())

    def test_deduction_with_positive_points_is_refused(self):
        self.assertRefused("A deduction must have negative points.", points=2)

    def test_bonus_with_negative_points_is_refused(self):
        self.assertRefused("A bonus must have positive points.", rule_code="competition", points=-1)

    def test_zero_points_are_refused(self):
        self.assertRefused("A bonus must have positive points.", rule_code="competition", points=0)

    def test_three_decimal_places_are_refused(self):
        self.assertRefused("at most two decimal places", points="-1.125")

    def test_non_numeric_points_are_refused(self):
        self.assertRefused("Points must be a number.", points="abc")

    def test_huge_points_are_refused(self):
        self.assertRefused("out of range", points=-100000)

    def test_both_unit_and_person_is_refused(self):
        self.assertRefused("exactly one unit or one person", unit=self.unit_a, person=self.liaison_a.person)

    def test_neither_unit_nor_person_is_refused(self):
        with self.assertRaisesMessage(ScoringError, "exactly one unit or one person"):
            do_propose_entry(rule_code="competition", source=None, reason="x", proposer=self.staff)

    def test_blank_reason_is_refused(self):
        self.assertRefused("Give the reason", reason="  ")

    def test_unknown_rule_is_refused(self):
        self.assertRefused("no score rule with the code nope", rule_code="nope")

    def test_inactive_rule_is_refused(self):
        ScoreRule.objects.filter(code="competition").update(is_active=False)
        self.assertRefused("no longer in force", rule_code="competition")

    def test_unsaved_source_is_refused(self):
        self.assertRefused("must be saved", source=Target(name="未保存"))

    def test_permission_denied_is_also_a_scoring_error(self):
        with self.assertRaises(ScoringPermissionDenied):
            self.propose(proposer=self.liaison_a)


class DedupeTests(ScoringTestCase):
    def test_proposing_twice_returns_the_first(self):
        first = self.propose()
        again = self.propose(points=-3, reason="再次扫描")
        self.assertEqual(again.pk, first.pk)
        self.assertEqual(again.points, Decimal("-1.00"))
        self.assertEqual(ScoreProposal.objects.count(), 1)

    def test_a_repeat_leaves_no_second_trace_event(self):
        first = self.propose()
        self.propose()
        self.assertEqual(events_for(first).count(), 1)

    def test_system_rerun_returns_the_approved_proposal(self):
        from xiaoneng.scoring.actions import do_approve_proposal

        first = self.propose()
        do_approve_proposal(first, self.admin)
        self.assertEqual(self.propose(proposer=None).pk, first.pk)

    def test_after_refusal_the_same_entry_may_be_proposed_again(self):
        from xiaoneng.scoring.actions import do_refuse_proposal

        first = self.propose()
        do_refuse_proposal(first, self.admin, "证据不足")
        second = self.propose()
        self.assertNotEqual(second.pk, first.pk)
        self.assertEqual(second.state, ProposalState.PROPOSED)

    def test_another_unit_is_not_a_duplicate(self):
        self.assertNotEqual(self.propose().pk, self.propose(unit=self.unit_b).pk)

    def test_another_rule_is_not_a_duplicate(self):
        self.assertNotEqual(self.propose().pk, self.propose(rule_code="critical_notice").pk)

    def test_another_source_is_not_a_duplicate(self):
        other = Target.objects.create(kind="project", name="另一个项目")
        self.assertNotEqual(self.propose().pk, self.propose(source=other).pk)

    def test_unit_and_its_person_are_not_duplicates(self):
        self.assertNotEqual(self.propose().pk, self.propose(person=self.head_a.person, unit=None).pk)

    def test_manual_proposals_without_source_are_never_merged(self):
        make = lambda: do_propose_entry(  # noqa: E731
            unit=self.unit_a, rule_code="competition", source=None, reason="竞赛获奖", proposer=self.staff
        )
        self.assertNotEqual(make().pk, make().pk)


class ConcurrentDedupeTests(ScoringTestCase):
    def test_losing_a_race_returns_the_winners_proposal(self):
        from unittest import mock

        from xiaoneng.scoring import actions

        winner = self.propose()
        # The other scanner's check ran before the winner committed: it sees nothing, inserts,
        # hits the unique key and must then return the winner's row.
        real = actions._standing_proposal
        with mock.patch.object(actions, "_standing_proposal", side_effect=[None, real(winner.dedupe_key)]):
            self.assertEqual(self.propose(proposer=None).pk, winner.pk)
        self.assertEqual(ScoreProposal.objects.count(), 1)
        self.assertEqual(events_for(winner).count(), 1)
