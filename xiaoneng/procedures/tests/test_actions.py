from decimal import Decimal

from django.core.files.base import ContentFile

from xiaoneng.procedures.actions import NotPermitted, ProcedureError, do_complete_step
from xiaoneng.procedures.models import CaseState, CompletedStep
from xiaoneng.procedures.tests.base import ProcedureTestCase, evidence_for
from xiaoneng.trace.chain import events_for, verify_subject


class ShippedTemplates(ProcedureTestCase):
    def test_penalty_steps_in_order(self):
        self.assertEqual([s.name for s in self.penalty.steps.all()], ["立案", "调查", "审核", "告知", "送达"])

    def test_routine_inspection_steps(self):
        self.assertEqual(self.routine.steps.count(), 5)
        self.assertEqual(self.step(self.routine, 2).evidence_kinds, ["onsite_record", "photo_or_video"])

    def test_reviewer_differs_from_investigator(self):
        review = self.step(self.penalty, 3)
        self.assertEqual((review.differs_from_order, review.permission), (2, "procedures.review_step"))


class Opening(ProcedureTestCase):
    def test_open_writes_trace(self):
        case = self.open()
        self.assertEqual(list(events_for(case).values_list("kind", flat=True)), ["case_opened"])

    def test_other_unit_refused(self):
        with self.assertRaises(NotPermitted):
            self.open(actor=self.liaison_b)

    def test_leader_refused(self):
        with self.assertRaises(NotPermitted):
            self.open(actor=self.leader)

    def test_center_staff_opens_anywhere(self):
        self.assertEqual(self.open(actor=self.staff, unit=self.unit_b).unit, self.unit_b)

    def test_section_liaison_not_parent_unit(self):
        with self.assertRaises(NotPermitted):
            self.open(actor=self.section_liaison)


class Completing(ProcedureTestCase):
    def test_step_records_evidence_in_trace(self):
        case = self.open()
        step = self.step(self.penalty, 1)
        done = do_complete_step(case, step, actor=self.staff_a, evidence=evidence_for(step))
        event = done.event
        self.assertEqual(event.kind, "step_completed")
        self.assertEqual(event.data["order"], 1)
        self.assertEqual([a.name for a in event.attachments.all()], ["step1.txt"])
        self.assertEqual(verify_subject(case), [])

    def test_missing_evidence_refused(self):
        case = self.open()
        with self.assertRaisesMessage(ProcedureError, "Missing evidence"):
            do_complete_step(case, self.step(self.penalty, 1), actor=self.staff_a, evidence=[("plan", "x")])

    def test_blank_text_is_no_evidence(self):
        case = self.open()
        with self.assertRaises(ProcedureError):
            do_complete_step(case, self.step(self.penalty, 1), actor=self.staff_a,
                             evidence=[("decision", "   ")])

    def test_file_counts_as_evidence(self):
        case = self.open()
        do_complete_step(case, self.step(self.penalty, 1), actor=self.staff_a,
                         evidence=[("decision", ContentFile(b"pdf", name="立案审批表.pdf"))])
        self.assertEqual(case.completed_steps.count(), 1)

    def test_unknown_kind_refused(self):
        case = self.open()
        with self.assertRaises(ProcedureError):
            do_complete_step(case, self.step(self.penalty, 1), actor=self.staff_a, evidence=[("x", "y")])

    def test_out_of_order_refused(self):
        case = self.open()
        step = self.step(self.penalty, 2)
        with self.assertRaisesMessage(ProcedureError, "in order"):
            do_complete_step(case, step, actor=self.staff_a, evidence=evidence_for(step))

    def test_step_twice_refused(self):
        case = self.run_steps(self.open(), 1)
        step = self.step(self.penalty, 1)
        with self.assertRaises(ProcedureError):
            do_complete_step(case, step, actor=self.staff_a, evidence=evidence_for(step))

    def test_step_of_other_template_refused(self):
        case = self.open()
        step = self.step(self.routine, 1)
        with self.assertRaisesMessage(ProcedureError, "another procedure"):
            do_complete_step(case, step, actor=self.staff_a, evidence=evidence_for(step))

    def test_reviewer_must_not_be_investigator(self):
        case = self.run_steps(self.open(), 1)
        step2 = self.step(self.penalty, 2)
        do_complete_step(case, step2, actor=self.head_a, evidence=evidence_for(step2))
        step3 = self.step(self.penalty, 3)
        with self.assertRaisesMessage(NotPermitted, "step 2"):
            do_complete_step(case, step3, actor=self.head_a, evidence=evidence_for(step3),
                             violation_code="JT-01", circumstance="ordinary", amount=Decimal("2000"))

    def test_review_needs_permission(self):
        case = self.run_steps(self.open(), 2)
        step3 = self.step(self.penalty, 3)
        with self.assertRaisesMessage(NotPermitted, "permission"):
            do_complete_step(case, step3, actor=self.liaison_a, evidence=evidence_for(step3),
                             violation_code="JT-01", circumstance="ordinary", amount=Decimal("2000"))

    def test_other_unit_cannot_complete(self):
        case = self.open()
        step = self.step(self.penalty, 1)
        with self.assertRaises(NotPermitted):
            do_complete_step(case, step, actor=self.liaison_b, evidence=evidence_for(step))

    def test_leader_cannot_complete(self):
        case = self.open()
        step = self.step(self.penalty, 1)
        with self.assertRaises(NotPermitted):
            do_complete_step(case, step, actor=self.leader, evidence=evidence_for(step))

    def test_last_step_completes_case(self):
        case = self.run_steps(self.open(), 5)
        self.assertEqual(case.state, CaseState.COMPLETED)
        self.assertEqual(events_for(case).last().kind, "case_completed")
        self.assertEqual(verify_subject(case), [])

    def test_completed_case_refuses_more(self):
        case = self.run_steps(self.open(), 5)
        step = self.step(self.penalty, 5)
        with self.assertRaises(ProcedureError):
            do_complete_step(case, step, actor=self.staff_a, evidence=evidence_for(step))

    def test_refusal_writes_nothing(self):
        case = self.open()
        with self.assertRaises(ProcedureError):
            do_complete_step(case, self.step(self.penalty, 1), actor=self.staff_a, evidence=[])
        self.assertEqual((CompletedStep.objects.count(), events_for(case).count()), (0, 1))
