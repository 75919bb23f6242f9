"""Provisional deadlines are recomputed when their year's calendar is published."""

import datetime

from xiaoneng.calendar.actions import do_load_schedules
from xiaoneng.calendar.schedule import YearSchedule
from xiaoneng.matters.models import State
from xiaoneng.matters.scanner import recompute_provisional
from xiaoneng.matters.tests.base import MatterTestCase, at

D = datetime.date
NEW_YEAR_2027 = YearSchedule(2027, "国办发明电〔2026〕1号", holidays={"元旦": (D(2027, 1, 1),)})


class ProvisionalDeadlineTests(MatterTestCase):
    def setUp(self):
        with at(2026, 12, 28):
            self.m = self.matter(State.ASSIGNED, kind=self.complaint)

    def test_computed_on_weekends_alone(self):
        self.assertEqual((self.m.deadline, self.m.deadline_provisional), (D(2027, 1, 14), True))

    def test_loading_the_year_recomputes_it(self):
        with at(2026, 12, 29):
            do_load_schedules({2027: NEW_YEAR_2027})
        self.m.refresh_from_db()
        self.assertEqual((self.m.deadline, self.m.deadline_provisional), (D(2027, 1, 15), False))
        self.assertEqual(self.kinds_of_events(self.m)[-1], "deadline_recomputed")

    def test_paused_matters_are_recomputed_too(self):
        from xiaoneng.matters import actions

        with at(2026, 12, 28):
            actions.do_pause_matter(self.m, actor=self.staff, reason="等待")
        with at(2026, 12, 29):
            do_load_schedules({2027: NEW_YEAR_2027})
        self.m.refresh_from_db()
        self.assertEqual((self.m.deadline, self.m.red_on), (D(2027, 1, 15), None))

    def test_replied_matters_keep_the_deadline_they_were_held_to(self):
        from xiaoneng.matters import actions

        with at(2026, 12, 28):
            actions.do_reply_matter(self.m, actor=self.liaison_a, reply="已办")
        self.assertEqual(recompute_provisional({2027}), [])

    def test_other_years_are_left_alone(self):
        self.assertEqual(recompute_provisional({2028}), [])
