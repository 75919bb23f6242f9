import datetime

from xiaoneng.accountability.actions import (
    AccountabilityError,
    AccountabilityPermissionDenied,
    do_decide_accountability,
    do_dismiss_accountability,
    do_propose_accountability,
    do_record_outside_decision,
    do_refer_accountability,
)
from xiaoneng.accountability.models import AccountabilityForm, AccountabilityRecord, Authority, RecordState
from xiaoneng.accountability.tests.base import AccountabilityTestCase, InEnglish
from xiaoneng.trace.chain import events_for

F = AccountabilityForm


class ProposeTests(InEnglish, AccountabilityTestCase):
    def propose(self, **kw):
        args = {
            "person": self.cadre_a,
            "unit": None,
            "form": F.REMINDER_TALK,
            "reason": "超期未办结",
            "proposer": self.staff,
        }
        return do_propose_accountability(**(args | kw))

    def test_unit_defaults_to_the_persons_unit_and_authority_follows_the_form(self):
        rec = self.propose()
        self.assertEqual(
            (rec.unit, rec.state, rec.authority), (self.unit_a, RecordState.PROPOSED, Authority.CENTER)
        )
        self.assertEqual(self.propose(form=F.REMOVAL).authority, Authority.PERSONNEL)
        self.assertEqual(self.propose(form=F.ADMONITION_TALK).authority, Authority.DISCIPLINE)

    def test_system_may_propose_with_a_source(self):
        rec = self.propose(proposer=None, source=self.unit_b, clause="第五条")
        self.assertEqual((rec.source, rec.clause, rec.proposer), (self.unit_b, "第五条", None))
        self.assertEqual([e.kind for e in events_for(rec)], ["accountability.proposed"])

    def test_unit_level_form_needs_no_person(self):
        rec = self.propose(person=None, unit=self.unit_b, form=F.LOSS_OF_AWARD_ELIGIBILITY)
        self.assertIsNone(rec.person)
        self.assertEqual(str(rec), "人社局 · loss of award eligibility")

    def test_person_form_without_person_is_refused(self):
        with self.assertRaisesMessage(AccountabilityError, "Name the person"):
            self.propose(person=None, unit=self.unit_b, form=F.REMOVAL)

    def test_blank_reason_and_unknown_form_are_refused(self):
        with self.assertRaisesMessage(AccountabilityError, "reason"):
            self.propose(reason="  ")
        with self.assertRaisesMessage(AccountabilityError, "Unknown form"):
            self.propose(form="flogging")
        self.assertFalse(AccountabilityRecord.objects.exists())

    def test_roles_without_permission_cannot_propose(self):
        for user in (self.liaison_a, self.head_a, self.leader, self.supervisor):
            with self.subTest(user.username), self.assertRaises(AccountabilityPermissionDenied):
                self.propose(proposer=user)
        self.assertEqual(self.propose(proposer=self.admin).proposer, self.admin)


class DecisionTests(InEnglish, AccountabilityTestCase):
    def propose(self, form):
        return do_propose_accountability(
            person=self.cadre_a, unit=None, form=form, reason="x", proposer=self.staff
        )

    def test_center_decides_its_own_forms(self):
        rec = do_decide_accountability(self.propose(F.WRITTEN_CHECK), self.admin, doc_no="效能〔2026〕3号")
        self.assertEqual((rec.state, rec.doc_no), (RecordState.DECIDED, "效能〔2026〕3号"))
        self.assertEqual(AccountabilityRecord.objects.held().count(), 1)

    def test_center_cannot_impose_a_removal(self):
        with self.assertRaisesMessage(AccountabilityError, "refer it"):
            do_decide_accountability(self.propose(F.REMOVAL), self.admin)

    def test_referral_then_outside_decision(self):
        rec = do_refer_accountability(self.propose(F.REMOVAL), self.admin, note="提请县委组织部")
        self.assertEqual(rec.state, RecordState.REFERRED)
        self.assertFalse(AccountabilityRecord.objects.held().exists())
        rec = do_record_outside_decision(
            rec,
            self.admin,
            outside_form=F.REASSIGNMENT,
            decision="调离原岗位",
            doc_no="金组〔2026〕12号",
            decided_on=datetime.date(2026, 5, 4),
        )
        self.assertEqual(
            (rec.state, rec.effective_form, rec.outside_doc_no),
            (RecordState.CONCLUDED, F.REASSIGNMENT, "金组〔2026〕12号"),
        )
        self.assertEqual(AccountabilityRecord.objects.held().count(), 1)
        self.assertEqual(
            [e.kind for e in events_for(rec)],
            ["accountability.proposed", "accountability.referred", "accountability.concluded"],
        )

    def test_outside_decision_needs_document_number(self):
        rec = do_refer_accountability(self.propose(F.ADMONITION_TALK), self.admin, note="移送纪委")
        with self.assertRaisesMessage(AccountabilityError, "document number"):
            do_record_outside_decision(
                rec,
                self.admin,
                outside_form=F.ADMONITION_TALK,
                decision="诫勉",
                doc_no="",
                decided_on=datetime.date(2026, 5, 4),
            )

    def test_outside_organ_may_hold_nobody(self):
        rec = do_refer_accountability(self.propose(F.ADMONITION_TALK), self.admin, note="移送纪委")
        do_record_outside_decision(
            rec,
            self.admin,
            outside_form="",
            decision="不予问责",
            doc_no="金纪〔2026〕1号",
            decided_on=datetime.date(2026, 5, 4),
        )
        self.assertFalse(AccountabilityRecord.objects.held().exists())

    def test_dismissal_needs_reason_and_is_final(self):
        rec = self.propose(F.REMINDER_TALK)
        with self.assertRaisesMessage(AccountabilityError, "reason"):
            do_dismiss_accountability(rec, self.admin, reason="")
        do_dismiss_accountability(rec, self.admin, reason="情况不实")
        with self.assertRaisesMessage(AccountabilityError, "already"):
            do_decide_accountability(rec, self.admin)

    def test_staff_cannot_decide(self):
        with self.assertRaises(AccountabilityPermissionDenied):
            do_decide_accountability(self.propose(F.REMINDER_TALK), self.staff)
