import datetime
import io
from decimal import Decimal

import time_machine
from openpyxl import Workbook

from xiaoneng.enterprises import actions, figures
from xiaoneng.enterprises.imports import import_watchlist
from xiaoneng.enterprises.models import Indicator, WatchItem
from xiaoneng.enterprises.tests.base import D, EnterpriseTestCase, uscc
from xiaoneng.matters import clock
from xiaoneng.matters.actions import do_reply_matter, do_verify_matter
from xiaoneng.matters.models import Resolution, State, Verdict
from xiaoneng.org.models import Target


def solve(problem, actor_reply, actor_verify, resolution=Resolution.RESOLVED):
    do_reply_matter(problem.matter, actor=actor_reply, reply="已协调解决")
    do_verify_matter(problem.matter, actor=actor_verify, verdict=Verdict.SUBSTANTIATED, resolution=resolution)
    problem.refresh_from_db()
    return problem


class ProblemTests(EnterpriseTestCase):
    def test_a_problem_is_an_assigned_enterprise_matter(self):
        matter = self.problem_a.matter
        self.assertEqual(
            (matter.kind.code, matter.unit, matter.state), ("enterprise", self.unit_a, State.ASSIGNED)
        )
        self.assertTrue(self.problem_a.is_open)

    def test_verified_as_resolved_it_is_solved_and_counted_by_type_and_period(self):
        with clock.as_of(datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC)):
            solve(self.problem_a, self.liaison_a, self.staff)
        self.problem_a.refresh_from_db()
        self.assertEqual(self.problem_a.solved_on, D(2026, 3, 10))
        self.assertEqual(figures.solved_by_type(D(2026, 1, 1), D(2026, 12, 31)), {"electricity_subsidy": 1})
        self.assertEqual(figures.solved_by_type(D(2026, 4, 1), D(2026, 12, 31)), {})

    def test_the_figure_counts_enterprises_not_problems(self):
        second = self.record(self.factory, self.power, self.unit_a, D(2026, 3, 4), "补助到账慢")
        for problem in (self.problem_a, second):
            solve(problem, self.liaison_a, self.staff)
        today = clock.today()
        self.assertEqual(figures.solved_by_type(today, today)["electricity_subsidy"], 1)

    def test_verified_unresolved_is_not_solved(self):
        problem = solve(self.problem_a, self.liaison_a, self.staff, Resolution.UNRESOLVED)
        self.assertIsNone(problem.solved_on)

    def test_unit_staff_may_not_record(self):
        with self.assertRaises(actions.NotPermitted):
            actions.do_record_problem(
                self.factory,
                actor=self.unit_staff_a,
                type=self.power,
                title="x",
                unit=self.unit_a,
                reported_on=D(2026, 3, 2),
            )

    def test_a_household_is_not_an_enterprise(self):
        household = Target.objects.create(kind="household", name="某户")
        with self.assertRaisesMessage(actions.EnterpriseError, "只受理企业和项目"):
            actions.do_record_problem(
                household,
                actor=self.staff,
                type=self.power,
                title="x",
                unit=self.unit_a,
                reported_on=D(2026, 3, 2),
            )


class WarningTests(EnterpriseTestCase):
    def test_a_problem_open_longer_than_30_days_warns(self):
        found = figures.warnings(D(2026, 4, 2))
        self.assertEqual({w.target for w in found if w.kind == "open_too_long"}, {self.factory.name})

    def test_repeated_problems_of_one_enterprise_warn(self):
        for n in range(2):
            self.record(self.factory, self.power, self.unit_a, D(2026, 3, 5 + n), f"问题{n}")
        found = [w for w in figures.warnings(D(2026, 3, 10)) if w.kind == "repeated"]
        self.assertEqual([(w.target, w.text) for w in found], [(self.factory.name, "3")])

    def test_the_latest_indicator_value_below_the_threshold_warns(self):
        item = actions.do_watch(
            self.factory, actor=self.liaison_a, unit=self.unit_a, reason="重点企业", added_on=D(2026, 1, 1)
        )
        power = Indicator.objects.get(code="power_use")
        actions.do_record_indicator(
            item, actor=self.liaison_a, indicator=power, period=D(2026, 1, 15), value=Decimal("8")
        )
        self.assertEqual(
            [w.target for w in figures.warnings(D(2026, 2, 1)) if w.kind == "indicator"], [self.factory.name]
        )
        actions.do_record_indicator(
            item, actor=self.liaison_a, indicator=power, period=D(2026, 2, 1), value=Decimal("12")
        )
        self.assertEqual([w for w in figures.warnings(D(2026, 3, 1)) if w.kind == "indicator"], [])

    def test_a_unit_sees_only_its_own_warnings(self):
        found = figures.warnings(D(2026, 5, 1), self.liaison_b)
        self.assertEqual({w.target for w in found}, {self.factory_b.name})


class MeetingTests(EnterpriseTestCase):
    def test_the_agenda_is_the_open_problems_and_each_decision_a_matter(self):
        solve(self.problem_b, self.liaison_b, self.staff)
        with time_machine.travel(datetime.datetime(2026, 4, 1, 2, tzinfo=datetime.UTC)):
            meeting = actions.do_call_meeting(
                actor=self.staff, title="4月企业问题会办会", held_on=D(2026, 4, 1), unit=self.center
            )
            self.assertEqual(list(meeting.agenda.all()), [self.problem_a])
            decision = actions.do_record_decision(
                meeting,
                actor=self.staff,
                text="供电公司5日内上门核定补助",
                unit=self.unit_b,
                deadline=D(2026, 4, 10),
                problem=self.problem_a,
                minutes="会议议定一事项",
            )
        self.assertEqual(
            (decision.matter.kind.code, decision.matter.unit, decision.matter.deadline),
            ("meeting_decision", self.unit_b, D(2026, 4, 10)),
        )
        meeting.refresh_from_db()
        self.assertEqual(meeting.minutes, "会议议定一事项")

    def test_a_deadline_in_the_past_is_refused(self):
        meeting = actions.do_call_meeting(
            actor=self.staff, title="会办会", held_on=clock.today(), unit=self.center
        )
        with self.assertRaisesMessage(actions.EnterpriseError, "今天以后的工作日"):
            actions.do_record_decision(
                meeting,
                actor=self.staff,
                text="x",
                unit=self.unit_b,
                deadline=clock.today() - datetime.timedelta(days=3),
            )

    def test_a_liaison_calls_only_the_own_units_meeting(self):
        with self.assertRaises(actions.NotPermitted):
            actions.do_call_meeting(
                actor=self.liaison_b, title="会办会", held_on=D(2026, 4, 1), unit=self.unit_a
            )


def sheet(rows) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    return stream


class WatchImportTests(EnterpriseTestCase):
    HEADER = ["类型", "名称", "统一社会信用代码", "责任单位编码", "跟踪原因"]

    def test_good_rows_create_targets_and_watch_them(self):
        result = import_watchlist(
            sheet(
                [
                    self.HEADER,
                    ["企业", "金湖县新企业有限公司", uscc(7), "jtj", "新投产"],
                    ["项目", "年产10万台阀门项目", None, "jtj", "亿元项目"],
                ]
            ),
            actor=self.staff,
            commit=True,
            today=D(2026, 3, 1),
        )
        self.assertEqual((result.errors, result.created, result.committed), ([], 2, True))
        self.assertTrue(WatchItem.objects.filter(target__name="年产10万台阀门项目").exists())

    def test_one_bad_row_imports_nothing(self):
        result = import_watchlist(
            sheet(
                [
                    self.HEADER,
                    ["企业", "金湖县新企业有限公司", uscc(7), "jtj", ""],
                    ["企业", "坏代码公司", "123", "jtj", ""],
                    ["企业", "无单位公司", uscc(8), "nope", ""],
                    ["居民家庭", "某户", None, "jtj", ""],
                ]
            ),
            actor=self.staff,
            commit=True,
            today=D(2026, 3, 1),
        )
        self.assertEqual(
            [(e.row, e.column) for e in result.errors],
            [(3, "统一社会信用代码"), (4, "责任单位编码"), (5, "类型")],
        )
        self.assertFalse(result.committed)
        self.assertFalse(Target.objects.filter(name="金湖县新企业有限公司").exists())

    def test_a_dry_run_writes_nothing(self):
        result = import_watchlist(
            sheet([self.HEADER, ["企业", "金湖县新企业有限公司", uscc(7), "jtj", ""]]),
            actor=self.staff,
            commit=False,
            today=D(2026, 3, 1),
        )
        self.assertEqual((result.errors, result.committed), ([], False))
        self.assertEqual(WatchItem.objects.count(), 0)

    def test_a_file_that_is_not_xlsx(self):
        result = import_watchlist(
            io.BytesIO(b"not a workbook"), actor=self.staff, commit=True, today=D(2026, 3, 1)
        )
        self.assertEqual(result.errors[0].row, 1)

    def test_a_liaison_imports_only_for_the_own_unit(self):
        result = import_watchlist(
            sheet([self.HEADER, ["企业", "甲公司", uscc(9), "jtj", ""]]),
            actor=self.liaison_b,
            commit=True,
            today=D(2026, 3, 1),
        )
        self.assertEqual(result.errors[0].column, "责任单位编码")
