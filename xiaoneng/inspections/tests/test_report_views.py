"""The report page, its printable version and its spreadsheet: every role, secrecy before closing."""

from __future__ import annotations

import datetime
import io

import openpyxl
import time_machine
from django.urls import reverse
from django.utils.translation import gettext as _

from xiaoneng.audit.models import AuditEntry
from xiaoneng.inspections.models import CampaignState, CampaignTarget, FindingState, SuggestionState
from xiaoneng.inspections.tests.test_report import add_finding, add_group, add_suggestion, make_campaign
from xiaoneng.testing import XiaonengTestCase, make_user

TODAY = datetime.date(2026, 5, 20)
VIEWS = ("inspections:report", "inspections:report_print", "inspections:report_xlsx")


@time_machine.travel(datetime.datetime(2026, 5, 20, 10, tzinfo=datetime.UTC), tick=False)
class ReportViewTests(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.campaign = make_campaign(cls)
        add_group(cls.campaign, "第一组", cls.supervisor)
        for unit in (cls.unit_a, cls.unit_b):
            CampaignTarget.objects.create(campaign=cls.campaign, unit=unit, visited_on=cls.campaign.starts_on)
        add_finding(cls, cls.campaign, cls.unit_a, what="交通局窗口无人值守")
        add_finding(cls, cls.campaign, cls.section_a, FindingState.HANDED_OVER, red_on=TODAY,
                    what="执法大队上班时间网购")
        add_finding(cls, cls.campaign, cls.unit_b, FindingState.HANDED_OVER, what="人社局叫号混乱")
        add_suggestion(cls, cls.campaign, cls.unit_b, SuggestionState.ADOPTED, text="人社局增设引导员")
        cls.stranger = make_user("supervisor_other", "supervisor")

    def get(self, user, name="inspections:report"):
        if user is not None:
            self.login(user)
        return self.client.get(reverse(name, args=[self.campaign.public_id]))

    def close(self):
        self.campaign.state = CampaignState.CLOSED
        self.campaign.save()

    def test_anonymous_is_sent_to_log_in(self):
        for name in VIEWS:
            url = reverse(name, args=[self.campaign.public_id])
            self.assertRedirects(self.get(None, name), f"/login/?next={url}", fetch_redirect_response=False)

    def test_center_and_leader_see_every_figure(self):
        for user in (self.admin, self.staff, self.leader):
            response = self.get(user)
            self.assertEqual(response.status_code, 200, user)
            self.assertEqual(response.context["figures"].findings, 3)
            self.assertContains(response, "人社局叫号混乱")

    def test_a_member_sees_the_report(self):
        response = self.get(self.supervisor)
        self.assertEqual((response.status_code, response.context["figures"].findings), (200, 3))

    def test_a_supervisor_outside_the_campaign_gets_not_found(self):
        for name in VIEWS:
            self.assertEqual(self.get(self.stranger, name).status_code, 404)

    def test_inspected_units_see_nothing_before_closing(self):
        for user in (self.liaison_a, self.liaison_b, self.head_a, self.section_liaison):
            for name in VIEWS:
                self.assertEqual(self.get(user, name).status_code, 404, (user, name))

    def test_after_closing_a_unit_sees_its_own_subtree_only(self):
        self.close()
        response = self.get(self.liaison_a)
        figures = response.context["figures"]
        self.assertEqual((figures.findings, figures.handed_over, figures.overdue), (2, 1, 1))
        self.assertEqual((figures.suggestions, figures.units_visited), (0, 1))
        self.assertContains(response, "交通局窗口无人值守")
        self.assertNotContains(response, "人社局")

    def test_after_closing_a_section_sees_its_own_finding_only(self):
        self.close()
        response = self.get(self.section_liaison)
        self.assertEqual(response.context["figures"].findings, 1)
        self.assertContains(response, "执法大队上班时间网购")
        self.assertNotContains(response, "交通局窗口无人值守")

    def test_after_closing_the_other_unit_sees_its_suggestion(self):
        self.close()
        response = self.get(self.liaison_b)
        self.assertContains(response, "人社局增设引导员")
        self.assertNotContains(response, "交通局")

    def test_the_page_shows_the_paragraph_and_the_overdue_mark(self):
        response = self.get(self.staff)
        self.assertContains(response, "发现问题线索3个")
        self.assertContains(response, '<td id="fig-overdue">1</td>', html=True)
        self.assertContains(response, 'class="overdue"', count=1)

    def test_the_printable_version_stands_alone(self):
        response = self.get(self.staff, "inspections:report_print")
        self.assertContains(response, "@page")
        self.assertContains(response, "发现问题线索3个")
        self.assertNotContains(response, "topbar")


@time_machine.travel(datetime.datetime(2026, 5, 20, 10, tzinfo=datetime.UTC), tick=False)
class SpreadsheetTests(XiaonengTestCase):
    def setUp(self):
        self.campaign = make_campaign(self)
        CampaignTarget.objects.create(campaign=self.campaign, unit=self.unit_a, visited_on=TODAY)
        add_finding(self, self.campaign, self.unit_a, FindingState.HANDED_OVER, red_on=TODAY,
                    what="=HYPERLINK(\"http://example.com\")")
        add_suggestion(self, self.campaign, self.unit_a, SuggestionState.DECLINED, text="建议延长午间服务")

    def workbook(self, user=None):
        self.login(user or self.staff)
        response = self.client.get(reverse("inspections:report_xlsx", args=[self.campaign.public_id]))
        self.assertEqual(response["Content-Type"],
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        return openpyxl.load_workbook(io.BytesIO(response.content))

    def test_three_sheets_figures_findings_suggestions(self):
        self.assertEqual(self.workbook().sheetnames, [_("Figures"), _("Findings"), _("Suggestions")])

    def test_the_figures_and_the_paragraph(self):
        rows = {row[0]: row[1] for row in self.workbook()[_("Figures")].iter_rows(values_only=True)}
        counts = [rows[_(label)] for label in ("Findings (problem leads)", "Handed over to units", "Overdue",
                                               "Declined", "Awaiting an answer")]
        self.assertEqual(counts, [1, 1, 1, 1, 0])
        self.assertIn("发现问题线索1个", rows[_("Summary for the briefing")])

    def test_typed_text_is_never_a_formula(self):
        cell = self.workbook()[_("Findings")]["B2"]
        self.assertEqual((cell.value, cell.data_type), ('=HYPERLINK("http://example.com")', "s"))

    def test_the_export_is_audited(self):
        self.workbook()
        entry = AuditEntry.objects.filter(action="export").latest("seq")
        self.assertEqual((entry.actor, entry.target_repr), (self.staff, self.campaign.title))
