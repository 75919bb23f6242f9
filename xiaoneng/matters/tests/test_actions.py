"""What each action writes: state, facts and its trace event, in one go."""

import datetime

from xiaoneng.matters import actions
from xiaoneng.matters.deadlines import Colour
from xiaoneng.matters.models import Escalation, Extension, Resolution, State, Verdict
from xiaoneng.matters.tests.base import MatterTestCase, at
from xiaoneng.matters.transitions import IllegalTransition, MatterError

D = datetime.date


class ActionTests(MatterTestCase):
    def test_receive_records_the_first_event(self):
        with at(2025, 9, 29):
            m = self.matter()
        self.assertEqual((m.state, self.kinds_of_events(m)), (State.RECEIVED, ["received"]))
        self.assertIsNone(m.deadline)

    def test_receive_needs_a_title(self):
        with self.assertRaises(MatterError):
            actions.do_receive_matter(kind=self.enquiry, title="  ", actor=self.staff)

    def test_assign_with_co_units_and_own_time_limit(self):
        with at(2025, 9, 29):
            m = self.matter()
            m = actions.do_assign_matter(m, actor=self.staff, unit=self.unit_a, co_units=[self.unit_b],
                                         time_limit=1)
        self.assertEqual((m.unit, m.deadline, list(m.co_units.all())), (self.unit_a, D(2025, 9, 30),
                                                                         [self.unit_b]))

    def test_reject_keeps_reason_and_who(self):
        with at(2025, 9, 29):
            m = self.matter(State.REJECTED)
        self.assertEqual((m.reason, m.rejected_by), ("不属受理范围", self.staff))
        self.assertEqual(m.resolution, Resolution.NOT_APPLICABLE)

    def test_reject_needs_a_reason(self):
        with at(2025, 9, 29):
            m = self.matter()
        with self.assertRaises(MatterError):
            actions.do_reject_matter(m, actor=self.staff, reason="")

    def test_return_stops_the_clock_and_allows_reassignment(self):
        with at(2025, 9, 29):
            m = self.matter(State.RETURNED)
            self.assertIsNone(m.red_on)
            m = actions.do_assign_matter(m, actor=self.staff, unit=self.unit_b)
        self.assertEqual((m.state, m.unit), (State.ASSIGNED, self.unit_b))

    def test_reply_without_approval_goes_to_the_center(self):
        with at(2025, 9, 29):
            m = self.matter(State.REPLIED)
        self.assertEqual((m.state, m.reply, m.red_on), (State.REPLIED, "已修复", None))

    def test_head_approval_when_the_kind_asks_for_it(self):
        self.enquiry.reply_needs_head_approval = True
        self.enquiry.save()
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
            m = actions.do_reply_matter(m, actor=self.liaison_a, reply="已修复")
            self.assertEqual(m.state, State.AWAITING_APPROVAL)
            self.assertIsNotNone(m.red_on)  # the clock runs while the head reads
            m = actions.do_approve_reply(m, actor=self.head_a, approve=True)
        self.assertEqual(m.state, State.REPLIED)

    def test_head_sends_a_reply_back(self):
        with at(2025, 9, 29):
            m = self.matter(State.AWAITING_APPROVAL)
            with self.assertRaises(MatterError):
                actions.do_approve_reply(m, actor=self.head_a, approve=False)
            m = actions.do_approve_reply(m, actor=self.head_a, approve=False, note="请补充整改照片")
        self.assertEqual(m.state, State.ASSIGNED)
        self.assertIn("reply_sent_back", self.kinds_of_events(m))

    def test_verify_records_verdict_and_resolution_apart(self):
        with at(2025, 9, 29):
            m = actions.do_verify_matter(self.matter(State.REPLIED), actor=self.staff,
                                         verdict=Verdict.PARTLY, resolution=Resolution.UNRESOLVED)
        self.assertEqual((m.state, m.verdict, m.resolution),
                         (State.VERIFIED, Verdict.PARTLY, Resolution.UNRESOLVED))

    def test_verify_refuses_an_unknown_verdict(self):
        with at(2025, 9, 29):
            m = self.matter(State.REPLIED)
        with self.assertRaises(MatterError):
            actions.do_verify_matter(m, actor=self.staff, verdict="maybe")

    def test_closed_is_not_resolved(self):
        with at(2025, 9, 29):
            m = self.matter(State.VERIFIED)
            m = actions.do_close_matter(m, actor=self.staff, resolution=Resolution.UNRESOLVED)
        self.assertEqual((m.state, m.resolution), (State.CLOSED, Resolution.UNRESOLVED))

    def test_close_needs_a_resolution(self):
        with at(2025, 9, 29):
            m = self.matter(State.VERIFIED)
        with self.assertRaises(MatterError):
            actions.do_close_matter(m, actor=self.staff, resolution="")

    def test_reopen_gives_a_fresh_clock_to_the_same_unit(self):
        with at(2025, 9, 29):
            m = self.matter(State.CLOSED)
        with at(2025, 9, 30):
            m = actions.do_reopen_matter(m, actor=self.staff, reason="回访不满意")
        self.assertEqual((m.state, m.unit, m.deadline), (State.REOPENED, self.unit_a, D(2025, 10, 11)))
        self.assertEqual((m.resolution, m.verdict, m.closed_at), (Resolution.PENDING, "", None))

    def test_reopened_matter_can_be_replied_again(self):
        with at(2025, 9, 29):
            m = actions.do_reply_matter(self.matter(State.REOPENED), actor=self.liaison_a, reply="再次整改")
        self.assertEqual(m.state, State.REPLIED)

    def test_pause_and_resume_return_to_the_previous_state(self):
        with at(2025, 9, 29):
            m = self.matter(State.REOPENED)
            m = actions.do_pause_matter(m, actor=self.staff, reason="等待")
            m = actions.do_resume_matter(m, actor=self.staff)
        self.assertEqual(m.state, State.REOPENED)
        self.assertEqual(self.kinds_of_events(m)[-2:], ["paused", "resumed"])

    def test_extension_granted_moves_the_deadline(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)  # Sep 30, Oct 9, Oct 10
            ext = actions.do_request_extension(m, actor=self.liaison_a, workdays=2, reason="需会商")
            self.assertEqual(m.deadline, D(2025, 10, 10))
            actions.do_decide_extension(ext, actor=self.staff, grant=True)
        m.refresh_from_db()
        self.assertEqual(m.deadline, D(2025, 10, 13))  # Oct 11 (Saturday, worked), Oct 13
        self.assertIn("extension_granted", self.kinds_of_events(m))

    def test_extension_granted_for_fewer_days(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
            ext = actions.do_request_extension(m, actor=self.liaison_a, workdays=5, reason="需会商")
            ext = actions.do_decide_extension(ext, actor=self.staff, grant=True, workdays=1)
        m.refresh_from_db()
        self.assertEqual((ext.workdays, m.deadline), (1, D(2025, 10, 11)))

    def test_extension_refused_keeps_the_deadline(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
            ext = actions.do_request_extension(m, actor=self.liaison_a, workdays=2, reason="需会商")
            ext = actions.do_decide_extension(ext, actor=self.staff, grant=False, note="理由不充分")
        m.refresh_from_db()
        self.assertEqual((ext.decision, m.deadline), (Extension.Decision.REFUSED, D(2025, 10, 10)))

    def test_extension_decided_only_once(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
            ext = actions.do_request_extension(m, actor=self.liaison_a, workdays=2, reason="需会商")
            actions.do_decide_extension(ext, actor=self.staff, grant=False)
            with self.assertRaises(IllegalTransition):
                actions.do_decide_extension(ext, actor=self.staff, grant=True)

    def test_one_pending_extension_at_a_time(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
            actions.do_request_extension(m, actor=self.liaison_a, workdays=2, reason="需会商")
            with self.assertRaises(IllegalTransition):
                actions.do_request_extension(m, actor=self.liaison_a, workdays=2, reason="再次申请")

    def test_extension_days_are_bounded(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
        with self.assertRaises(MatterError):
            actions.do_request_extension(m, actor=self.liaison_a, workdays=0, reason="需会商")

    def test_extension_granted_while_paused_moves_the_deadline_on_resume(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
            ext = actions.do_request_extension(m, actor=self.liaison_a, workdays=2, reason="需会商")
            m = actions.do_pause_matter(m, actor=self.staff, reason="等待")
            actions.do_decide_extension(ext, actor=self.staff, grant=True)
        m.refresh_from_db()
        self.assertEqual((m.deadline, m.red_on), (D(2025, 10, 13), None))

    def test_urge_can_be_repeated_and_does_not_lower_the_level(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
            m = actions.do_order_matter(m, actor=self.staff)
            m = actions.do_urge_matter(m, actor=self.staff)
            m = actions.do_urge_matter(m, actor=self.staff)
        self.assertEqual(m.escalation_level, Escalation.SUPERVISION_ORDER)
        self.assertEqual(self.kinds_of_events(m).count("urged"), 2)

    def test_an_order_after_a_referral_is_refused(self):
        with at(2025, 9, 29):
            m = actions.do_refer_matter(self.matter(State.ASSIGNED), actor=self.staff)
            with self.assertRaises(IllegalTransition):
                actions.do_order_matter(m, actor=self.staff)

    def test_manual_urge_moves_the_next_automatic_step(self):
        with at(2025, 9, 30):
            m = actions.do_urge_matter(self.matter(State.ASSIGNED), actor=self.staff)
        self.assertEqual(m.next_escalation_on, D(2025, 10, 15))  # order at 3 working days late

    def test_assigning_late_is_red_at_once(self):
        with at(2025, 9, 29):
            m = self.matter()
            m = actions.do_assign_matter(m, actor=self.staff, unit=self.unit_a, time_limit=1)
        with at(2025, 10, 9):
            m = actions.do_pause_matter(m, actor=self.staff, reason="等待")
            m = actions.do_resume_matter(m, actor=self.staff)
        self.assertEqual(m.colour, Colour.RED)
        self.assertTrue(m.missed_deadline)

    def test_every_transition_leaves_one_event(self):
        with at(2025, 9, 29):
            m = self.matter(State.REOPENED)
        self.assertEqual(self.kinds_of_events(m),
                         ["received", "assigned", "replied", "verified", "closed", "reopened"])
