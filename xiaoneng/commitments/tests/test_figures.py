import datetime

from xiaoneng.commitments import actions, figures, news
from xiaoneng.commitments.models import CheckOutcome
from xiaoneng.commitments.tests.base import DAY, CommitmentTestCase


class FigureTests(CommitmentTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        actions.do_record_commitment(
            cls.campaign,
            actor=cls.staff,
            unit=cls.unit_b,
            committer_kind="collective",
            committed_on=DAY + datetime.timedelta(days=1),
            channels=["tv", "web"],
        )
        actions.do_record_commitment(
            cls.campaign,
            actor=cls.staff,
            unit=cls.section_a,
            committer_kind="person",
            committed_on=DAY,
            channels=["notice_board", "signed_letter"],
        )
        actions.do_record_check(cls.item, actor=cls.staff, outcome=CheckOutcome.FULFILLED)
        cls.breach = actions.do_record_breach(
            cls.other_item, actor=cls.staff, description="未落实", found_on=datetime.date(2026, 5, 6)
        )

    def test_campaign_figures(self):
        counts = figures.campaign_figures(self.campaign)
        self.assertEqual(
            (counts.units, counts.leaders_on_tv, counts.items, counts.fulfilled, counts.breached),
            (3, 2, 2, 1, 1),
        )
        self.assertEqual(counts.by_channel["tv"], 2)
        self.assertEqual(figures.days_phrase(counts.days), "3月21、22日")

    def test_center_news(self):
        drafts = {d.key: d for d in news.center_news(datetime.date(2026, 3, 1), datetime.date(2026, 5, 31))}
        campaign = drafts["commitments.campaign"]
        self.assertEqual(campaign.figures["leaders_on_tv"], 2)
        self.assertIn(
            "2个部门单位主要负责人或领导班子集体，于3月21、22日通过电视作出具体而明确的承诺", campaign.text
        )
        self.assertEqual(drafts["commitments.breaches"].figures, {"breaches": 1, "published": 0})

    def test_no_news_outside_the_period(self):
        self.assertEqual(news.center_news(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)), [])
