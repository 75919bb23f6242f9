"""签收 (do_sign_matter), evidence on replies and received events, per-kind verify hooks."""

from django.core.files.base import ContentFile

from xiaoneng.matters import actions
from xiaoneng.matters.models import State, Verdict
from xiaoneng.matters.tests.base import MatterTestCase, at
from xiaoneng.matters.transitions import IllegalTransition, NotPermitted, allowed_actions
from xiaoneng.trace.chain import events_for


class SignTests(MatterTestCase):
    def test_liaison_signs_and_the_event_is_traced(self):
        with at(2025, 9, 29):
            m = actions.do_sign_matter(self.matter(State.ASSIGNED), actor=self.liaison_a)
        self.assertIsNotNone(m.signed_at)
        self.assertEqual(m.state, State.ASSIGNED)
        event = events_for(m).last()
        self.assertEqual((event.kind, event.actor), ("signed", self.liaison_a))

    def test_signing_twice_is_refused(self):
        with at(2025, 9, 29):
            m = actions.do_sign_matter(self.matter(State.ASSIGNED), actor=self.liaison_a)
            with self.assertRaises(IllegalTransition):
                actions.do_sign_matter(m, actor=self.liaison_a)

    def test_another_unit_may_not_sign(self):
        with at(2025, 9, 29), self.assertRaises(NotPermitted):
            actions.do_sign_matter(self.matter(State.ASSIGNED), actor=self.liaison_b)

    def test_staff_may_not_sign_for_the_unit(self):
        with at(2025, 9, 29), self.assertRaises(NotPermitted):
            actions.do_sign_matter(self.matter(State.ASSIGNED), actor=self.staff)

    def test_cannot_sign_an_unassigned_matter(self):
        with at(2025, 9, 29), self.assertRaises(IllegalTransition):
            actions.do_sign_matter(self.matter(State.RECEIVED), actor=self.liaison_a)

    def test_sign_no_longer_offered_once_signed(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
            self.assertIn("sign", allowed_actions(self.liaison_a, m))
            m = actions.do_sign_matter(m, actor=self.liaison_a)
        self.assertNotIn("sign", allowed_actions(self.liaison_a, m))

    def test_reopening_asks_for_a_new_signature(self):
        with at(2025, 9, 29):
            m = actions.do_sign_matter(self.matter(State.ASSIGNED), actor=self.liaison_a)
            m = actions.do_reply_matter(m, actor=self.liaison_a, reply="已办")
            m = actions.do_close_matter(m, actor=self.staff, resolution="resolved")
            m = actions.do_reopen_matter(m, actor=self.staff, reason="回访不满意")
        self.assertIsNone(m.signed_at)


class AttachmentTests(MatterTestCase):
    def test_reply_evidence_goes_on_the_replied_event(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
            m = actions.do_reply_matter(m, actor=self.liaison_a, reply="已修复",
                                        attachments=[ContentFile(b"%PDF-1.4 evidence", name="整改.pdf")])
        event = events_for(m).last()
        self.assertEqual(event.kind, "replied")
        self.assertEqual([a.name for a in event.attachments.all()], ["整改.pdf"])

    def test_received_attachments_go_on_the_received_event(self):
        with at(2025, 9, 29):
            m = actions.do_receive_matter(kind=self.enquiry, title="路灯", actor=self.staff,
                                          attachments=[ContentFile(b"photo", name="a.jpg")])
        self.assertEqual(events_for(m).first().attachments.count(), 1)


class VerifyHookTests(MatterTestCase):
    def test_hook_of_the_kind_is_called_with_the_verdict(self):
        seen = []
        actions.register_verify_hook("t-enquiry", lambda matter, actor: seen.append((matter.verdict, actor)))
        self.addCleanup(actions._VERIFY_HOOKS.pop, "t-enquiry")
        with at(2025, 9, 29):
            actions.do_verify_matter(self.matter(State.REPLIED), actor=self.staff, verdict=Verdict.PARTLY)
        self.assertEqual(seen, [(Verdict.PARTLY, self.staff)])

    def test_hooks_of_other_kinds_are_not_called(self):
        seen = []
        actions.register_verify_hook("t-complaint", lambda matter, actor: seen.append(matter))
        self.addCleanup(actions._VERIFY_HOOKS.pop, "t-complaint")
        with at(2025, 9, 29):
            actions.do_verify_matter(self.matter(State.REPLIED), actor=self.staff, verdict=Verdict.PARTLY)
        self.assertEqual(seen, [])

    def test_registering_twice_calls_once(self):
        seen = []

        def hook(matter, actor):
            seen.append(matter)

        actions.register_verify_hook("t-enquiry", hook)
        actions.register_verify_hook("t-enquiry", hook)
        self.addCleanup(actions._VERIFY_HOOKS.pop, "t-enquiry")
        with at(2025, 9, 29):
            actions.do_verify_matter(self.matter(State.REPLIED), actor=self.staff, verdict=Verdict.UNFOUNDED)
        self.assertEqual(len(seen), 1)
