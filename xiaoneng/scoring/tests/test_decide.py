from decimal import Decimal

import time_machine
from django.utils import timezone

from xiaoneng.audit.models import AuditEntry
from xiaoneng.scoring.actions import ScoringError, do_approve_proposal, do_refuse_proposal
from xiaoneng.scoring.models import LedgerEntry, ProposalState
from xiaoneng.scoring.tests.base import InEnglish, ScoringTestCase
from xiaoneng.trace.chain import events_for, verify_subject


class ApproveTests(InEnglish, ScoringTestCase):
    @time_machine.travel("2026-05-06 10:00:00+08:00", tick=False)
    def test_approval_writes_a_ledger_entry(self):
        proposal = self.propose(points="-1.5", year=2026)
        entry = do_approve_proposal(proposal, self.admin)
        self.assertEqual((entry.unit, entry.rule.code, entry.points, entry.year),
                         (self.unit_a, "complaint_verified", Decimal("-1.5"), 2026))
        self.assertEqual((entry.proposal, entry.approved_by, entry.approved_at),
                         (proposal, self.admin, timezone.now()))
        self.assertEqual((entry.source, entry.source_text, entry.reason),
                         (self.source, proposal.source_text, "投诉查实"))

    def test_approval_marks_the_callers_proposal_decided(self):
        proposal = self.propose()
        do_approve_proposal(proposal, self.confirmer)
        self.assertEqual((proposal.state, proposal.decided_by), (ProposalState.APPROVED, self.confirmer))
        proposal.refresh_from_db()
        self.assertEqual(proposal.state, ProposalState.APPROVED)

    def test_person_proposal_becomes_a_person_entry(self):
        entry = do_approve_proposal(self.propose(person=self.head_a.person), self.admin)
        self.assertEqual((entry.unit, entry.person), (None, self.head_a.person))

    def test_approval_is_traced_and_audited(self):
        proposal = self.propose()
        entry = do_approve_proposal(proposal, self.admin)
        self.assertEqual([e.kind for e in events_for(proposal)], ["scoring.proposed", "scoring.approved"])
        self.assertEqual(verify_subject(proposal), [])
        audit = AuditEntry.objects.get(action="scoring.decide")
        self.assertEqual((audit.actor, audit.target_id), (self.admin, str(proposal.pk)))
        self.assertEqual(audit.detail["entry"], entry.pk)

    def test_second_approval_is_refused(self):
        proposal = self.propose()
        do_approve_proposal(proposal, self.admin)
        with self.assertRaisesMessage(ScoringError, "already been decided"):
            do_approve_proposal(proposal, self.confirmer)
        self.assertEqual(LedgerEntry.objects.count(), 1)

    def test_stale_instance_cannot_approve_twice(self):
        proposal = self.propose()
        stale = type(proposal).objects.get(pk=proposal.pk)
        do_approve_proposal(proposal, self.admin)
        with self.assertRaisesMessage(ScoringError, "already been decided"):
            do_approve_proposal(stale, self.confirmer)

    def test_approving_a_refused_proposal_is_refused(self):
        proposal = self.propose()
        do_refuse_proposal(proposal, self.admin, "不实")
        with self.assertRaisesMessage(ScoringError, "already been decided"):
            do_approve_proposal(proposal, self.confirmer)
        self.assertFalse(LedgerEntry.objects.exists())

    def test_proposer_cannot_approve_own_proposal(self):
        proposal = self.propose(proposer=self.admin)
        with self.assertRaisesMessage(ScoringError, "someone else must decide"):
            do_approve_proposal(proposal, self.admin)
        self.assertFalse(LedgerEntry.objects.exists())

    def test_another_admin_may_approve_the_admins_proposal(self):
        proposal = self.propose(proposer=self.admin)
        self.assertEqual(do_approve_proposal(proposal, self.confirmer).approved_by, self.confirmer)

    def test_system_proposal_may_be_approved(self):
        proposal = self.propose(proposer=None)
        self.assertIsNone(proposal.proposer)
        self.assertEqual(do_approve_proposal(proposal, self.admin).points, Decimal("-1.00"))


class RefuseTests(InEnglish, ScoringTestCase):
    def test_refusal_keeps_the_reason(self):
        proposal = do_refuse_proposal(self.propose(), self.confirmer, " 投诉不实 ")
        proposal.refresh_from_db()
        self.assertEqual((proposal.state, proposal.refusal_reason, proposal.decided_by),
                         (ProposalState.REFUSED, "投诉不实", self.confirmer))
        self.assertFalse(LedgerEntry.objects.exists())

    def test_refusal_needs_a_reason(self):
        proposal = self.propose()
        with self.assertRaisesMessage(ScoringError, "Give the reason for refusing"):
            do_refuse_proposal(proposal, self.admin, "   ")
        proposal.refresh_from_db()
        self.assertEqual(proposal.state, ProposalState.PROPOSED)

    def test_refusal_is_traced_and_audited(self):
        proposal = self.propose()
        do_refuse_proposal(proposal, self.admin, "证据不足")
        self.assertEqual(events_for(proposal).last().data, {"reason": "证据不足"})
        self.assertEqual(AuditEntry.objects.get(action="scoring.decide").detail["decision"], "refused")

    def test_second_refusal_is_refused(self):
        proposal = self.propose()
        do_refuse_proposal(proposal, self.admin, "不实")
        with self.assertRaisesMessage(ScoringError, "already been decided"):
            do_refuse_proposal(proposal, self.confirmer, "不实")

    def test_refusing_an_approved_proposal_is_refused(self):
        proposal = self.propose()
        do_approve_proposal(proposal, self.admin)
        with self.assertRaisesMessage(ScoringError, "already been decided"):
            do_refuse_proposal(proposal, self.confirmer, "改变主意")
        self.assertEqual(LedgerEntry.objects.count(), 1)

    def test_proposer_cannot_refuse_own_proposal(self):
        proposal = self.propose(proposer=self.admin)
        with self.assertRaisesMessage(ScoringError, "someone else must decide"):
            do_refuse_proposal(proposal, self.admin, "撤回")
