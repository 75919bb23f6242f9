"""The demo step: matters in every state, with traces, built through the actions."""

from django.test import TestCase

from xiaoneng.demo.builder import build_accounts, build_demo, build_persons, build_units
from xiaoneng.matters.demo import build_matters
from xiaoneng.matters.models import Extension, Matter, State
from xiaoneng.matters.tests.base import at
from xiaoneng.trace.chain import events_for, verify_subject


class DemoMattersTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with at(2025, 10, 20):
            build_demo(steps=[build_units, build_persons, build_accounts, build_matters])

    def test_every_state_is_present(self):
        states = set(Matter.objects.values_list("state", flat=True))
        self.assertEqual(states, set(State.values))

    def test_a_few_dozen(self):
        self.assertGreaterEqual(Matter.objects.count(), 36)

    def test_paused_extended_urged_and_overdue(self):
        self.assertTrue(Matter.objects.filter(state=State.PAUSED).exists())
        self.assertTrue(Matter.objects.filter(paused_workdays__gt=0).exists())
        self.assertTrue(Extension.objects.filter(decision="granted").exists())
        self.assertTrue(Extension.objects.filter(decision="refused").exists())
        self.assertTrue(Matter.objects.filter(escalation_level=3).exists())
        self.assertTrue(Matter.objects.filter(colour="red", red_on__isnull=False).exists())
        self.assertTrue(Matter.objects.filter(colour="yellow").exists())

    def test_traces_are_dated_in_order_and_verify(self):
        for matter in Matter.objects.all():
            times = list(events_for(matter).values_list("at", flat=True))
            self.assertEqual(times, sorted(times))
            self.assertEqual(verify_subject(matter), [])
