import datetime
import io
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import translation

from xiaoneng.org.imports import run_export, run_import
from xiaoneng.org.models import Person, Target, Unit
from xiaoneng.org.tests.sheet_helpers import read_xlsx, xlsx
from xiaoneng.testing import XiaonengTestCase

UNIT_HEADER = ["编码", "全称", "简称", "类型", "上级编码", "重点单位"]
GOOD_USCC = "91350100M000100Y43"


class UnitImportTests(XiaonengTestCase):
    def test_dry_run_writes_nothing(self):
        row = ["gaj", "县公安局", "公安局", "部门", "county", "是"]
        result = run_import(None, "units", xlsx([UNIT_HEADER, row]))
        self.assertEqual(result.errors, [])
        self.assertEqual(result.created, 1)
        self.assertFalse(result.committed)
        self.assertFalse(Unit.objects.filter(code="gaj").exists())

    def test_commit_with_parent_appearing_later(self):
        result = run_import(None, "units", xlsx([
            UNIT_HEADER,
            ["gaj-1", "县公安局户政科", "户政科", "科室", "gaj", "否"],
            ["gaj", "县公安局", "公安局", "部门", "county", "是"],
        ]), commit=True)
        self.assertEqual(result.errors, [])
        section = Unit.objects.get(code="gaj-1")
        self.assertEqual(section.parent.code, "gaj")
        self.assertTrue(section.is_within(self.county))
        self.assertTrue(Unit.objects.get(code="gaj").is_key)

    def test_english_headers_and_values(self):
        result = run_import(None, "units", xlsx([
            ["Code", "Name", "Short name", "Kind", "Parent", "Key"],
            ["gaj", "County Police", "Police", "department", "county", "yes"],
        ]), commit=True)
        self.assertEqual(result.errors, [])
        self.assertEqual(Unit.objects.get(code="gaj").kind, "department")

    def test_one_bad_row_imports_nothing(self):
        result = run_import(None, "units", xlsx([
            UNIT_HEADER,
            ["gaj", "县公安局", "公安局", "部门", "county", "是"],
            ["gaj-1", "户政科", "户政科", "科室", "nowhere", "否"],
        ]), commit=True)
        self.assertFalse(result.committed)
        self.assertFalse(Unit.objects.filter(code="gaj").exists())
        self.assertEqual([(e.row, e.column) for e in result.errors], [(3, "上级编码")])

    def test_error_messages_in_chinese(self):
        with translation.override("zh-hans"):
            result = run_import(None, "units", xlsx([UNIT_HEADER, ["gaj", "县公安局", "", "衙门", "", ""]]))
        self.assertEqual(str(result.errors[0]),
                         "row 2: 类型: 未知的值 衙门；可选：县、部门、科室、站所、窗口、营业网点。")

    def test_error_messages_in_english(self):
        with translation.override("en"):
            result = run_import(None, "units", xlsx([UNIT_HEADER, ["", "县公安局", "", "部门", "", ""]]))
        self.assertEqual(str(result.errors[0]), "row 2: 编码: This column is required.")

    def test_duplicate_code_in_file(self):
        result = run_import(None, "units", xlsx([
            UNIT_HEADER, ["a", "甲", "", "部门", "", ""], ["a", "乙", "", "部门", "", ""],
        ]))
        self.assertEqual([(e.row, e.column) for e in result.errors], [(3, "编码")])

    def test_parent_loop(self):
        result = run_import(None, "units", xlsx([
            UNIT_HEADER, ["a", "甲", "", "部门", "b", ""], ["b", "乙", "", "部门", "a", ""],
        ]))
        self.assertTrue(result.errors)
        self.assertEqual(result.errors[0].column, "上级编码")

    def test_unknown_and_missing_columns(self):
        result = run_import(None, "units", xlsx([["编码", "颜色"], ["a", "红"]]))
        messages = {(e.row, e.column) for e in result.errors}
        self.assertIn((1, "颜色"), messages)
        self.assertIn((1, "全称"), messages)
        self.assertIn((1, "类型"), messages)

    def test_not_an_xlsx_file(self):
        result = run_import(None, "units", io.BytesIO(b"not a spreadsheet"))
        self.assertEqual(result.errors[0].row, 1)

    def test_update_existing_unit_counts_as_changed(self):
        result = run_import(None, "units", xlsx([
            UNIT_HEADER, ["jtj", "县交通运输局", "交通局", "部门", "county", "否"],
        ]), commit=True)
        self.assertEqual((result.created, result.updated), (0, 1))
        self.assertFalse(Unit.objects.get(code="jtj").is_key)

    def test_move_under_own_section_is_a_row_error(self):
        result = run_import(None, "units", xlsx([
            UNIT_HEADER, ["jtj", "县交通运输局", "交通局", "部门", "jtj-zf", "是"],
        ]), commit=True)
        self.assertEqual(result.errors[0].column, "上级编码")
        self.assertEqual(Unit.objects.get(code="jtj").parent, self.county)

    def test_successor_and_dates(self):
        result = run_import(None, "units", xlsx([
            ["编码", "全称", "类型", "上级编码", "终止日期", "继任单位编码"],
            ["nw", "县农委", "部门", "county", "2019-02-28", "nyj"],
            ["nyj", "县农业农村局", "部门", "county", "", ""],
        ]), commit=True)
        self.assertEqual(result.errors, [])
        old = Unit.objects.get(code="nw")
        self.assertEqual(old.valid_to, datetime.date(2019, 2, 28))
        self.assertEqual(old.successor.code, "nyj")

    def test_needs_manage_reference_data(self):
        with self.assertRaises(PermissionDenied):
            run_import(self.liaison_a, "units", xlsx([UNIT_HEADER]))


class PersonAndTargetImportTests(XiaonengTestCase):
    def test_persons(self):
        result = run_import(None, "persons", xlsx([
            ["姓名", "单位编码", "职位", "职务", "电话"],
            ["赵六", "jtj", "科长", "执法大队长", 13800000000],
            ["钱七", "nowhere", "工作人员", "", ""],
        ]), commit=True)
        self.assertEqual([(e.row, e.column) for e in result.errors], [(3, "单位编码")])
        self.assertFalse(Person.objects.filter(name="赵六").exists())

    def test_persons_commit(self):
        result = run_import(self.admin, "persons", xlsx([
            ["name", "unit", "position"], ["赵六", "jtj", "chief"],
        ]), commit=True)
        self.assertTrue(result.committed)
        self.assertEqual(Person.objects.get(name="赵六").position, "chief")

    def test_targets_with_bad_check_digit(self):
        result = run_import(None, "targets", xlsx([
            ["类型", "名称", "统一社会信用代码"],
            ["企业", "金湖某公司", "91350100M000100Y44"],
        ]), commit=True)
        self.assertEqual([(e.row, e.column) for e in result.errors], [(2, "统一社会信用代码")])

    def test_enterprise_needs_uscc(self):
        result = run_import(None, "targets", xlsx([["类型", "名称"], ["企业", "无码公司"]]))
        self.assertEqual(result.errors[0].column, "统一社会信用代码")

    def test_targets_commit(self):
        result = run_import(None, "targets", xlsx([
            ["类型", "名称", "统一社会信用代码", "规模", "规上企业", "园区", "投资额（元）"],
            ["企业", "金湖某公司", GOOD_USCC.lower(), "小型", "是", "开发区", ""],
            ["项目", "新厂房", "", "", "", "", 120000000],
            ["居民家庭", "张家", "", "", "", "", ""],
        ]), commit=True)
        self.assertEqual(result.errors, [])
        company = Target.objects.get(uscc=GOOD_USCC)
        self.assertEqual((company.size, company.is_above_scale, company.zone),
                         ("small", True, "development_zone"))
        self.assertEqual(Target.objects.get(name="新厂房").investment, Decimal("120000000.00"))

    def test_duplicate_uscc_in_file(self):
        result = run_import(None, "targets", xlsx([
            ["类型", "名称", "统一社会信用代码"], ["企业", "甲", GOOD_USCC], ["企业", "乙", GOOD_USCC],
        ]))
        self.assertEqual([(e.row, e.column) for e in result.errors], [(3, "统一社会信用代码")])


class RoundTripTests(XiaonengTestCase):
    def setUp(self):
        run_import(None, "targets", xlsx([
            ["类型", "名称", "统一社会信用代码", "规模", "工业企业", "园区", "投资额（元）", "重点对象"],
            ["企业", "金湖某公司", GOOD_USCC, "中型", "是", "工业园区", "", "是"],
            ["项目", "新厂房", "", "", "", "", "123456789.12", ""],
        ]), commit=True)
        self.nw = Unit.objects.create(code="nw", name="县农委", short_name="农委", kind="department",
                                      parent=self.county, valid_to=datetime.date(2019, 2, 28))
        self.nw.successor = self.unit_a
        self.nw.save()

    def export(self, kind: str) -> bytes:
        stream = io.BytesIO()
        run_export(kind, stream)
        return stream.getvalue()

    def test_reimport_changes_nothing(self):
        for kind in ("units", "persons", "targets"):
            result = run_import(None, kind, io.BytesIO(self.export(kind)), commit=True)
            self.assertEqual(result.errors, [], kind)
            self.assertEqual((result.created, result.updated), (0, 0), kind)
            self.assertGreater(result.unchanged, 0, kind)

    def test_import_into_empty_tables_gives_the_same_export(self):
        files = {kind: self.export(kind) for kind in ("units", "persons", "targets")}
        Person.objects.all().delete()
        Target.objects.all().delete()
        Unit.objects.update(successor=None)
        for unit in sorted(Unit.objects.all(), key=lambda u: -u.depth):
            unit.delete()
        for kind in ("units", "persons", "targets"):
            result = run_import(None, kind, io.BytesIO(files[kind]), commit=True)
            self.assertEqual(result.errors, [], kind)
            self.assertEqual(read_xlsx(self.export(kind)), read_xlsx(files[kind]), kind)

    def test_export_headers_are_chinese(self):
        self.assertEqual(read_xlsx(self.export("units"))[0][:4], ("编码", "全称", "简称", "类型"))


class CellParsingTests(XiaonengTestCase):
    def test_numeric_codes_dates_and_ticks(self):
        result = run_import(None, "units", xlsx([
            ["code", "full_name", "KIND", "parent code", "key unit", "valid from", "order"],
            [1001, "县档案馆", "Department", "county", "√", datetime.date(2019, 3, 1), 3],
        ]), commit=True)
        self.assertEqual(result.errors, [])
        unit = Unit.objects.get(code="1001")
        self.assertEqual((unit.is_key, unit.valid_from, unit.sort_order),
                         (True, datetime.date(2019, 3, 1), 3))

    def test_bad_date_bool_and_number(self):
        result = run_import(None, "units", xlsx([
            ["编码", "全称", "类型", "重点单位", "启用日期", "排序"],
            ["a", "甲", "部门", "也许", "三月", "第一"],
        ]))
        self.assertEqual([e.column for e in result.errors], ["重点单位", "启用日期", "排序"])

    def test_blank_rows_are_skipped(self):
        result = run_import(None, "units", xlsx([
            ["编码", "全称", "类型"], ["a", "甲", "部门"], [None, None, None], ["b", "乙", "营业网点"],
        ]))
        self.assertEqual((result.errors, result.rows), ([], 2))

    def test_column_appearing_twice(self):
        result = run_import(None, "units", xlsx([["编码", "code", "全称", "类型"], ["a", "a", "甲", "部门"]]))
        self.assertEqual([(e.row, e.column) for e in result.errors], [(1, "code")])
