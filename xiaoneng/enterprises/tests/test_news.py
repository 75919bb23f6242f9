from xiaoneng.enterprises.news import center_news
from xiaoneng.enterprises.tests.base import D, EnterpriseTestCase
from xiaoneng.matters import clock
from xiaoneng.matters.actions import do_reply_matter, do_verify_matter
from xiaoneng.matters.models import Resolution, Verdict


class NewsTests(EnterpriseTestCase):
    def test_solved_problems_by_type_in_the_newsletters_words(self):
        do_reply_matter(self.problem_a.matter, actor=self.liaison_a, reply="已解决")
        do_verify_matter(
            self.problem_a.matter,
            actor=self.staff,
            verdict=Verdict.SUBSTANTIATED,
            resolution=Resolution.RESOLVED,
        )
        today = clock.today()
        (draft,) = center_news(today, today)
        self.assertIn("解决了1家企业电能补助问题", draft.text)

    def test_nothing_solved(self):
        self.assertEqual(center_news(D(2026, 1, 1), D(2026, 1, 31)), [])
