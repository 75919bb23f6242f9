"""The index agrees with a naive day-by-day count on every covered year."""

from datetime import date, timedelta

import numpy as np
from django.test import SimpleTestCase
from hypothesis import given
from hypothesis import strategies as st

from xiaoneng.calendar.schedule import shipped_schedules
from xiaoneng.calendar.tests.helpers import NaiveCalendar, shipped_calendar

CAL = shipped_calendar()
NAIVE = NaiveCalendar(shipped_schedules())
covered_days = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 31))
counts = st.integers(min_value=-60, max_value=60)


class PropertyTests(SimpleTestCase):
    @given(covered_days, counts)
    def test_add_workdays_matches_the_naive_count(self, day, n):
        self.assertEqual(CAL.add_workdays(day, n), NAIVE.add_workdays(day, n))

    @given(covered_days, covered_days)
    def test_workdays_between_matches_the_naive_count(self, start, end):
        if abs((end - start).days) > 400:
            end = start + timedelta(days=(end - start).days % 400)
        self.assertEqual(CAL.workdays_between(start, end), NAIVE.workdays_between(start, end))

    @given(covered_days, st.integers(min_value=1, max_value=60))
    def test_the_result_is_a_working_day_exactly_n_working_days_on(self, day, n):
        result = CAL.add_workdays(day, n)
        self.assertTrue(CAL.is_workday(result))
        self.assertEqual(CAL.workdays_between(day, result), n)

    @given(st.lists(st.tuples(covered_days, counts), min_size=1, max_size=50))
    def test_batch_matches_single(self, pairs):
        starts = np.array([p[0] for p in pairs], dtype="datetime64[D]")
        ns = np.array([p[1] for p in pairs])
        got = CAL.add_workdays_many(starts, ns).astype(object).tolist()
        self.assertEqual(got, [CAL.add_workdays(day, n) for day, n in pairs])

    def test_every_day_of_every_covered_year_one_step_each_way(self):
        day = date(2004, 1, 1)
        while day <= date(2026, 12, 31):
            for n in (-1, 1):
                self.assertEqual(CAL.add_workdays(day, n), NAIVE.add_workdays(day, n), (day, n))
            self.assertEqual(CAL.is_workday(day), NAIVE.is_workday(day), day)
            day += timedelta(days=1)
