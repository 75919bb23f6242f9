"""The news providers this branch writes (complaints, inspections, matters): every figure matches
the records the draft cites, and last year's same period is compared."""

import datetime

import time_machine
from django.utils import timezone

from xiaoneng.complaints import news as complaint_news
from xiaoneng.complaints.models import Complaint
from xiaoneng.complaints.tests.base import ComplaintTestCase
from xiaoneng.inspections import news as inspection_news
from xiaoneng.inspections.tests.base import InspectionTestCase
from xiaoneng.matters import news as matter_news
from xiaoneng.matters.actions import do_reply_matter, do_sign_matter, do_verify_matter
from xiaoneng.matters.models import Matter, State, Verdict
from xiaoneng.news import center_news, dashboard_panels

NOV = (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
ZONE = timezone.get_current_timezone()


def at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 10, 0, tzinfo=ZONE)


class ComplaintNewsTests(ComplaintTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.this_year = []
        for day in (3, 10, 17):
            with time_machine.travel(at(2026, 11, day), tick=False):
                cls.this_year.append(cls.file(cls, assign=True)[0])
        with time_machine.travel(at(2025, 11, 5), tick=False):
            cls.file(cls)
        with time_machine.travel(at(2026, 11, 20), tick=False):
            enquiry = cls.file(cls, kind_code="enquiry")[0]
        cls.enquiry = enquiry
        first = cls.this_year[0]
        with time_machine.travel(at(2026, 11, 18), tick=False):
            do_sign_matter(first.matter, actor=cls.liaison_a)
            do_reply_matter(first.matter, actor=cls.liaison_a, reply="已整改。")
            do_verify_matter(first.matter, actor=cls.staff, verdict=Verdict.SUBSTANTIATED)
        Complaint.objects.filter(pk=cls.this_year[1].pk).update(is_public=True)

    def draft(self):
        (draft,) = complaint_news.center_news(*NOV)
        return draft

    def test_figures_count_the_complaints_of_the_period(self):
        self.assertEqual(self.draft().figures, {"received": 3, "verified_true": 1, "published": 1})

    def test_same_period_last_year(self):
        self.assertEqual(self.draft().previous["received"], 1)
        self.assertIn("同比增加2件", self.draft().text)

    def test_no_comparison_when_last_year_had_none(self):
        (draft,) = complaint_news.center_news(datetime.date(2026, 11, 10), datetime.date(2026, 11, 30))
        self.assertEqual((draft.figures["received"], draft.previous["received"]), (2, 0))
        self.assertNotIn("同比", draft.text)
        self.assertIn("共受理效能投诉2件。", draft.text)

    def test_citations_are_the_records_counted(self):
        cited = {citation.label.split()[0] for citation in self.draft().citations}
        self.assertEqual(cited, {complaint.tracking_code for complaint in self.this_year})
        self.assertEqual(len(self.draft().citations), self.draft().figures["received"])

    def test_text_carries_the_figures(self):
        self.assertIn("共受理效能投诉3件", self.draft().text)
        self.assertIn("查实（含部分查实）1件，公开曝光1件", self.draft().text)

    def test_a_quiet_period_has_no_draft(self):
        january = (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
        self.assertEqual(complaint_news.center_news(*january), [])

    def test_found_through_the_contract(self):
        self.assertIn("complaints.received", [draft.key for draft in center_news(*NOV)])

    def test_matters_panels_count_the_same_matters(self):
        panels = {panel.key: panel for panel in matter_news.dashboard_panels(*NOV, self.staff)}
        states = dict(panels["matters.by_state"].rows)
        in_november = Matter.objects.filter(received_at__month=11, received_at__year=2026)
        self.assertEqual(sum(states.values()), in_november.count())
        self.assertEqual(states[str(State.VERIFIED.label)], 1)
        (unit_row,) = panels["matters.by_unit"].rows
        self.assertEqual(unit_row[0], "交通局")
        self.assertEqual((unit_row[1], unit_row[5], unit_row[6], unit_row[7]), (3, 1, 1, 100.0))
        months = panels["matters.by_month"].rows
        self.assertEqual(months, [("2026-11", 4, 0)])

    def test_matters_panels_are_scoped_to_the_viewer(self):
        panels = {panel.key: panel for panel in dashboard_panels(*NOV, self.liaison_b)}
        self.assertEqual(sum(n for _label, n in panels["matters.by_state"].rows), 0)


class InspectionNewsTests(InspectionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.finding = cls.record(cls, occurred_at=at(2026, 11, 12))
        from xiaoneng.inspections.models import CampaignKind

        cls.covert = cls.make_campaign("窗口暗访", kind=CampaignKind.COVERT)

    def test_campaigns_and_findings_of_the_period(self):
        (draft,) = inspection_news.center_news(*NOV)
        self.assertEqual(draft.figures, {"campaigns": 1, "findings": 1, "handed_over": 0, "resolved": 0})
        self.assertIn("银行网点专题监督", draft.text)
        self.assertEqual([c.label for c in draft.citations], ["银行网点专题监督", str(self.finding)])

    def test_a_running_covert_visit_is_not_told(self):
        (draft,) = inspection_news.center_news(*NOV)
        self.assertNotIn("暗访", draft.text)

    def test_nothing_before_the_campaign(self):
        january = (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
        self.assertEqual(inspection_news.center_news(*january), [])
