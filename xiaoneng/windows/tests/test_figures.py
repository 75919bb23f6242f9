from __future__ import annotations

import datetime
import os
from decimal import Decimal
from unittest import mock

from xiaoneng.org.models import Person, Position
from xiaoneng.scoring.models import ScoreProposal
from xiaoneng.testing import make_unit, make_user
from xiaoneng.windows import actions, ranking
from xiaoneng.windows.figures import figures, figures_by
from xiaoneng.windows.models import Admonition, PoorPerformance, ServiceItem, ServiceStar, StarState
from xiaoneng.windows.tests.base import WindowTestCase, at, moment

MARCH = (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))


class FigureTests(WindowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        self = cls
        with at(2025, 3, 3):
            spot = cls.case(
                self, cls.item_spot, received=moment(2025, 3, 3, 9), completed=moment(2025, 3, 3, 9, 30)
            )
            actions.do_rate_case(self.token, level=5)
            late = cls.case(self, received=moment(2025, 3, 3), completed=moment(2025, 3, 20))
            actions.do_rate_case(self.token, level=1)
            cls.case(self, received=moment(2025, 3, 4), completed=moment(2025, 3, 5))  # unrated
            cls.case(self, received=moment(2025, 3, 5))  # open
        cls.spot, cls.late = spot, late

    def test_window_figures_each_rate_with_its_count(self):
        f = figures(*MARCH, unit=self.window_a, today=datetime.date(2025, 4, 30))
        self.assertEqual((f.cases, f.completed, f.on_the_spot, f.on_time, f.late), (4, 3, 1, 2, 1))
        self.assertEqual(str(f.on_time_rate), "66.7% (2/3)")
        self.assertEqual(str(f.on_the_spot_rate), "33.3% (1/3)")
        # Two real ratings and one deemed satisfied after five working days.
        self.assertEqual((f.rated, f.satisfied, f.bad, f.rectified), (3, 2, 1, 0))

    def test_deemed_satisfied_switch_off(self):
        with mock.patch.dict(os.environ, {"XIAONENG_WINDOWS_DEEM_SATISFIED": "off"}):
            f = figures(*MARCH, unit=self.window_a, today=datetime.date(2025, 4, 30))
        self.assertEqual((f.rated, f.satisfied), (2, 1))
        self.assertEqual(f.satisfaction_rate.percent, Decimal("50.0"))

    def test_not_deemed_before_five_working_days(self):
        # Completed Wed Mar 5; five working days later is Wed Mar 12.
        f = figures(*MARCH, unit=self.window_a, today=datetime.date(2025, 3, 11))
        self.assertEqual(f.rated, 2)
        f = figures(*MARCH, unit=self.window_a, today=datetime.date(2025, 3, 12))
        self.assertEqual(f.rated, 3)

    def test_by_person_and_unit_subtree(self):
        by = figures_by("staff", *MARCH)
        self.assertEqual(by[self.clerk_a.person.pk].cases, 4)
        self.assertEqual(figures(*MARCH, unit=self.unit_a).cases, 4)
        self.assertEqual(figures(*MARCH, unit=self.unit_b).cases, 0)
        self.assertEqual(str(figures(*MARCH, unit=self.unit_b).on_time_rate), "—")

    def test_one_query_per_figure_set(self):
        # The calendar's revision check, the aggregate, and the rectified count (there is a bad rating).
        with self.assertNumQueries(3):
            figures(*MARCH, unit=self.window_a)
        with self.assertNumQueries(2):
            figures(*MARCH, unit=self.window_b)


class RankingTests(WindowTestCase):
    """Four windows; the fourth has too few cases and is left out."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.window_c = make_unit("c-ck", "丙窗口", "window", parent=cls.county)
        cls.window_d = make_unit("d-ck", "丁窗口", "window", parent=cls.county)
        cls.clerk_c = make_user("clerk_c", "unit_staff", cls.window_c)
        cls.clerk_d = make_user("clerk_d", "unit_staff", cls.window_d)
        cls.item_c = ServiceItem.objects.create(unit=cls.window_c, code="C1", name="丙事项", promised_limit=3)
        cls.item_d = ServiceItem.objects.create(unit=cls.window_d, code="D1", name="丁事项", promised_limit=3)
        plan = {
            cls.item_a: (4, [5, 5, 5, 5]),
            cls.item_b: (4, [5, 4, 2, 1]),
            cls.item_c: (4, [4, 4, 3, 1]),
            cls.item_d: (2, [1, 1]),
        }
        for month in (2, 3):
            for item, (n, levels) in plan.items():
                clerk = {
                    cls.window_a.pk: cls.clerk_a,
                    cls.window_b.pk: cls.clerk_b,
                    cls.window_c.pk: cls.clerk_c,
                    cls.window_d.pk: cls.clerk_d,
                }[item.unit_id]
                for i in range(n):
                    case = actions.do_receive_case(
                        item, actor=clerk, applicant_name="王五", received_at=moment(2025, month, 10 + i)
                    )
                    _c, token = actions.do_complete_case(
                        case, actor=clerk, completed_at=moment(2025, month, 10 + i, 11)
                    )
                    actions.do_rate_case(token, level=levels[i])

    def test_ranking_leaves_out_small_windows(self):
        rows = ranking.monthly_ranking(datetime.date(2025, 3, 1), min_cases=3)
        ranked = [(r.place, r.unit.code) for r in rows if r.place]
        self.assertEqual(ranked, [(1, "jtj-ck"), (2, "c-ck"), (3, "rsj-ck")])
        self.assertEqual([r.unit.code for r in rows if r.place is None], ["d-ck"])

    def test_default_minimum_from_settings(self):
        with mock.patch.dict(os.environ, {"XIAONENG_WINDOWS_RANKING_MIN_CASES": "1"}):
            rows = ranking.monthly_ranking(datetime.date(2025, 3, 1))
        self.assertEqual(rows[-1].unit.code, "d-ck")
        self.assertEqual(rows[-1].place, 4)

    def test_bottom_two_months_running_admonition(self):
        with mock.patch.dict(os.environ, {"XIAONENG_WINDOWS_RANKING_MIN_CASES": "3"}):
            made = ranking.do_check_admonitions(datetime.date(2025, 3, 1), actor=self.staff)
            again = ranking.do_check_admonitions(datetime.date(2025, 3, 1), actor=self.staff)
        self.assertEqual(sorted(a.unit.code for a in made), ["c-ck", "rsj-ck"])
        self.assertEqual(again, [])
        proposal = ScoreProposal.objects.get(unit=self.window_b)
        self.assertEqual(proposal.rule.code, "window_admonition")
        self.assertEqual(Admonition.objects.count(), 2)

    def test_clerk_cannot_check_admonitions(self):
        with self.assertRaises(actions.WindowNotPermitted):
            ranking.do_check_admonitions(datetime.date(2025, 3, 1), actor=self.clerk_a)


class StarTests(WindowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.clerk_a2 = make_user("clerk_a2", "unit_staff", cls.window_a, Position.STAFF)
        for clerk, levels in ((cls.clerk_a, [5, 5, 5]), (cls.clerk_a2, [5, 2, 3])):
            for i, level in enumerate(levels):
                case = actions.do_receive_case(
                    cls.item_a, actor=clerk, applicant_name="赵六", received_at=moment(2025, 1, 6 + i)
                )
                _c, token = actions.do_complete_case(
                    case, actor=clerk, completed_at=moment(2025, 1, 6 + i, 15)
                )
                actions.do_rate_case(token, level=level)

    def test_star_proposed_confirmed_published(self):
        stars = ranking.do_propose_stars(2025, 1, actor=self.staff, min_cases=3)
        self.assertEqual([s.person.name for s in stars], ["clerk_a"])
        star = ranking.do_decide_star(stars[0], actor=self.admin, confirm=True)
        self.assertEqual(star.state, StarState.CONFIRMED)
        with self.assertRaises(actions.WindowConflict):
            ranking.do_decide_star(star, actor=self.admin, confirm=False)
        response = self.client.get("/public/windows/stars/")
        self.assertContains(response, "clerk_a")

    def test_unconfirmed_star_not_public(self):
        ranking.do_propose_stars(2025, 1, actor=self.staff, min_cases=3)
        self.assertEqual(ServiceStar.objects.count(), 1)
        self.assertNotContains(self.client.get("/public/windows/stars/"), "clerk_a")

    def test_worst_performer_person_proposal(self):
        made = ranking.do_propose_poor_performers(2025, 1, actor=self.staff, min_cases=3)
        self.assertEqual([p.person.name for p in made], ["clerk_a2"])
        proposal = ScoreProposal.objects.get(person=Person.objects.get(name="clerk_a2"))
        self.assertEqual(proposal.rule.code, "window_poor_performance")
        self.assertEqual(ranking.do_propose_poor_performers(2025, 1, actor=self.staff, min_cases=3), [])
        self.assertEqual(PoorPerformance.objects.count(), 1)


class NewsTests(WindowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for i in range(3):
            case = actions.do_receive_case(
                cls.item_spot, actor=cls.clerk_a, applicant_name="甲", received_at=moment(2025, 3, 3 + i, 9)
            )
            _c, token = actions.do_complete_case(
                case, actor=cls.clerk_a, completed_at=moment(2025, 3, 3 + i, 10)
            )
            actions.do_rate_case(token, level=5)

    def test_center_news_in_newsletter_style(self):
        from xiaoneng.windows.news import center_news

        [draft] = center_news(*MARCH)
        self.assertIn("县交通运输局窗口3件办件均即时办结，客户实时评价满意率100%", draft.text)
        self.assertEqual(draft.figures["cases"], 3)

    def test_dashboard_panel_scoped_and_permissioned(self):
        from xiaoneng.windows.news import dashboard_panels

        [panel] = dashboard_panels(*MARCH, self.leader)
        self.assertEqual(panel.rows[0][:2], ["交通窗口", 3])
        self.assertEqual(dashboard_panels(*MARCH, self.liaison_b), [])


class RollupTests(WindowTestCase):
    def test_actions_keep_the_rollup_equal_to_a_rebuild(self):
        from io import StringIO

        from django.core.management import CommandError, call_command

        from xiaoneng.windows.models import CaseDay

        with at(2025, 3, 3):
            self.case(self.item_spot, received=moment(2025, 3, 3, 9), completed=moment(2025, 3, 3, 10))
            actions.do_rate_case(self.token, level=1)
            self.case(received=moment(2025, 3, 3, 9), completed=moment(2025, 3, 20), wait_seconds=300)
            self.case(self.item_b, received=moment(2025, 3, 4, 9))
            from xiaoneng.windows import queue

            ticket = queue.do_issue_ticket(self.window_a, actor=self.clerk_a)
            queue.do_call_next(self.window_a, actor=self.clerk_a)
            queue.do_finish_ticket(
                queue.do_issue_ticket(self.window_a, actor=self.clerk_a), actor=self.clerk_a, served=False
            )
            del ticket
        out = StringIO()
        call_command("windows_rollup", "--check", stdout=out)
        self.assertIn("matches", out.getvalue())
        CaseDay.objects.update(cases=0)
        with self.assertRaises(CommandError):
            call_command("windows_rollup", "--check", stdout=StringIO())
        call_command("windows_rollup", stdout=out)
        self.assertEqual(sum(CaseDay.objects.values_list("cases", flat=True)), 3)
