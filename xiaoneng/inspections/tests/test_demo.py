"""The demo step: the newsletters' campaigns, and their reports reproduce the newsletters' figures."""

from __future__ import annotations

import datetime

from django.test import TestCase

from xiaoneng.demo.builder import build_accounts, build_demo, build_persons, build_units
from xiaoneng.inspections import report
from xiaoneng.inspections.demo import build_inspections
from xiaoneng.inspections.models import Campaign, CampaignKind, CampaignState, FindingState
from xiaoneng.matters.tests.base import at
from xiaoneng.trace.chain import verify_subject

TODAY = datetime.date(2025, 11, 20)


class DemoInspectionsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with at(2025, 11, 20):
            build_demo(steps=[build_units, build_persons, build_accounts, build_inspections])
        cls.special = Campaign.objects.get(kind=CampaignKind.SPECIAL)
        cls.joint = Campaign.objects.get(kind=CampaignKind.JOINT)

    def figures(self, campaign) -> report.Figures:
        return report.figures(campaign, TODAY)

    def test_special_supervision_of_6_branches_with_21_suggestions(self):
        figures = self.figures(self.special)
        self.assertEqual((figures.units_visited, figures.suggestions), (6, 21))
        self.assertEqual((figures.adopted, figures.declined, figures.suggestions_open), (15, 2, 4))
        self.assertEqual(self.special.starts_on, datetime.date(2025, 4, 29))

    def test_the_special_paragraph_reads_like_the_newsletter(self):
        text = report.summary(self.special, self.figures(self.special))
        self.assertTrue(text.startswith("4月29日，县效能中心组织开展"), text)
        self.assertIn("对金湖农商行淮建、塔集等6个支行进行督查", text)
        self.assertIn("提出意见建议21条", text)

    def test_joint_supervision_in_3_groups_with_15_findings(self):
        figures = self.figures(self.joint)
        self.assertEqual((figures.groups, figures.findings, figures.handed_over), (3, 15, 11))
        self.assertEqual((figures.resolved, figures.overdue, figures.dismissed), (3, 5, 1))
        text = report.summary(self.joint, figures)
        self.assertIn("分成3个督查小组", text)
        self.assertIn("发现问题线索15个", text)

    def test_findings_in_every_state(self):
        states = set(self.joint.findings.values_list("state", flat=True))
        self.assertEqual(states, set(FindingState.values))

    def test_a_units_own_covert_visit_and_a_discipline_check_under_way(self):
        own = Campaign.objects.get(organiser_unit__code="jtj")
        self.assertEqual((own.kind, own.county_wide, own.findings.count()), (CampaignKind.COVERT, False, 3))
        text = report.summary(own, self.figures(own))
        self.assertIn("县交通运输局组织开展交通运输系统内明察暗访，对交通执法大队黎城、塔集等4个中队", text)
        check = Campaign.objects.get(checklists__code="discipline")
        self.assertEqual(check.state, CampaignState.ACTIVE)
        self.assertTrue(check.targets.filter(results__passed=False).exists())

    def test_traces_verify(self):
        for finding in self.joint.findings.exclude(matter=None):
            self.assertEqual(verify_subject(finding.matter), [])
            self.assertEqual(verify_subject(finding), [])
