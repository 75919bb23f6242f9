import csv
import datetime
import io
from decimal import Decimal

from django.test import SimpleTestCase
from openpyxl import load_workbook

from xiaoneng.web.exports import XLSX_TYPE, csv_bytes, csv_response, xlsx_response

HEADERS = ["单位", "得分", "日期", "备注"]
ROWS = [["县交通局", Decimal("98.50"), datetime.date(2013, 3, 25), "=HYPERLINK(\"x\")"],
        ["县人社局", 97, None, "正常"]]


class ExportTests(SimpleTestCase):
    def test_xlsx_keeps_numbers_dates_and_chinese(self):
        response = xlsx_response("排名.xlsx", HEADERS, ROWS, sheet="2013年度")
        self.assertEqual(response["Content-Type"], XLSX_TYPE)
        self.assertIn("filename*=UTF-8''%E6%8E%92%E5%90%8D.xlsx", response["Content-Disposition"])
        sheet = load_workbook(io.BytesIO(response.content))["2013年度"]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0], tuple(HEADERS))
        self.assertEqual(rows[1][0], "县交通局")
        self.assertEqual(float(rows[1][1]), 98.5)
        self.assertEqual(rows[1][2].date(), datetime.date(2013, 3, 25))

    def test_formulas_are_defused(self):
        sheet = load_workbook(io.BytesIO(xlsx_response("x.xlsx", HEADERS, ROWS).content)).active
        self.assertEqual(sheet["D2"].value, "'=HYPERLINK(\"x\")")
        self.assertEqual(sheet["D2"].data_type, "s")

    def test_csv_has_a_bom_and_reads_back(self):
        data = csv_bytes(HEADERS, ROWS)
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        self.assertEqual(rows[0], HEADERS)
        self.assertEqual(rows[1][:3], ["县交通局", "98.50", "2013-03-25"])
        self.assertEqual(rows[1][3], "'=HYPERLINK(\"x\")")
        self.assertEqual(rows[2][2], "")
        self.assertEqual(csv_response("表.csv", HEADERS, ROWS)["Content-Type"], "text/csv; charset=utf-8")
