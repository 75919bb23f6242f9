import datetime

from xiaoneng.procedures.actions import do_complete_step
from xiaoneng.procedures.report import completeness_report
from xiaoneng.procedures.tests.base import ProcedureTestCase, at, evidence_for
from xiaoneng.trace.chain import append_event

MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


class KnownSet(ProcedureTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        self = cls()
        # Late step 2 (due 03-09), then step 3 never recorded (due 3 working days later: 03-13).
        cls.late_missing = self.open(template=cls.routine, when=at(2026, 3, 2), title="late")
        self.complete(cls.late_missing, 1, at(2026, 3, 2))
        self.complete(cls.late_missing, 2, at(2026, 3, 10))
        # Complete and on time, in a section of unit_a.
        cls.clean = self.open(template=cls.routine, unit=cls.section_a, actor=cls.staff, when=at(2026, 3, 3))
        for order in range(1, 6):
            self.complete(cls.clean, order, at(2026, 3, 3 + order))
        # Imported outside the actions: step 2 recorded before step 1 (and step 3 now overdue).
        cls.imported = self.open(template=cls.routine, when=at(2026, 3, 4), title="imported")
        append_event(cls.imported, "step_completed", data={"order": 2}, at=at(2026, 3, 5))
        append_event(cls.imported, "step_completed", data={"order": 1}, at=at(2026, 3, 6))
        # Open, nothing overdue yet: step 1 has no limit.
        cls.fresh = self.open(template=cls.routine, when=at(2026, 3, 20), title="fresh")
        # Another unit, and another month: not in the report of unit_a for March.
        cls.other_unit = self.open(template=cls.routine, unit=cls.unit_b, actor=cls.staff,
                                   when=at(2026, 3, 2))
        cls.april = self.open(template=cls.routine, when=at(2026, 4, 1))

    def complete(self, case, order, when):
        step = case.template.steps.get(order=order)
        do_complete_step(case, step, actor=self.staff, evidence=evidence_for(step), at=when)

    def report(self, unit=None):
        return completeness_report(unit or self.unit_a, *MARCH, as_of=datetime.date(2026, 3, 31))

    def row(self, report, case):
        return next(r for r in report.rows if r.case.pk == case.pk)

    def test_figures(self):
        self.assertEqual(self.report().figures(), {
            "cases": 4, "completed": 1, "missing": 2, "late": 1, "out_of_order": 1, "clean": 2})

    def test_late_and_missing_named(self):
        row = self.row(self.report(), self.late_missing)
        self.assertEqual((row.late, row.missing), (["现场检查笔录"], ["处理意见"]))

    def test_out_of_order_from_trace(self):
        self.assertEqual(self.row(self.report(), self.imported).out_of_order, ["现场检查笔录", "检查方案"])

    def test_flagged_rows(self):
        self.assertEqual({r.case.pk for r in self.report().flagged}, {self.late_missing.pk, self.imported.pk})

    def test_missing_depends_on_as_of(self):
        report = completeness_report(self.unit_a, *MARCH, as_of=datetime.date(2026, 3, 13))
        self.assertEqual(self.row(report, self.late_missing).missing, [])

    def test_all_units(self):
        report = completeness_report(None, *MARCH, as_of=datetime.date(2026, 3, 31))
        self.assertEqual(report.figures()["cases"], 5)

    def test_section_only(self):
        self.assertEqual([r.case.pk for r in self.report(self.section_a).rows], [self.clean.pk])
