"""The campaign report's figures and its briefing paragraph."""

from __future__ import annotations

import datetime

from django.utils import timezone, translation

from xiaoneng.inspections import report
from xiaoneng.inspections.models import (
    Campaign,
    CampaignGroup,
    CampaignKind,
    CampaignMember,
    CampaignState,
    CampaignTarget,
    Finding,
    FindingState,
    Suggestion,
    SuggestionState,
)
from xiaoneng.matters.models import Matter, MatterKind, State
from xiaoneng.org.models import UnitKind
from xiaoneng.testing import XiaonengTestCase, make_unit

TODAY = datetime.date(2026, 5, 20)
BRANCHES = ["淮建", "塔集", "银涂", "前锋", "吕良", "金沟"]


def when(day: datetime.date = datetime.date(2026, 4, 29)) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def make_campaign(case: XiaonengTestCase, **extra) -> Campaign:
    fields = {"kind": CampaignKind.SPECIAL, "organiser_unit": case.center, "county_wide": True,
              "title": "金湖农商行服务专题监督", "starts_on": datetime.date(2026, 4, 29),
              "ends_on": datetime.date(2026, 4, 29), "state": CampaignState.ACTIVE, **extra}
    return Campaign.objects.create(**fields)


def add_finding(case, campaign, unit, state=FindingState.RECORDED, *, red_on=None,
                matter_state=State.ASSIGNED, what="窗口无人值守") -> Finding:
    matter = None
    if state != FindingState.RECORDED and state != FindingState.DISMISSED:
        matter = Matter.objects.create(
            kind=MatterKind.objects.get(code="finding"), title=what, unit=unit, state=matter_state,
            received_at=when(), red_on=red_on, deadline=red_on,
        )
    return Finding.objects.create(campaign=campaign, unit=unit, recorded_by=case.supervisor, what=what,
                                  occurred_at=when(), state=state, matter=matter)


def add_suggestion(case, campaign, unit, state=SuggestionState.OPEN, text="建议设置等候座椅") -> Suggestion:
    return Suggestion.objects.create(campaign=campaign, unit=unit, recorded_by=case.supervisor, text=text,
                                     state=state)


def add_group(campaign, name, *users) -> CampaignGroup:
    group = CampaignGroup.objects.create(campaign=campaign, name=name)
    for user in users:
        CampaignMember.objects.create(group=group, user=user)
    return group


def make_branches(parent_code: str = "nsh"):
    bank = make_unit(parent_code, "江苏金湖农村商业银行", short_name="金湖农商行")
    return [make_unit(f"{parent_code}-{i}", f"江苏金湖农村商业银行{name}支行", UnitKind.BRANCH, parent=bank,
                      short_name=f"农商行{name}支行")
            for i, name in enumerate(BRANCHES)]


class FigureTests(XiaonengTestCase):
    def setUp(self):
        self.campaign = make_campaign(self)

    def figures(self, within=None) -> report.Figures:
        return report.figures(self.campaign, TODAY, within)

    def test_an_empty_campaign_counts_nothing(self):
        self.assertEqual(self.figures(), report.Figures(*[0] * 13))

    def test_groups_members_and_units_visited(self):
        add_group(self.campaign, "第一组", self.supervisor, self.staff)
        add_group(self.campaign, "第二组", self.supervisor)
        CampaignTarget.objects.create(campaign=self.campaign, unit=self.unit_a, visited_on=TODAY)
        CampaignTarget.objects.create(campaign=self.campaign, unit=self.unit_b)
        figures = self.figures()
        self.assertEqual((figures.groups, figures.members), (2, 2))
        self.assertEqual((figures.targets, figures.units_visited), (2, 1))

    def test_findings_by_what_became_of_them(self):
        add_finding(self, self.campaign, self.unit_a)
        add_finding(self, self.campaign, self.unit_a, FindingState.DISMISSED)
        add_finding(self, self.campaign, self.unit_a, FindingState.HANDED_OVER, red_on=TODAY)
        later = TODAY + datetime.timedelta(days=1)
        add_finding(self, self.campaign, self.unit_b, FindingState.HANDED_OVER, red_on=later)
        add_finding(self, self.campaign, self.unit_b, FindingState.RESOLVED, matter_state=State.CLOSED)
        figures = self.figures()
        self.assertEqual((figures.findings, figures.handed_over, figures.resolved), (5, 3, 1))
        self.assertEqual((figures.dismissed, figures.overdue, figures.awaiting_handover), (1, 1, 1))

    def test_a_closed_matter_is_not_overdue(self):
        add_finding(self, self.campaign, self.unit_a, FindingState.HANDED_OVER, red_on=TODAY,
                    matter_state=State.CLOSED)
        self.assertEqual(self.figures().overdue, 0)

    def test_suggestions_adopted_declined_and_open(self):
        for state in ("adopted", "adopted", "declined", "open"):
            add_suggestion(self, self.campaign, self.unit_a, state)
        figures = self.figures()
        self.assertEqual((figures.suggestions, figures.adopted, figures.declined, figures.suggestions_open),
                         (4, 2, 1, 1))

    def test_another_campaigns_rows_are_not_counted(self):
        other = make_campaign(self, title="另一次督查")
        add_finding(self, other, self.unit_a)
        add_suggestion(self, other, self.unit_a)
        self.assertEqual((self.figures().findings, self.figures().suggestions), (0, 0))

    def test_within_a_unit_counts_its_subtree_only(self):
        add_finding(self, self.campaign, self.section_a)
        add_finding(self, self.campaign, self.unit_b)
        add_suggestion(self, self.campaign, self.unit_b)
        CampaignTarget.objects.create(campaign=self.campaign, unit=self.unit_b, visited_on=TODAY)
        figures = self.figures(within=self.unit_a)
        self.assertEqual((figures.findings, figures.suggestions, figures.units_visited), (1, 0, 0))

    def test_figures_take_a_fixed_number_of_queries(self):
        for _ in range(3):
            add_finding(self, self.campaign, self.unit_a, FindingState.HANDED_OVER, red_on=TODAY)
            add_suggestion(self, self.campaign, self.unit_a)
        with self.assertNumQueries(4):
            self.figures()


class UnitsPhraseTests(XiaonengTestCase):
    def test_six_branches_of_one_bank_read_as_in_the_briefing(self):
        self.assertEqual(report.units_phrase(make_branches()), "金湖农商行淮建、塔集等6个支行")

    def test_two_units_are_both_named(self):
        phrase = report.units_phrase([self.unit_a, self.unit_b])
        self.assertEqual(phrase, "县交通运输局、县人力资源和社会保障局")

    def test_units_without_a_shared_ending_are_counted_as_units(self):
        units = [self.unit_a, self.unit_b, self.center]
        self.assertEqual(report.units_phrase(units), "县交通运输局、县人力资源和社会保障局等3个单位")

    def test_no_units_no_phrase(self):
        self.assertEqual(report.units_phrase([]), "")


class SummaryTests(XiaonengTestCase):
    def summary(self, campaign) -> str:
        return report.summary(campaign, report.figures(campaign, TODAY))

    def test_special_supervision_of_six_branches_with_21_suggestions(self):
        campaign = make_campaign(self)
        for branch in make_branches():
            CampaignTarget.objects.create(campaign=campaign, unit=branch, visited_on=campaign.starts_on)
            add_suggestion(self, campaign, branch)
        Suggestion.objects.bulk_create([Suggestion(campaign=campaign, unit=self.unit_a, text=f"建议{i}",
                                                   recorded_by=self.supervisor) for i in range(15)])
        text = self.summary(campaign)
        self.assertTrue(text.startswith("4月29日，县效能中心组织开展金湖农商行服务专题监督"), text)
        self.assertIn("对金湖农商行淮建、塔集等6个支行", text)
        self.assertIn("提出意见建议21条", text)
        self.assertTrue(text.endswith("。"), text)

    def test_joint_supervision_in_three_groups_with_15_leads_handed_over(self):
        campaign = make_campaign(self, kind=CampaignKind.JOINT, title="首次联动督查",
                                 ends_on=datetime.date(2026, 5, 8))
        for name in ("第一组", "第二组", "第三组"):
            add_group(campaign, name, self.supervisor)
        for _ in range(15):
            add_finding(self, campaign, self.unit_a, FindingState.HANDED_OVER)
        text = self.summary(campaign)
        self.assertIn("4月29日至5月8日", text)
        self.assertIn("分成3个督查小组", text)
        self.assertIn("发现问题线索15个，第一时间交办相关责任单位", text)
        self.assertNotIn("意见建议", text)

    def test_within_one_month_the_month_is_not_repeated(self):
        campaign = make_campaign(self, starts_on=datetime.date(2026, 11, 18),
                                 ends_on=datetime.date(2026, 11, 25))
        self.assertTrue(self.summary(campaign).startswith("11月18日至25日，"))

    def test_some_leads_handed_over_some_resolved_some_overdue(self):
        campaign = make_campaign(self)
        add_finding(self, campaign, self.unit_a)
        add_finding(self, campaign, self.unit_a, FindingState.HANDED_OVER, red_on=TODAY)
        add_finding(self, campaign, self.unit_a, FindingState.RESOLVED, matter_state=State.CLOSED)
        text = self.summary(campaign)
        self.assertIn("发现问题线索3个，其中2个已交办相关责任单位，已处理到位1个，1个逾期未处理到位", text)

    def test_answers_to_suggestions_are_counted(self):
        campaign = make_campaign(self)
        add_suggestion(self, campaign, self.unit_a, SuggestionState.ADOPTED)
        add_suggestion(self, campaign, self.unit_a, SuggestionState.DECLINED)
        self.assertIn("提出意见建议2条（已采纳1条，未采纳1条，待答复0条）", self.summary(campaign))

    def test_the_paragraph_in_english(self):
        campaign = make_campaign(self, title="the bank branch supervision")
        add_suggestion(self, campaign, self.unit_a)
        with translation.override("en"):
            text = self.summary(campaign)
        self.assertEqual(text, "April 29, 县效能中心 carried out the bank branch supervision; "
                               "suggestions made: 1.")
