import datetime

from xiaoneng.accountability import news
from xiaoneng.accountability.actions import do_decide_accountability, do_propose_accountability
from xiaoneng.accountability.models import AccountabilityForm
from xiaoneng.accountability.tests.base import AccountabilityTestCase

D = datetime.date


class NewsTests(AccountabilityTestCase):
    def test_people_held_in_the_period_with_citations(self):
        for person, day in (
            (self.cadre_a, D(2026, 3, 2)),
            (self.cadre_b, D(2026, 3, 20)),
            (self.cadre_b, D(2026, 5, 1)),
        ):
            rec = do_propose_accountability(
                person=person,
                unit=None,
                form=AccountabilityForm.REMINDER_TALK,
                reason="x",
                proposer=self.staff,
            )
            do_decide_accountability(rec, self.admin, decided_on=day)
        [draft] = news.center_news(D(2026, 3, 1), D(2026, 3, 31))
        self.assertEqual(draft.figures, {"people": 2, "records": 2})
        self.assertIn("共问责干部2人", draft.text)
        self.assertIn("提醒谈话2人次", draft.text)
        self.assertEqual(len(draft.citations), 2)

    def test_nothing_to_report(self):
        self.assertEqual(news.center_news(D(2026, 1, 1), D(2026, 12, 31)), [])
