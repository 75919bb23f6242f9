import datetime
from decimal import Decimal

from xiaoneng.activities import actions
from xiaoneng.activities.news import center_news
from xiaoneng.testing import XiaonengTestCase

D = datetime.date


class NewsTests(XiaonengTestCase):
    def test_a_signing_and_training_courses(self):
        signing = actions.do_create_activity(
            actor=self.staff, kind="signing", title="银企签约大会", held_on=D(2026, 4, 1), unit=self.unit_b
        )
        for n in range(4):
            actions.do_add_participant(
                signing,
                actor=self.staff,
                role="enterprise",
                name=f"企业{n}",
                amount=Decimal(50_000_000),
                is_industrial=n < 3,
            )
        actions.do_add_participant(signing, actor=self.staff, role="bank", name="农行")
        course = actions.do_create_activity(
            actor=self.staff,
            kind="training",
            title="河蟹养殖技术培训班",
            held_on=D(2026, 4, 2),
            unit=self.unit_b,
        )
        actions.do_add_participant(course, actor=self.staff, role="trainee", name="养殖户", headcount=64)
        signing_draft, training = center_news(D(2026, 4, 1), D(2026, 4, 30))
        self.assertIn("4户企业与1个银行、0个小贷公司达成融资合作意向2.0亿元", signing_draft.text)
        self.assertIn("工业企业占比75.0%", signing_draft.text)
        self.assertIn("培训班1期，参训人员60多人次", training.text)
