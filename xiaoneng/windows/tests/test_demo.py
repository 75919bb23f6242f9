"""The demo step: two windows over a quarter, built through the actions."""

from django.test import TestCase

from xiaoneng.demo.builder import build_accounts, build_demo, build_persons, build_targets, build_units
from xiaoneng.matters.models import State
from xiaoneng.trace.chain import verify_subject
from xiaoneng.windows.demo import build_windows
from xiaoneng.windows.figures import figures
from xiaoneng.windows.models import Consultation, Outcome, QueueTicket, Rating, ServiceCase, ServiceStar
from xiaoneng.windows.tests.base import at


class DemoWindowsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with at(2025, 10, 20, 17):
            build_demo(steps=[build_units, build_persons, build_accounts, build_targets, build_windows])

    def test_two_windows_a_quarter_of_cases_tickets_and_ratings(self):
        self.assertEqual(
            set(ServiceCase.objects.values_list("unit__code", flat=True)), {"xzfw-hbj", "xzfw-rsj"}
        )
        self.assertGreater(ServiceCase.objects.count(), 150)
        self.assertEqual(
            set(ServiceCase.objects.exclude(outcome="").values_list("outcome", flat=True)),
            set(Outcome.values),
        )
        self.assertTrue(ServiceCase.objects.filter(state="received").exists())
        self.assertTrue(QueueTicket.objects.filter(state="abandoned").exists())
        self.assertTrue(Rating.objects.exists())
        self.assertTrue(Consultation.objects.exists())

    def test_bad_ratings_in_rectification_and_done(self):
        states = set(Rating.objects.filter(level__lte=2).values_list("matter__state", flat=True))
        self.assertIn(State.ASSIGNED, states)
        self.assertIn(State.VERIFIED, states)
        self.assertTrue(Rating.objects.filter(return_visit__done_at__isnull=False).exists())

    def test_figures_and_a_confirmed_star(self):
        import datetime

        f = figures(datetime.date(2025, 7, 1), datetime.date(2025, 10, 20), today=datetime.date(2025, 10, 20))
        self.assertGreater(f.satisfaction_rate.percent, 80)
        self.assertTrue(ServiceStar.objects.filter(state="confirmed").exists())

    def test_traces_verify(self):
        case = ServiceCase.objects.filter(state="completed").first()
        self.assertEqual(verify_subject(case), [])
