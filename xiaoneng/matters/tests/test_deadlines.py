"""Deadlines in working days across the 2025 National Day holiday (Oct 1–8 off; Sep 28 and Oct 11 worked)."""

import datetime

from xiaoneng.matters import actions
from xiaoneng.matters.deadlines import Colour, DeadlinePolicy, colour_on, yellow_day
from xiaoneng.matters.models import State
from xiaoneng.matters.tests.base import MatterTestCase, at

D = datetime.date


class DeadlineTests(MatterTestCase):
    def test_assign_day_never_counts(self):
        with at(2025, 9, 26):
            m = self.matter(State.ASSIGNED)
        self.assertEqual(m.deadline, D(2025, 9, 30))  # Sep 28 (Sunday, worked), 29, 30

    def test_deadline_skips_the_holiday_and_counts_the_worked_saturday(self):
        with at(2025, 9, 30):
            m = self.matter(State.ASSIGNED)
        self.assertEqual(m.deadline, D(2025, 10, 11))  # Oct 9, 10, 11 (Saturday, worked)

    def test_thirteen_working_days_across_the_holiday(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED, kind=self.complaint)
        self.assertEqual(m.deadline, D(2025, 10, 23))
        self.assertFalse(m.deadline_provisional)

    def test_assigning_on_a_holiday_counts_from_the_next_working_day(self):
        with at(2025, 10, 3):
            m = self.matter(State.ASSIGNED)
        self.assertEqual(m.deadline, D(2025, 10, 11))

    def test_pause_over_the_holiday_moves_the_deadline_by_the_paused_working_days(self):
        with at(2025, 9, 25):
            m = self.matter(State.ASSIGNED)
        self.assertEqual(m.deadline, D(2025, 9, 29))
        with at(2025, 9, 26):
            m = actions.do_pause_matter(m, actor=self.staff, reason="等待举报人")
        with at(2025, 10, 9):
            m = actions.do_resume_matter(m, actor=self.staff)
        # Paused Sep 28, 29, 30 and Oct 9: four working days; Oct 10 and 11 remain.
        self.assertEqual(m.paused_workdays, 4)
        self.assertEqual(m.deadline, D(2025, 10, 11))
        self.assertEqual(m.state, State.ASSIGNED)

    def test_pause_entirely_inside_the_holiday_moves_nothing(self):
        with at(2025, 9, 30):
            m = self.matter(State.ASSIGNED)
        with at(2025, 10, 2):
            m = actions.do_pause_matter(m, actor=self.staff, reason="等待外单位")
        with at(2025, 10, 7):
            m = actions.do_resume_matter(m, actor=self.staff)
        self.assertEqual((m.paused_workdays, m.deadline), (0, D(2025, 10, 11)))

    def test_paused_matter_has_no_scan_dates(self):
        with at(2025, 9, 30):
            m = actions.do_pause_matter(self.matter(State.ASSIGNED), actor=self.staff, reason="等待")
        self.assertEqual((m.yellow_on, m.red_on, m.next_escalation_on), (None, None, None))
        self.assertTrue(m.is_paused)

    def test_yellow_and_red_dates(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED, kind=self.complaint)
        self.assertEqual(m.yellow_on, D(2025, 10, 22))  # two working days left: Oct 22 and 23
        self.assertEqual(m.red_on, D(2025, 10, 24))
        self.assertEqual(m.next_escalation_on, D(2025, 10, 24))  # urge the working day after

    def test_escalation_dates_follow_working_days(self):
        with at(2025, 9, 26):
            m = self.matter(State.ASSIGNED)
        self.assertEqual(m.escalation_day(0), D(2025, 10, 9))
        self.assertEqual(m.escalation_day(1), D(2025, 10, 11))
        self.assertEqual(m.escalation_day(2), D(2025, 10, 14))
        self.assertIsNone(m.escalation_day(3))

    def test_yellow_as_a_share_of_the_limit(self):
        with at(2025, 9, 29):
            policy = DeadlinePolicy(yellow_days_before=None, yellow_share=90)
            # 10 working days: yellow on the 10th (90% used when it begins).
            self.assertEqual(yellow_day(D(2025, 9, 29), D(2025, 10, 20), 10, policy), D(2025, 10, 20))
            half = DeadlinePolicy(yellow_days_before=None, yellow_share=50)
            # Five used when the sixth begins.
            self.assertEqual(yellow_day(D(2025, 9, 29), D(2025, 10, 20), 10, half), D(2025, 10, 14))

    def test_yellow_at_once_when_the_limit_is_shorter_than_the_warning(self):
        with at(2025, 9, 29):
            policy = DeadlinePolicy(yellow_days_before=5)
            self.assertEqual(yellow_day(D(2025, 9, 29), D(2025, 9, 30), 1, policy), D(2025, 9, 29))

    def test_colour_on(self):
        self.assertEqual(colour_on(D(2025, 10, 1), D(2025, 10, 9), D(2025, 10, 12)), Colour.GREEN)
        self.assertEqual(colour_on(D(2025, 10, 9), D(2025, 10, 9), D(2025, 10, 12)), Colour.YELLOW)
        self.assertEqual(colour_on(D(2025, 10, 12), D(2025, 10, 9), D(2025, 10, 12)), Colour.RED)

    def test_workdays_left(self):
        with at(2025, 9, 30):
            m = self.matter(State.ASSIGNED)
            self.assertEqual(m.workdays_left(D(2025, 9, 30)), 3)
            self.assertEqual(m.workdays_left(D(2025, 10, 14)), -2)  # Oct 13 and 14

    def test_deadline_in_an_unpublished_year_is_provisional(self):
        with at(2026, 12, 28):
            m = self.matter(State.ASSIGNED, kind=self.complaint)
        self.assertTrue(m.deadline_provisional)
        self.assertEqual(m.deadline.year, 2027)
