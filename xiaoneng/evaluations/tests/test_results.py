from decimal import Decimal

from django.test import SimpleTestCase

from xiaoneng.evaluations import results
from xiaoneng.evaluations.tests.base import EvaluationTestCase


class RankTests(SimpleTestCase):
    def test_ties_share_a_rank_and_the_next_rank_skips(self):
        self.assertEqual(results.competition_ranks([Decimal(90), Decimal(95), Decimal(90), Decimal(80)]),
                         [2, 1, 2, 4])

    def test_weighted_mean_renormalises_missing_groups(self):
        self.assertEqual(results.weighted({1: Decimal(80)}, {1: Decimal(60), 2: Decimal(40)}), Decimal(80))
        weights = {1: Decimal(60), 2: Decimal(40)}
        self.assertEqual(results.weighted({1: Decimal(100), 2: Decimal(50)}, weights), Decimal(80))
        self.assertIsNone(results.weighted({}, {1: Decimal(1)}))


class ComputeTests(EvaluationTestCase):
    def setUp(self):
        self.open()
        self.standard_votes()

    def scores(self):
        return {s.target.unit.code: s for s in results.compute(self.round)}

    def test_group_weights_and_composite_with_the_ledger(self):
        a = self.scores()["jtj"]
        # enterprises: (100 + 80) / 2 = 90; deputies: 100; 60/40 weights -> 94; ledger 100 (base).
        self.assertEqual(a.evaluation, Decimal("94.00"))
        self.assertEqual(a.composite, Decimal("95.80"))  # 94 * 0.7 + 100 * 0.3

    def test_too_few_ballots_are_not_ranked(self):
        scores = self.scores()
        self.assertEqual(scores["rsj"].ballots, 1)
        self.assertIsNone(scores["rsj"].rank)
        self.assertEqual((scores["jtj"].rank, scores["zjj"].rank), (1, 2))

    def test_ledger_deductions_lower_the_composite(self):
        from xiaoneng.scoring.actions import do_approve_proposal, do_propose_entry

        proposal = do_propose_entry(unit=self.unit_a, rule_code="snail_award", source=None, reason="蜗牛奖",
                                    proposer=self.staff, year=2013)
        do_approve_proposal(proposal, self.admin)
        self.assertEqual(self.scores()["jtj"].ledger, Decimal("97.00"))

    def test_the_assessment_years_standings_are_preferred(self):
        from xiaoneng.assessment.models import AssessmentYear
        from xiaoneng.scoring.actions import do_approve_proposal, do_propose_entry

        AssessmentYear.objects.create(year=2013, title="2013年度", base_score=Decimal(90),
                                      max_deduction=Decimal(2))
        proposal = do_propose_entry(unit=self.unit_a, rule_code="snail_award", source=None, reason="蜗牛奖",
                                    proposer=self.staff, year=2013)
        do_approve_proposal(proposal, self.admin)
        scores = self.scores()
        self.assertEqual(scores["jtj"].ledger, Decimal("88.00"))  # 90 − 3, capped at 2
        self.assertEqual(scores["zjj"].ledger, Decimal("90.00"))

    def test_recomputing_gives_the_same_result(self):
        first = [(s.target.pk, s.composite, s.rank) for s in results.compute(self.round)]
        self.assertEqual(first, [(s.target.pk, s.composite, s.rank) for s in results.compute(self.round)])


class NewsTests(EvaluationTestCase):
    def test_a_published_round_is_news_with_its_figures(self):
        import datetime

        from django.utils import timezone

        from xiaoneng.evaluations import actions
        from xiaoneng.evaluations.news import center_news

        self.open()
        self.standard_votes()
        self.close()
        actions.do_publish_round(self.round, actor=self.staff)
        today = timezone.localdate()
        (draft,) = center_news(today - datetime.timedelta(days=1), today + datetime.timedelta(days=1))
        self.assertEqual(draft.figures, {"departments": 3, "sections": 2, "ballots": 3})
        self.assertIn("3个部门及2个科室的工作作风、工作效能、服务质量等进行评议", draft.text)
        self.assertIn("排名末位的部门为县住房和城乡建设局", draft.text)
