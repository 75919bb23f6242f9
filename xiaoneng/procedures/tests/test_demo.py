import datetime

from django.test import TestCase
from django.utils import timezone

from xiaoneng.demo.builder import build_accounts, build_demo, build_persons, build_targets, build_units
from xiaoneng.demo.tests.helpers import fast_hashing
from xiaoneng.procedures.demo import build_procedures
from xiaoneng.procedures.models import CaseState, CompletedStep, ProcedureCase
from xiaoneng.procedures.report import completeness_report
from xiaoneng.trace.chain import verify_subject


@fast_hashing
class DemoProcedures(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_demo(steps=[build_units, build_persons, build_accounts, build_targets, build_procedures])
        today = timezone.localdate()
        cls.report = completeness_report(None, today - datetime.timedelta(days=200), today)

    def test_a_few_dozen_cases(self):
        self.assertGreaterEqual(ProcedureCase.objects.count(), 36)

    def test_complete_and_incomplete(self):
        states = set(ProcedureCase.objects.values_list("state", flat=True))
        self.assertEqual(states, {CaseState.OPEN, CaseState.COMPLETED})

    def test_report_finds_every_kind(self):
        figures = self.report.figures()
        self.assertGreaterEqual(figures["out_of_order"], 2)
        self.assertGreater(figures["late"], 0)
        self.assertGreater(figures["clean"], 0)

    def test_every_trace_verifies(self):
        self.assertEqual([c.public_id for c in ProcedureCase.objects.all() if verify_subject(c)], [])

    def test_penalty_decisions_recorded(self):
        self.assertTrue(CompletedStep.objects.filter(amount__isnull=False).exists())
