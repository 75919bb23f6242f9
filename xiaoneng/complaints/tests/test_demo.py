"""The demo step: a few hundred complaints in every state, built through the actions."""

from django.test import TestCase

from xiaoneng.complaints.actions import visible_complaints
from xiaoneng.complaints.demo import build_complaints
from xiaoneng.complaints.identity import decrypt_identity
from xiaoneng.complaints.models import Complaint, Satisfaction
from xiaoneng.demo.builder import build_accounts, build_demo, build_persons, build_units
from xiaoneng.matters.models import State
from xiaoneng.matters.tests.base import at
from xiaoneng.org.models import User
from xiaoneng.scoring.models import ScoreProposal
from xiaoneng.trace.chain import events_for, verify_subject


class DemoComplaintsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with at(2025, 10, 20):
            build_demo(steps=[build_units, build_persons, build_accounts, build_complaints])

    def test_a_few_hundred_in_every_handling_state(self):
        self.assertGreaterEqual(Complaint.objects.count(), 200)
        states = set(Complaint.objects.values_list("matter__state", flat=True))
        self.assertEqual(states, set(State.values) - {State.AWAITING_APPROVAL})

    def test_complaint_states_of_their_own(self):
        self.assertTrue(Complaint.objects.exclude(duplicate_of=None).exists())
        self.assertTrue(Complaint.objects.filter(needs_attention=True).exists())
        self.assertTrue(Complaint.objects.filter(is_public=True).exists())
        unsigned = Complaint.objects.filter(matter__signed_at__isnull=True, matter__state="assigned")
        self.assertTrue(unsigned.exists())
        ratings = Complaint.objects.exclude(satisfaction="").values_list("satisfaction", flat=True)
        self.assertEqual(set(ratings), set(Satisfaction.values))

    def test_verified_complaints_proposed_deductions(self):
        self.assertTrue(ScoreProposal.objects.filter(rule__code="complaint_verified").exists())

    def test_the_named_head_never_sees_them(self):
        head = User.objects.get(username="jtj_head")
        named = Complaint.objects.filter(named_persons__user=head)
        self.assertTrue(named.exists())
        self.assertFalse(visible_complaints(head).filter(pk__in=named).exists())

    def test_identities_decrypt_and_phones_repeat(self):
        complaint = Complaint.objects.exclude(identity=b"").first()
        self.assertTrue(decrypt_identity(complaint.identity).phone)
        repeats = Complaint.objects.values("phone_hash").distinct().count()
        self.assertLess(repeats, Complaint.objects.count())

    def test_traces_are_dated_in_order_and_verify(self):
        for complaint in Complaint.objects.select_related("matter")[:60]:
            times = list(events_for(complaint.matter).values_list("at", flat=True))
            self.assertEqual(times, sorted(times))
            self.assertEqual(verify_subject(complaint.matter), [])
