import datetime

from django.utils import timezone

from xiaoneng.achievements import figures, news
from xiaoneng.achievements.tests.base import QUARTER, YEAR, AchievementTestCase


class FigureTests(AchievementTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.to_state(cls.draft, "selected")
        cls.to_state(cls.declare(cls.liaison_a, "二号"), "verified")
        cls.to_state(cls.declare(cls.section_liaison, "执法大队实绩", unit=cls.section_a), "declared")
        from xiaoneng.achievements import actions

        rejected = cls.to_state(cls.declare(cls.liaison_b, "驳回的"), "declared")
        actions.do_verify_declaration(rejected, actor=cls.staff, verified=False, reason="不属实")
        cls.declare(cls.liaison_b, "草稿不计")
        cls.to_state(cls.declare(cls.liaison_b, "已提交不计"), "submitted")
        cls.to_state(cls.declare(cls.liaison_b, "去年", year=YEAR - 1), "selected")

    def test_quarter_figures_count_what_reached_the_center(self):
        now = figures.quarter_figures(YEAR, QUARTER)
        self.assertEqual((now.units_declared, now.declared, now.units_selected, now.selected), (3, 4, 1, 1))
        self.assertEqual((now.verified, now.rejected), (2, 1))

    def test_with_last_year(self):
        now, before = figures.with_last_year(YEAR, QUARTER)
        self.assertEqual((before.year, before.declared, before.selected), (YEAR - 1, 1, 1))
        self.assertEqual(figures.change(now.declared, before.declared), "同比增加3件")
        self.assertEqual(figures.change(1, 1), "与去年同期持平")

    def test_sentence(self):
        self.assertEqual(
            figures.sentence(figures.quarter_figures(YEAR, QUARTER)),
            "3个部门单位申报服务实绩4件，确定1个部门单位的1件典型实绩",
        )

    def test_center_news(self):
        today = timezone.localdate()
        drafts = news.center_news(today - datetime.timedelta(days=1), today)
        this = next(d for d in drafts if d.figures["declared"] == 4)
        self.assertEqual(this.key, "achievements.quarterly")
        self.assertEqual(this.title, "组织申报一季度服务实绩")
        self.assertIn("对3个部门单位申报的4件服务实绩进行核实、筛选，确定1个部门单位的1件典型实绩", this.text)
        self.assertEqual(this.previous["declared"], 1)
        self.assertEqual([c.label for c in this.citations], ["交通局：道路运输证即办"])
