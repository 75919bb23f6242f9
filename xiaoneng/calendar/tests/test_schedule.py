"""Reading schedule files: the good form and each kind of mistake, named by line and field."""

from datetime import date

from django.test import SimpleTestCase

from xiaoneng.calendar.schedule import ScheduleError, parse_schedules

GOOD = """
[2027]
notice = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）"
workdays = [2027-01-31, 2027-02-20]

[2027.holidays]
"元旦" = 2027-01-01
"春节" = "2027-02-05..2027-02-11"
"清明节" = ["2027-04-03..2027-04-04", 2027-04-05]
"""


class ParseTests(SimpleTestCase):
    def test_good_file(self):
        schedule = parse_schedules(GOOD)[2027]
        self.assertEqual(schedule.workdays, (date(2027, 1, 31), date(2027, 2, 20)))
        self.assertEqual(len(schedule.holidays["春节"]), 7)
        self.assertEqual(len(schedule.off_days), 11)

    def test_round_trip_through_to_toml(self):
        schedule = parse_schedules(GOOD)[2027]
        self.assertEqual(parse_schedules(schedule.to_toml())[2027], schedule)

    def assertFails(self, text, *fragments):
        with self.assertRaises(ScheduleError) as caught:
            parse_schedules(text, source="f.toml")
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))

    def test_day_both_off_and_on(self):
        self.assertFails(GOOD.replace("2027-01-31,", "2027-01-31, 2027-02-07,"),
                         "f.toml:4", "workdays[1]", "2027-02-07", "both")

    def test_day_outside_the_year(self):
        self.assertFails(GOOD.replace('"元旦" = 2027-01-01', '"元旦" = 2026-12-31'),
                         "f.toml:7", "元旦", "outside 2027")

    def test_adjusted_working_day_not_a_weekend(self):
        self.assertFails(GOOD.replace("2027-02-20]", "2027-02-22]"), "f.toml:4", "workdays[1]", "Monday")

    def test_unknown_key(self):
        self.assertFails(GOOD.replace("workdays =", "workday ="), "f.toml:4", "unknown key 'workday'")

    def test_missing_notice(self):
        self.assertFails(GOOD.replace("notice =", "# notice ="), "notice is required")

    def test_not_a_year(self):
        self.assertFails(GOOD.replace("[2027]", "[next]").replace("[2027.holidays]", "[next.holidays]"),
                         "f.toml:2", "not a year")

    def test_bad_range(self):
        self.assertFails(GOOD.replace("2027-02-05..2027-02-11", "2027-02-11..2027-02-05"), "ends before")

    def test_day_in_two_holidays(self):
        self.assertFails(GOOD.replace('"元旦" = 2027-01-01', '"元旦" = 2027-02-05'), "also listed under")

    def test_not_toml(self):
        self.assertFails("[2027\nnotice=", "not valid TOML")
