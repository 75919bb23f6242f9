import datetime

from xiaoneng import news
from xiaoneng.outreach import actions
from xiaoneng.outreach.news import center_news, dashboard_panels
from xiaoneng.outreach.tests.base import OutreachTestCase

D = datetime.date


class NewsTests(OutreachTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for day in (2, 9, 16):
            visit = actions.do_record_visit(
                cls.station_pairing,
                actor=cls.station_staff,
                visited_on=D(2026, 3, day),
                found="房屋漏雨",
                today=D(2026, 3, 31),
            )
        actions.do_hand_over_problem(visit, actor=cls.station_staff, unit=cls.unit_b, title="危房改造")

    def test_the_draft_counts_visits_problems_and_the_months_quotas(self):
        (draft,) = center_news(D(2026, 3, 1), D(2026, 3, 31))
        self.assertEqual((draft.figures["visits"], draft.figures["problems"]), (3, 1))
        self.assertIn("上门走访3次", draft.text)
        self.assertIn("“百个站所进万家”1人次应完成走访任务，完成1人次", draft.text)
        self.assertEqual(len(draft.citations), 1)

    def test_found_by_the_news_contract(self):
        self.assertIn("outreach.visits", [d.key for d in news.center_news(D(2026, 3, 1), D(2026, 3, 31))])

    def test_nothing_to_say(self):
        self.assertEqual(center_news(D(2026, 5, 1), D(2026, 5, 31)), [])

    def test_the_panel_is_scoped_to_the_users_units(self):
        (panel,) = dashboard_panels(D(2026, 1, 1), D(2026, 3, 31), self.staff)
        self.assertIn("公路站", [row[1] for row in panel.rows])
        panels = dashboard_panels(D(2026, 1, 1), D(2026, 3, 31), self.liaison_b)
        self.assertEqual([row[1] for panel in panels for row in panel.rows if row[1] == "公路站"], [])
