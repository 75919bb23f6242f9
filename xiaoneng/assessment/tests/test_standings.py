import random
from decimal import Decimal

from django.db import connection

from xiaoneng.assessment.standings import compute_standings, rule_sums
from xiaoneng.assessment.tests.base import AssessmentTestCase
from xiaoneng.scoring.models import ScoreRule
from xiaoneng.testing import make_unit

D = Decimal


class StandingsTests(AssessmentTestCase):
    def test_units_without_entries_have_the_base_score(self):
        self.assertEqual(
            self.scores(),
            {"重点部门单位": [("jtj", 1, D(100)), ("rsj", 1, D(100))], "站所": [("jtj-zf", 1, D(100))]},
        )

    def test_score_is_base_plus_entries_ranked_within_group(self):
        self.enter(self.unit_a, "complaint_verified", -1)
        self.enter(self.unit_a, "competition", 3)
        self.enter(self.unit_b, "snail_award", -3)
        self.enter(self.section_a, "snail_award", -3)
        self.assertEqual(
            self.scores(),
            {"重点部门单位": [("jtj", 1, D(102)), ("rsj", 2, D(97))], "站所": [("jtj-zf", 1, D(97))]},
        )

    def test_ties_share_a_rank_and_the_next_rank_is_skipped(self):
        unit_c = make_unit("zjj", "县住建局", parent=self.county, sort_order=0)
        self.key_group.memberships.create(unit=unit_c)
        self.enter(self.unit_a, "complaint_verified", -1)
        self.enter(self.unit_b, "complaint_verified", -1)
        self.assertEqual(
            self.scores()["重点部门单位"], [("zjj", 1, D(100)), ("jtj", 2, D(99)), ("rsj", 2, D(99))]
        )

    def test_breakdown_per_rule(self):
        self.enter(self.unit_a, "complaint_verified", -1)
        self.enter(self.unit_a, "complaint_verified", -2)
        self.enter(self.unit_a, "competition", 1)
        row = compute_standings(self.ay)[0].rows[-1]
        self.assertEqual(
            [(line.rule.code, line.raw, line.entries) for line in row.lines],
            [("complaint_verified", D(-3), 2), ("competition", D(1), 1)],
        )

    def test_rule_cap_limits_what_counts_but_the_ledger_keeps_everything(self):
        ScoreRule.objects.filter(code="complaint_verified").update(cap_per_unit_year=D("2.5"))
        for _ in range(4):
            self.enter(self.unit_b, "complaint_verified", -1)
        row = compute_standings(self.ay)[0].rows[-1]
        self.assertEqual(
            (row.lines[0].raw, row.lines[0].counted, row.lines[0].capped), (D(-4), D("-2.5"), True)
        )
        self.assertEqual(row.score, D("97.50"))

    def test_year_caps_on_total_deductions_and_bonuses(self):
        self.ay.max_deduction, self.ay.max_bonus = D(5), D(2)
        self.ay.save()
        self.enter(self.unit_a, "snail_award", -3)
        self.enter(self.unit_a, "commitment_breached", -4)
        self.enter(self.unit_b, "top_ten_measures", 3)
        self.assertEqual(self.scores()["重点部门单位"], [("rsj", 1, D(102)), ("jtj", 2, D(95))])

    def test_quarters_count_entries_by_approval_date(self):
        self.enter(self.unit_a, "complaint_verified", -1, when="2026-02-10 10:00:00+08:00")
        self.enter(self.unit_a, "complaint_verified", -2, when="2026-05-10 10:00:00+08:00")
        self.enter(self.unit_a, "complaint_verified", -4, when="2027-01-10 10:00:00+08:00")
        by_quarter = {q: self.scores(q)["重点部门单位"][-1][2] for q in (1, 2, 3, 4)}
        self.assertEqual(by_quarter, {1: D(99), 2: D(98), 3: D(100), 4: D(96)})
        self.assertEqual(self.scores()["重点部门单位"][-1][2], D(93))

    def test_other_years_and_person_entries_do_not_count(self):
        self.enter(self.unit_a, "complaint_verified", -1, year=2025)
        self.enter(None, "complaint_verified", -1, person=self.liaison_a.person)
        self.assertEqual(self.scores()["重点部门单位"][0][2], D(100))

    def test_unit_with_entries_in_no_group_is_listed_apart(self):
        self.enter(self.center, "competition", 1)
        self.assertEqual(self.scores()["未分组"], [("xnzx", 1, D(101))])

    def test_recomputation_is_deterministic_whatever_the_insert_order(self):
        rules = ["complaint_verified", "snail_award", "competition", "matter_overdue"]
        rng = random.Random(7)
        plan = [
            (rng.choice([self.unit_a, self.unit_b, self.section_a]), rng.choice(rules)) for _ in range(30)
        ]
        for unit, rule in plan:
            self.enter(unit, rule, None)
        first = self.scores()
        self.assertEqual(self.scores(), first)
        self.assertEqual(first, self.scores())

    def test_one_aggregate_query_matches_hand_written_sql(self):
        self.enter(self.unit_a, "complaint_verified", -1)
        self.enter(self.unit_a, "complaint_verified", -1.5)
        self.enter(self.unit_b, "competition", 2)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT unit_id, rule_id, SUM(points), COUNT(*) FROM scoring_ledgerentry "
                "WHERE year = %s AND unit_id IS NOT NULL GROUP BY unit_id, rule_id "
                "ORDER BY unit_id, rule_id",
                [2026],
            )
            by_hand = [(u, r, D(str(p)).quantize(D("0.01")), n) for u, r, p, n in cursor.fetchall()]
        self.assertEqual([(u, r, D(p).quantize(D("0.01")), n) for u, r, p, n in rule_sums(2026)], by_hand)

    def test_standings_take_a_fixed_number_of_queries(self):
        for unit in (self.unit_a, self.unit_b, self.section_a):
            self.enter(unit, "complaint_verified", -1)
        with self.assertNumQueries(4):
            compute_standings(self.ay)
