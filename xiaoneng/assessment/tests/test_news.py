import datetime

from xiaoneng.assessment import news
from xiaoneng.assessment.tests.base import AssessmentTestCase

D = datetime.date


class DashboardTests(AssessmentTestCase):
    def test_panels_per_group_for_county_wide_roles(self):
        self.enter(self.unit_b, "complaint_verified", -1)
        panels = news.dashboard_panels(D(2026, 1, 1), D(2026, 3, 31), self.leader)
        self.assertEqual(
            [p.title for p in panels], ["2026年度效能考核 · 重点部门单位", "2026年度效能考核 · 站所"]
        )
        self.assertEqual(
            [row[:3] for row in panels[0].rows], [(1, "县交通运输局", 100), (2, "县人力资源和社会保障局", 99)]
        )

    def test_unit_roles_see_their_own_rows_and_others_nothing(self):
        panels = news.dashboard_panels(D(2026, 1, 1), D(2026, 3, 31), self.liaison_b)
        self.assertEqual([row[1] for p in panels for row in p.rows], ["县人力资源和社会保障局"])
        self.assertEqual(news.dashboard_panels(D(2026, 1, 1), D(2026, 3, 31), self.supervisor), [])

    def test_no_year_no_panel(self):
        self.assertEqual(news.dashboard_panels(D(2025, 1, 1), D(2025, 3, 31), self.leader), [])
