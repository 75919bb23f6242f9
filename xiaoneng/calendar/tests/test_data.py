"""The shipped schedules: every published year, each with its notice, agreeing with chinesecalendar."""

import re
from datetime import date, timedelta

import chinese_calendar
from django.test import SimpleTestCase

from xiaoneng.calendar.schedule import shipped_schedules
from xiaoneng.calendar.tests.helpers import shipped_calendar

NOTICE = re.compile(r"^国务院(办公厅)?关于.+的通知（国(办)?发明电〔\d{4}〕\d+号）$")

# Where the shipped data follows the notice and chinesecalendar's table does not.
KNOWN_DIFFERENCES = {
    # 国办发明电〔2005〕35号 (New Year 2006): "12月31日（星期六）上班". chinesecalendar has it off.
    date(2005, 12, 31): True,
}


class ShippedDataTests(SimpleTestCase):
    def test_every_published_year_is_shipped(self):
        self.assertEqual(sorted(shipped_schedules()), list(range(2004, 2027)))

    def test_every_year_cites_its_notices(self):
        for year, schedule in shipped_schedules().items():
            for notice in schedule.notices:
                self.assertRegex(notice, NOTICE, year)
            self.assertIn(f"关于{year}年部分节假日安排的通知", schedule.notice)

    def test_2020_cites_the_spring_festival_extension(self):
        schedule = shipped_schedules()[2020]
        self.assertIn("国办发明电〔2020〕1号", " ".join(schedule.other_notices))
        extension = (date(2020, 1, 31), date(2020, 2, 1), date(2020, 2, 2))
        self.assertEqual(schedule.holidays["春节（延长）"], extension)

    def test_2015_cites_the_victory_day_notice(self):
        schedule = shipped_schedules()[2015]
        self.assertIn("国发明电〔2015〕1号", " ".join(schedule.other_notices))
        self.assertIn(date(2015, 9, 3), schedule.off_days)

    def test_agrees_with_chinesecalendar_2004_to_2026(self):
        cal = shipped_calendar()
        day, differences = date(2004, 1, 1), {}
        while day <= date(2026, 12, 31):
            ours = cal.is_workday(day)
            if ours != chinese_calendar.is_workday(day):
                differences[day] = ours
            day += timedelta(days=1)
        self.assertEqual(differences, KNOWN_DIFFERENCES)
