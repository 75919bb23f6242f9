from xiaoneng.procedures.actions import do_complete_step
from xiaoneng.procedures.tests.base import ProcedureTestCase, at, evidence_for


class Limits(ProcedureTestCase):
    # 2026-03-02 is a Monday; the routine inspection's step 2 is due 5 working days after step 1.
    def routine_case(self):
        case = self.open(template=self.routine, when=at(2026, 3, 2))
        step = self.step(self.routine, 1)
        do_complete_step(case, step, actor=self.staff_a, evidence=evidence_for(step), at=at(2026, 3, 2))
        return case

    def complete2(self, case, when):
        step = self.step(self.routine, 2)
        return do_complete_step(case, step, actor=self.staff_a, evidence=evidence_for(step), at=when)

    def test_due_date_in_working_days(self):
        done = self.complete2(self.routine_case(), at(2026, 3, 9))
        self.assertEqual(str(done.due_date), "2026-03-09")
        self.assertFalse(done.late)

    def test_day_after_due_is_late(self):
        done = self.complete2(self.routine_case(), at(2026, 3, 10))
        self.assertTrue(done.late)
        self.assertTrue(done.event.data["late"])

    def test_step_without_limit_has_no_due(self):
        case = self.routine_case()
        self.assertIsNone(case.completed_steps.get().due_date)
