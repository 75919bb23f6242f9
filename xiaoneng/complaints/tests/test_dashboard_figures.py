"""The dashboard's figures on the known data set of dashboard_data.py."""

import time_machine
from django.test import override_settings
from django.utils import translation

from xiaoneng.complaints import dashboard
from xiaoneng.complaints.dashboard import Period, Rate, UnitFigures, rank
from xiaoneng.complaints.tests.dashboard_data import TODAY, DashboardTestCase, date


def figures(breakdown) -> dict[str, int]:
    return {row.key: row.count for row in breakdown if row.count}


@time_machine.travel(TODAY, tick=False)
class FigureTests(DashboardTestCase):
    def complaints(self, user=None, period=None):
        return dashboard.complaints_in(user or self.staff, period or Period.this_year())

    def test_totals(self):
        self.assertEqual(dashboard.totals(self.complaints(), date(10, 20)),
                         {"total": 9, "open": 6, "overdue": 1, "needs_attention": 1})

    def test_by_state(self):
        self.assertEqual(figures(dashboard.by_state(self.complaints())),
                         {"closed": 3, "replied": 1, "assigned": 3, "verified": 1, "received": 1})

    def test_by_colour_counts_open_complaints_with_a_deadline(self):
        self.assertEqual(figures(dashboard.by_colour(self.complaints())), {"green": 3, "yellow": 1, "red": 1})

    def test_by_category(self):
        self.assertEqual(figures(dashboard.by_category(self.complaints())),
                         {"attitude": 3, "fees": 2, "slow": 2, "inaction": 1, "other": 1})

    def test_unit_a(self):
        unit = dashboard.by_unit(self.complaints(), date(10, 20))[0]
        self.assertEqual((unit.name, unit.cases, unit.open, unit.overdue, unit.rank), ("交通局", 6, 4, 1, 1))
        rates = (unit.on_time, unit.substantiated, unit.satisfied)
        self.assertEqual(rates, (Rate(3, 5), Rate(2, 3), Rate(1, 2)))

    def test_unit_b_and_the_unassigned(self):
        _a, b, unassigned = dashboard.by_unit(self.complaints(), date(10, 20))
        self.assertEqual((b.name, b.cases, b.on_time, b.substantiated, b.satisfied, b.rank),
                         ("人社局", 2, Rate(1, 1), Rate(0, 1), Rate(1, 1), None))
        self.assertEqual((unassigned.unit_id, unassigned.cases, unassigned.rank), (None, 1, None))

    def test_overdue_list(self):
        self.assertEqual(list(dashboard.overdue_list(self.complaints(), date(10, 20))), [self.late])

    def test_period(self):
        period = Period(date(10, 1), date(12, 31))
        self.assertEqual(dashboard.totals(self.complaints(period=period), date(10, 20))["total"], 0)
        period = Period(date(1, 1), date(9, 1))
        self.assertEqual(dashboard.totals(self.complaints(period=period), date(10, 20))["total"], 9)

    def test_kind(self):
        self.case(self.unit_b, "received", "other", kind=self.enquiry)
        period = Period(date(1, 1), date(12, 31), self.enquiry)
        self.assertEqual(dashboard.totals(self.complaints(period=period), date(10, 20))["total"], 1)

    def test_a_complaint_naming_the_viewer_is_not_counted(self):
        from xiaoneng.org.models import Person

        self.c1.named_persons.add(Person.objects.get(user=self.staff))
        self.assertEqual(dashboard.totals(self.complaints(), date(10, 20))["total"], 8)


class MinimumTests(DashboardTestCase):
    """A unit is ranked only when its on-time rate rests on enough cases (DESIGN §7)."""

    def ranks(self, minimum: int) -> dict[str, int | None]:
        units = dashboard.by_unit(dashboard.complaints_in(self.staff, Period(date(1, 1), date(12, 31))),
                                  date(10, 20), minimum)
        return {unit.name: unit.rank for unit in units}

    def test_default_of_five(self):
        self.assertEqual(self.ranks(5), {"交通局": 1, "人社局": None, "": None})

    def test_a_small_unit_with_a_perfect_rate_ranks_only_when_allowed(self):
        self.assertEqual(self.ranks(1), {"人社局": 1, "交通局": 2, "": None})

    def test_above_every_unit(self):
        self.assertEqual(self.ranks(6), {"交通局": None, "人社局": None, "": None})

    @override_settings(DASHBOARD_MIN_CASES=6)
    def test_setting(self):
        self.assertEqual(dashboard.min_cases(), 6)

    def test_the_setting_has_a_default(self):
        self.assertEqual(dashboard.min_cases(), 5)


class RankTests(DashboardTestCase):
    def unit(self, pk, part, whole, cases=10):
        return UnitFigures(pk, f"u{pk}", cases, 0, 0, Rate(part, whole), Rate(0, 0), Rate(0, 0))

    def test_ties_share_a_rank(self):
        units = rank([self.unit(1, 9, 10), self.unit(2, 18, 20), self.unit(3, 5, 10)], 5)
        self.assertEqual([(u.unit_id, u.rank) for u in units], [(1, 1), (2, 1), (3, 3)])


class RateTests(DashboardTestCase):
    def test_shown_with_its_count(self):
        with translation.override("en"):
            self.assertEqual(str(Rate(23, 25)), "92% (23/25)")

    def test_in_chinese(self):
        with translation.override("zh-hans"):
            self.assertEqual(str(Rate(23, 25)), "92%（23/25）")

    def test_no_cases_no_rate(self):
        self.assertEqual(str(Rate(0, 0)), "—")
