import datetime

from xiaoneng.outreach import actions, quotas
from xiaoneng.outreach.tests.base import OutreachTestCase, target

D = datetime.date


class PeriodTests(OutreachTestCase):
    def test_monthly_tier_has_twelve_months_ending_on_their_last_day(self):
        months = quotas.periods(self.stations)
        self.assertEqual(len(months), 12)
        self.assertEqual(months[1].end, D(2026, 2, 28))
        self.assertEqual(months[11].end, D(2026, 12, 31))

    def test_leap_february(self):
        self.assertEqual(quotas.month_period(2028, 2).end, D(2028, 2, 29))

    def test_due_date_tier_runs_to_the_end_of_may(self):
        (period,) = quotas.periods(self.leaders)
        self.assertEqual((period.start, period.end), (D(2026, 1, 1), D(2026, 5, 31)))

    def test_quarters(self):
        self.assertEqual(quotas.quarter_period(2026, 4).start, D(2026, 10, 1))
        self.assertEqual(quotas.quarter_of(D(2026, 3, 31)), 1)
        self.assertEqual(quotas.quarter_of(D(2026, 4, 1)), 2)


class MonthBoundaryTests(OutreachTestCase):
    def january(self, today=None):
        return quotas.compliance(self.stations, quotas.month_period(2026, 1), today or D(2026, 2, 1))

    def test_a_visit_on_the_last_day_of_the_month_counts_for_that_month(self):
        for day in (D(2026, 1, 5), D(2026, 1, 20), D(2026, 1, 31)):
            self.visit(self.station_pairing, day)
        (row,) = self.january().people
        self.assertTrue(row.met)
        self.assertEqual(row.done, 3)

    def test_a_visit_on_the_first_of_the_next_month_does_not(self):
        for day in (D(2026, 1, 5), D(2026, 1, 20), D(2026, 2, 1)):
            self.visit(self.station_pairing, day)
        result = self.january()
        self.assertEqual(
            [(r.person_name, r.done, r.missing) for r in result.shortfalls], [("station_a", 2, 1)]
        )
        february = quotas.compliance(self.stations, quotas.month_period(2026, 2), D(2026, 3, 1))
        self.assertEqual(february.people[0].done, 1)

    def test_a_month_not_over_is_in_progress_not_short(self):
        result = self.january(today=D(2026, 1, 31))
        self.assertFalse(result.over)
        self.assertEqual(result.shortfalls, [])
        self.assertEqual(len(result.in_progress), 1)

    def test_visits_to_any_paired_household_add_up_for_the_person(self):
        other = target("张家户（金南村）", "household")
        second = actions.do_pair(
            self.stations,
            actor=self.staff,
            person=self.station_staff.person,
            target=other,
            started_on=D(2026, 1, 1),
        )
        self.visit(self.station_pairing, D(2026, 1, 3))
        self.visit(second, D(2026, 1, 4))
        self.visit(second, D(2026, 1, 5))
        (row,) = self.january().people
        self.assertEqual((row.done, row.required, row.met), (3, 3, True))

    def test_a_pairing_made_mid_month_owes_from_the_next_month(self):
        late = actions.do_pair(
            self.stations,
            actor=self.staff,
            person=self.chief.person,
            target=target("赵家户", "household"),
            started_on=D(2026, 1, 15),
        )
        self.assertFalse(quotas.owes(self.stations, late, quotas.month_period(2026, 1)))
        self.assertTrue(quotas.owes(self.stations, late, quotas.month_period(2026, 2)))


class YearBoundaryTests(OutreachTestCase):
    def year(self, year: int):
        return quotas.compliance(self.chiefs, quotas.year_period(year), D(year + 1, 1, 1))

    def test_six_visits_by_new_years_eve_meet_the_yearly_quota(self):
        for month in (2, 4, 6, 8, 10):
            self.visit(self.chief_pairing, D(2026, month, 10))
        self.visit(self.chief_pairing, D(2026, 12, 31))
        row = next(r for r in self.year(2026).people if r.person_name == "chief_a")
        self.assertTrue(row.met)

    def test_a_visit_on_new_years_day_counts_for_the_new_year(self):
        for month in (2, 4, 6, 8, 10):
            self.visit(self.chief_pairing, D(2026, month, 10))
        actions.do_record_visit(
            self.chief_pairing,
            actor=self.chief,
            visited_on=D(2027, 1, 1),
            found="新年走访",
            today=D(2027, 1, 1),
        )
        shortfalls = {(r.person_name, r.done) for r in self.year(2026).shortfalls}
        self.assertIn(("chief_a", 5), shortfalls)
        self.assertIn(("chief_b", 0), shortfalls)

    def test_shortfalls_list_the_targets_not_visited_enough(self):
        row = next(r for r in self.year(2026).shortfalls if r.person_name == "chief_b")
        self.assertEqual(row.short_targets, ["金湖县永和仪表有限公司"])


class DueDateTests(OutreachTestCase):
    def test_every_paired_enterprise_must_be_visited_by_the_end_of_may(self):
        first = actions.do_pair(
            self.leaders,
            actor=self.staff,
            person=self.deputy_a,
            target=self.factory,
            started_on=D(2026, 3, 1),
        )
        actions.do_pair(
            self.leaders,
            actor=self.staff,
            person=self.deputy_a,
            target=self.factory_b,
            started_on=D(2026, 3, 1),
        )
        self.visit(first, D(2026, 5, 31), actor=self.staff)
        (period,) = quotas.periods(self.leaders)
        (row,) = quotas.compliance(self.leaders, period, D(2026, 6, 1)).shortfalls
        self.assertEqual((row.done, row.required, row.short_targets), (1, 2, ["金湖县永和仪表有限公司"]))

    def test_unit_table_rates(self):
        self.visit(self.station_pairing, D(2026, 3, 2))
        rows = quotas.compliance(self.chiefs, quotas.year_period(2026), D(2027, 1, 1)).by_unit()
        self.assertEqual({r["unit"]: r["rate"] for r in rows}, {"交通执法大队": 0, "人社局": 0})
