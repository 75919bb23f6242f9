"""The counting rule on the shipped calendar: National Day and Spring Festival 2025, N < 0, N = 0."""

from datetime import date

import numpy as np
from django.test import SimpleTestCase

from xiaoneng.calendar.tests.helpers import d, shipped_calendar
from xiaoneng.calendar.workdays import OutOfRange


class NationalDay2025Tests(SimpleTestCase):
    def setUp(self):
        self.cal = shipped_calendar()

    def test_holidays_are_off_and_adjusted_days_worked(self):
        self.assertFalse(any(self.cal.is_workday(date(2025, 10, day)) for day in range(1, 9)))
        self.assertTrue(self.cal.is_workday(d("2025-09-28")))  # Sunday worked
        self.assertTrue(self.cal.is_workday(d("2025-10-11")))  # Saturday worked

    def test_one_day_before_the_holiday_ends_after_it(self):
        self.assertEqual(self.cal.add_workdays(d("2025-09-30"), 1), d("2025-10-09"))

    def test_counting_through_the_worked_saturday(self):
        self.assertEqual(self.cal.add_workdays(d("2025-09-30"), 3), d("2025-10-11"))
        self.assertEqual(self.cal.add_workdays(d("2025-09-30"), 5), d("2025-10-14"))

    def test_a_start_on_a_holiday_does_not_count(self):
        self.assertEqual(self.cal.add_workdays(d("2025-10-03"), 1), d("2025-10-09"))

    def test_a_start_on_an_adjusted_working_day_does_not_count(self):
        self.assertEqual(self.cal.add_workdays(d("2025-09-28"), 1), d("2025-09-29"))
        self.assertEqual(self.cal.add_workdays(d("2025-10-11"), 1), d("2025-10-13"))

    def test_a_start_on_the_weekend_before_the_worked_sunday(self):
        self.assertEqual(self.cal.add_workdays(d("2025-09-27"), 1), d("2025-09-28"))

    def test_negative_counts_back_over_the_holiday(self):
        self.assertEqual(self.cal.add_workdays(d("2025-10-09"), -1), d("2025-09-30"))
        self.assertEqual(self.cal.add_workdays(d("2025-10-09"), -3), d("2025-09-28"))
        self.assertEqual(self.cal.add_workdays(d("2025-10-05"), -1), d("2025-09-30"))

    def test_zero_is_the_day_itself_even_a_holiday(self):
        self.assertEqual(self.cal.add_workdays(d("2025-10-01"), 0), d("2025-10-01"))

    def test_workdays_between_counts_the_half_open_interval(self):
        self.assertEqual(self.cal.workdays_between(d("2025-09-30"), d("2025-10-14")), 5)
        self.assertEqual(self.cal.workdays_between(d("2025-10-14"), d("2025-09-30")), -5)
        self.assertEqual(self.cal.workdays_between(d("2025-10-01"), d("2025-10-08")), 0)


class SpringFestival2025Tests(SimpleTestCase):
    def setUp(self):
        self.cal = shipped_calendar()

    def test_holidays_and_adjusted_days(self):
        self.assertFalse(any(self.cal.is_workday(d(x)) for x in ("2025-01-28", "2025-02-01", "2025-02-04")))
        self.assertTrue(self.cal.is_workday(d("2025-01-26")))
        self.assertTrue(self.cal.is_workday(d("2025-02-08")))

    def test_friday_before_reaches_the_worked_sunday(self):
        self.assertEqual(self.cal.add_workdays(d("2025-01-24"), 1), d("2025-01-26"))
        self.assertEqual(self.cal.add_workdays(d("2025-01-24"), 3), d("2025-02-05"))

    def test_start_on_the_holiday(self):
        self.assertEqual(self.cal.add_workdays(d("2025-01-30"), 1), d("2025-02-05"))
        self.assertEqual(self.cal.add_workdays(d("2025-01-30"), 4), d("2025-02-08"))
        self.assertEqual(self.cal.add_workdays(d("2025-01-30"), 5), d("2025-02-10"))

    def test_start_on_the_worked_saturday(self):
        self.assertEqual(self.cal.add_workdays(d("2025-02-08"), 1), d("2025-02-10"))

    def test_back_over_the_holiday(self):
        self.assertEqual(self.cal.add_workdays(d("2025-02-05"), -1), d("2025-01-27"))
        self.assertEqual(self.cal.add_workdays(d("2025-02-05"), -2), d("2025-01-26"))
        self.assertEqual(self.cal.add_workdays(d("2025-02-05"), -3), d("2025-01-24"))


class SpecialYearsTests(SimpleTestCase):
    def setUp(self):
        self.cal = shipped_calendar()

    def test_2020_spring_festival_extension(self):
        self.assertFalse(self.cal.is_workday(d("2020-01-31")))
        self.assertFalse(self.cal.is_workday(d("2020-02-01")))  # was to be worked before the extension
        self.assertEqual(self.cal.add_workdays(d("2020-01-23"), 1), d("2020-02-03"))

    def test_2015_victory_day(self):
        self.assertFalse(self.cal.is_workday(d("2015-09-03")))
        self.assertFalse(self.cal.is_workday(d("2015-09-04")))
        self.assertTrue(self.cal.is_workday(d("2015-09-06")))

    def test_2019_labour_day_as_changed(self):
        self.assertFalse(self.cal.is_workday(d("2019-05-03")))
        self.assertTrue(self.cal.is_workday(d("2019-05-05")))


class ProvisionalTests(SimpleTestCase):
    def setUp(self):
        self.cal = shipped_calendar()

    def test_unscheduled_year_is_provisional_on_weekends(self):
        self.assertTrue(self.cal.is_provisional(d("2027-01-01")))
        self.assertTrue(self.cal.is_workday(d("2027-01-01")))  # a Friday, by weekends alone
        self.assertFalse(self.cal.is_provisional(d("2026-12-31")))

    def test_result_crossing_into_an_unscheduled_year_is_provisional(self):
        self.assertEqual(self.cal.add_workdays_provisional(d("2026-12-31"), 1), (d("2027-01-01"), True))
        self.assertEqual(self.cal.add_workdays_provisional(d("2026-12-30"), 1), (d("2026-12-31"), False))

    def test_counting_back_from_an_unscheduled_year_into_a_scheduled_one_is_not(self):
        self.assertEqual(self.cal.add_workdays_provisional(d("2027-01-01"), -1), (d("2026-12-31"), False))

    def test_outside_the_span(self):
        with self.assertRaises(OutOfRange):
            self.cal.is_workday(d("1989-12-31"))
        with self.assertRaises(OutOfRange):
            self.cal.add_workdays(d("2200-12-30"), 5)


class BatchTests(SimpleTestCase):
    def setUp(self):
        self.cal = shipped_calendar()

    def test_datetime64_in_datetime64_out(self):
        starts = np.array(["2025-09-30", "2025-10-09", "2025-01-30", "2025-10-01"], dtype="datetime64[D]")
        result = self.cal.add_workdays_many(starts, np.array([1, -3, 5, 0]))
        expected = np.array(["2025-10-09", "2025-09-28", "2025-02-10", "2025-10-01"], dtype="datetime64[D]")
        np.testing.assert_array_equal(result, expected)

    def test_ordinals_in_ordinals_out(self):
        starts = np.array([d("2025-09-30").toordinal()])
        self.assertEqual(self.cal.add_workdays_many(starts, np.array([1]))[0], d("2025-10-09").toordinal())

    def test_out_of_span_raises(self):
        with self.assertRaises(OutOfRange):
            self.cal.add_workdays_many(np.array(["1980-01-01"], dtype="datetime64[D]"), np.array([1]))
