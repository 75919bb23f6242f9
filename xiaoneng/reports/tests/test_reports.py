import csv
import datetime
import io
import tempfile
from pathlib import Path
from unittest import mock
from xml.etree import ElementTree

import openpyxl
from django.core.management import call_command
from django.test import SimpleTestCase
from django.urls import reverse

from xiaoneng.reports import charts, periods
from xiaoneng.reports.tests.test_providers import at
from xiaoneng.testing import XiaonengTestCase, make_user

ROLES = ("anonymous", "admin", "staff", "liaison_a", "liaison_b", "section_liaison", "head_a", "supervisor",
         "leader", "confirmer")
COUNTY_WIDE = {"admin", "staff", "leader", "confirmer"}
Q4 = "?start=2026-10-01&end=2026-12-31"


class DashboardTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.confirmer = make_user("confirmer", "confirmer")
        import time_machine

        from xiaoneng.complaints.tests.base import ComplaintTestCase

        for day in (5, 12):
            with time_machine.travel(at(2026, 11, day), tick=False):
                ComplaintTestCase.file(cls, assign=True)


class PermissionTests(DashboardTestCase):
    def expect(self, url: str) -> None:
        for role in ROLES:
            with self.subTest(role=role, url=url):
                self.client.logout()
                if role != "anonymous":
                    self.login(getattr(self, role))
                status = self.client.get(url).status_code
                expected = 302 if role == "anonymous" else 200 if role in COUNTY_WIDE else 403
                self.assertEqual(status, expected)

    def test_dashboard(self):
        self.expect(reverse("reports:index") + Q4)

    def test_table_downloads(self):
        self.expect(reverse("reports:export", args=["matters.by_unit", "xlsx"]) + Q4)
        self.expect(reverse("reports:export", args=["matters.by_state", "csv"]) + Q4)

    def test_report_pdf(self):
        # Drawing the PDF is tested once below (ReportCommandTests); here only who may have it.
        with mock.patch("xiaoneng.reports.views.write_report", return_value=b"%PDF-1.7"):
            self.expect(reverse("reports:pdf") + "?period=2026-11")


class DashboardViewTests(DashboardTestCase):
    def setUp(self) -> None:
        self.login(self.leader)

    def test_dashboard_shows_panels_with_charts_in_chinese(self):
        page = self.client.get(reverse("reports:index") + Q4)
        self.assertContains(page, "领导驾驶舱")
        self.assertContains(page, "各单位按时办结率和查实率")
        # The matters panels draw three charts (no unit has a rate yet: no rate chart); other
        # mechanisms' panels may add their own, so count only those of the matters provider.
        from xiaoneng.matters import news as matters_news

        with mock.patch("xiaoneng.reports.dashboard.providers", return_value=[matters_news]):
            only_matters = self.client.get(reverse("reports:index") + Q4)
        self.assertContains(only_matters, "<svg", count=3)
        self.assertNotContains(page, "<script src=\"http")

    def test_period_picker(self):
        page = self.client.get(reverse("reports:index") + "?period=2026-Q3")
        self.assertContains(page, "2026年第三季度")
        self.assertEqual(self.client.get(reverse("reports:index") + "?period=rubbish").status_code, 200)

    def test_xlsx_has_the_table(self):
        response = self.client.get(reverse("reports:export", args=["matters.by_unit", "xlsx"]) + Q4)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.values)
        self.assertEqual(rows[0][0], "单位")
        self.assertEqual(rows[1][:2], ("交通局", 2))

    def test_csv_opens_in_excel_with_chinese(self):
        response = self.client.get(reverse("reports:export", args=["matters.by_state", "csv"]) + Q4)
        self.assertTrue(response.content.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0], ["状态", "事项数"])

    def test_unknown_panel_is_404(self):
        url = reverse("reports:export", args=["nothing.here", "xlsx"]) + Q4
        self.assertEqual(self.client.get(url).status_code, 404)


class ReportCommandTests(DashboardTestCase):
    def test_quarterly_report_pdf_renders_in_chinese(self):
        import pypdfium2

        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "q4.pdf"
            call_command("report", period="2026-Q4", output=str(path), stdout=io.StringIO())
            pdf = pypdfium2.PdfDocument(path.read_bytes())
            text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
            image = pdf[0].render(scale=0.4).to_pil().convert("L")
        self.assertIn("效能建设情况报告", text)
        self.assertIn("2026年第四季度", text)
        self.assertIn("督办事项状态分布", text)
        self.assertGreater(sum(image.histogram()[:128]), 500)

    def test_monthly_period_and_bad_period(self):
        from django.core.management.base import CommandError

        with tempfile.TemporaryDirectory() as directory, \
                mock.patch("xiaoneng.reports.management.commands.report.write_report",
                           return_value=b"%PDF-1.7") as write:
            call_command("report", period="2026-09", output=f"{directory}/m.pdf", stdout=io.StringIO())
            self.assertEqual(Path(f"{directory}/m.pdf").read_bytes(), b"%PDF-1.7")
        period = write.call_args.args[1]
        self.assertEqual((period.start, period.end, period.label),
                         (datetime.date(2026, 9, 1), datetime.date(2026, 9, 30), "2026年9月"))
        with self.assertRaises(CommandError):
            call_command("report", period="2026-13", output="/dev/null")


class PeriodTests(SimpleTestCase):
    def test_quarter_month_year(self):
        quarter = periods.parse("2026-Q3")
        self.assertEqual(quarter.start, datetime.date(2026, 7, 1))
        self.assertEqual(quarter.end, datetime.date(2026, 9, 30))
        self.assertEqual(periods.parse("2026-02").end, datetime.date(2026, 2, 28))
        self.assertEqual(periods.parse("2026").label, "2026年")

    def test_bad_periods(self):
        for code in ("", "2026-Q5", "2026-00", "26-1", "Q3"):
            with self.subTest(code=code), self.assertRaises(periods.BadPeriod):
                periods.parse(code)


class ChartTests(SimpleTestCase):
    def test_bar_chart_is_valid_svg_with_one_bar_per_value(self):
        svg = charts.svg("bar", {"事项": [("交通局", 3), ("人社局", 1)]}, "各单位")
        root = ElementTree.fromstring(svg)
        rects = root.findall("{http://www.w3.org/2000/svg}rect")
        self.assertEqual(len(rects), 3)  # two bars and the legend's swatch
        self.assertIn("交通局", svg)

    def test_line_chart_and_escaping(self):
        svg = charts.svg("line", {"<受理>": [("2026-10", 1), ("2026-11", 4)]})
        root = ElementTree.fromstring(svg)
        self.assertEqual(len(root.findall("{http://www.w3.org/2000/svg}polyline")), 1)
        self.assertIn("&lt;受理&gt;", svg)

    def test_empty_series_draws_axes_only(self):
        ElementTree.fromstring(charts.svg("bar", {"事项": []}))
