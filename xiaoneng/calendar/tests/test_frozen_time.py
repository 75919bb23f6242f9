"""Deadlines counted from "today", with the clock frozen across the 2025 holidays."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.test import TestCase
from django.utils import timezone

from xiaoneng.calendar import service
from xiaoneng.calendar.tests.helpers import d

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


class FrozenDeadlineTests(TestCase):
    @time_machine.travel(at("2025-09-30 16:30"), tick=False)
    def test_five_working_days_from_the_eve_of_national_day(self):
        self.assertEqual(service.add_workdays(timezone.localdate(), 5), d("2025-10-14"))

    @time_machine.travel(at("2025-10-03 09:00"), tick=False)
    def test_assigned_during_the_holiday(self):
        today = timezone.localdate()
        self.assertFalse(service.is_workday(today))
        self.assertEqual(service.add_workdays(today, 3), d("2025-10-11"))

    @time_machine.travel(at("2025-10-11 09:00"), tick=False)
    def test_assigned_on_the_worked_saturday(self):
        self.assertTrue(service.is_workday(timezone.localdate()))
        self.assertEqual(service.add_workdays(timezone.localdate(), 1), d("2025-10-13"))

    @time_machine.travel(at("2025-01-27 23:59"), tick=False)
    def test_late_on_the_last_day_before_spring_festival(self):
        self.assertEqual(timezone.localdate(), d("2025-01-27"))
        self.assertEqual(service.add_workdays(timezone.localdate(), 1), d("2025-02-05"))

    @time_machine.travel(at("2025-01-26 08:00"), tick=False)
    def test_on_the_worked_sunday_counting_back(self):
        self.assertEqual(service.add_workdays(timezone.localdate(), -1), d("2025-01-24"))

    @time_machine.travel(at("2025-10-14 10:00"), tick=False)
    def test_days_elapsed_since_the_eve(self):
        self.assertEqual(service.workdays_between(d("2025-09-30"), timezone.localdate()), 5)

    @time_machine.travel(at("2026-12-30 10:00"), tick=False)
    def test_december_deadline_into_an_unpublished_year_is_provisional(self):
        due = service.add_workdays(timezone.localdate(), 5)
        self.assertEqual(due, d("2027-01-06"))
        self.assertTrue(service.is_provisional(due))
