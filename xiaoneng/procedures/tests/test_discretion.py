from decimal import Decimal

from xiaoneng.procedures.actions import ProcedureError, check_discretion, do_complete_step, standard_for
from xiaoneng.procedures.models import DiscretionStandard
from xiaoneng.procedures.tests.base import ProcedureTestCase, evidence_for


class Discretion(ProcedureTestCase):
    def decide(self, amount, circumstance="ordinary", code="JT-01"):
        case = self.run_steps(self.open(), 2)
        step = self.step(self.penalty, 3)
        return do_complete_step(case, step, actor=self.head_a, evidence=evidence_for(step),
                                violation_code=code, circumstance=circumstance, amount=Decimal(amount))

    def test_lower_boundary_accepted(self):
        self.assertFalse(self.decide("1000").flagged)

    def test_upper_boundary_accepted(self):
        self.assertEqual(self.decide("3000").amount, Decimal("3000"))

    def test_below_range_refused(self):
        with self.assertRaisesMessage(ProcedureError, "outside"):
            self.decide("999.99")

    def test_above_range_refused(self):
        with self.assertRaises(ProcedureError):
            self.decide("3000.01")

    def test_lenient_standard_flags(self):
        DiscretionStandard.objects.filter(pk=self.standard.pk).update(strict=False)
        done = self.decide("5000")
        self.assertTrue(done.flagged)
        self.assertTrue(done.event.data["flagged"])

    def test_lenient_inside_not_flagged(self):
        DiscretionStandard.objects.filter(pk=self.standard.pk).update(strict=False)
        self.assertFalse(self.decide("1500").flagged)

    def test_no_standard_refused(self):
        with self.assertRaisesMessage(ProcedureError, "No discretion standard"):
            self.decide("2000", circumstance="serious")

    def test_decision_needs_amount(self):
        case = self.run_steps(self.open(), 2)
        step = self.step(self.penalty, 3)
        with self.assertRaises(ProcedureError):
            do_complete_step(case, step, actor=self.head_a, evidence=evidence_for(step))

    def test_section_uses_parent_standard(self):
        self.assertEqual(standard_for(self.section_a, "JT-01", "ordinary"), self.standard)

    def test_own_standard_wins_over_parent(self):
        own = DiscretionStandard.objects.create(
            unit=self.section_a, violation_code="JT-01", violation_name="x", circumstance="ordinary",
            min_amount=Decimal("10"), max_amount=Decimal("20"))
        self.assertEqual(check_discretion(self.section_a, "JT-01", "ordinary", Decimal("15")), (own, False))

    def test_other_unit_has_no_standard(self):
        self.assertIsNone(standard_for(self.unit_b, "JT-01", "ordinary"))
