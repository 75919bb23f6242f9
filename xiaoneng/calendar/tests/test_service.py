"""The service: DB years override shipped ones, the cache follows every change, recompute callbacks run."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.test import TestCase

from xiaoneng.calendar import service
from xiaoneng.calendar.actions import do_load_schedules
from xiaoneng.calendar.models import CalendarRevision, CalendarYear
from xiaoneng.calendar.schedule import YearSchedule, parse_schedules
from xiaoneng.calendar.tests.helpers import d
from xiaoneng.calendar.tests.test_schedule import GOOD
from xiaoneng.testing import XiaonengTestCase


def schedule_2027() -> dict[int, YearSchedule]:
    return parse_schedules(GOOD)


class RecomputeTests(TestCase):
    def setUp(self):
        self.calls = []
        service.register_recompute(self.calls.append)
        self.addCleanup(service.unregister_recompute, self.calls.append)

    def test_loading_a_year_calls_back_with_its_year(self):
        do_load_schedules(schedule_2027())
        self.assertEqual(self.calls, [{2027}])

    def test_a_provisional_deadline_is_recomputed_when_its_year_is_loaded(self):
        deadlines = {"matter-1": (d("2027-02-04"), 1)}
        due = {key: service.add_workdays_provisional(*start) for key, start in deadlines.items()}
        self.assertEqual(due["matter-1"], (d("2027-02-05"), True))

        def recompute(years):
            for key, (start, n) in deadlines.items():
                if due[key][1] and (start.year in years or due[key][0].year in years):
                    due[key] = service.add_workdays_provisional(start, n)

        service.register_recompute(recompute)
        self.addCleanup(service.unregister_recompute, recompute)
        do_load_schedules(schedule_2027())
        self.assertEqual(due["matter-1"], (d("2027-02-12"), False))

    def test_notify_years_changed_calls_every_callback(self):
        service.notify_years_changed({2030, 2031})
        self.assertEqual(self.calls, [{2030, 2031}])


class OverrideAndCacheTests(TestCase):
    def test_a_db_year_overrides_the_shipped_year(self):
        self.assertFalse(service.is_workday(d("2025-10-08")))
        schedule = YearSchedule(year=2025, notice="国务院办公厅关于2025年部分节假日安排的通知（测试）",
                                holidays={"国庆节": (d("2025-10-01"),)})
        do_load_schedules({2025: schedule})
        self.assertTrue(service.is_workday(d("2025-10-08")))
        self.assertFalse(service.is_workday(d("2025-10-01")))

    def test_cache_is_reused_while_nothing_changes(self):
        self.assertIs(service.current_calendar(), service.current_calendar())

    def test_another_process_changing_the_revision_invalidates_the_cache(self):
        before = service.current_calendar()
        # What another process's load leaves behind: new rows and a new token, no local clear_cache().
        for year, schedule in schedule_2027().items():
            row = CalendarYear.objects.create(year=year, notice=schedule.notice)
            row.days.create(date=date(2027, 1, 1), is_workday=False, name="元旦")
        CalendarRevision.objects.filter(pk=1).update(token="from-another-process")
        after = service.current_calendar()
        self.assertIsNot(before, after)
        self.assertFalse(after.is_workday(d("2027-01-01")))
        self.assertFalse(after.is_provisional(d("2027-01-01")))

    def test_workdays_between(self):
        self.assertEqual(service.workdays_between(d("2025-01-27"), d("2025-02-05")), 1)


class LoadPermissionTests(XiaonengTestCase):
    def test_users_without_the_permission_cannot_load(self):
        for user in (self.staff, self.liaison_a, self.head_a, self.supervisor, self.leader):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                do_load_schedules(schedule_2027(), actor=user)
        self.assertFalse(CalendarYear.objects.exists())

    def test_center_admin_can_load(self):
        self.assertEqual(do_load_schedules(schedule_2027(), actor=self.admin), [2027])
