import datetime
import io

from openpyxl import Workbook

from xiaoneng.activities import actions
from xiaoneng.activities.imports import import_participants
from xiaoneng.activities.models import Participant
from xiaoneng.org.models import Target
from xiaoneng.org.uscc import check_character
from xiaoneng.testing import XiaonengTestCase


def sheet(rows) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    return stream


def uscc(n: int) -> str:
    first17 = f"91320831{n:08d}X"[:17]
    return first17 + check_character(first17)


HEADER = ["角色", "名称", "统一社会信用代码", "金额（元）", "首次参加", "工业企业"]


class ImportTests(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.activity = actions.do_create_activity(
            actor=cls.liaison_b,
            kind="signing",
            title="银企签约",
            held_on=datetime.date(2026, 4, 10),
            unit=cls.unit_b,
        )
        cls.firm = Target.objects.create(
            kind="enterprise",
            name="金湖县示范机械有限公司",
            uscc=uscc(1),
            size="small",
            is_above_scale=True,
            zone="development_zone",
        )

    def test_good_rows_are_imported_with_values_from_the_enterprise_record(self):
        result = import_participants(
            self.activity,
            sheet(
                [
                    HEADER,
                    ["企业", "金湖县示范机械有限公司", uscc(1), 3000000, "是", "是"],
                    ["银行", "农行金湖支行", None, None, "否", "否"],
                ]
            ),
            actor=self.liaison_b,
            commit=True,
        )
        self.assertEqual((result.errors, result.created), ([], 2))
        firm = Participant.objects.get(target=self.firm)
        self.assertEqual(
            (firm.size, firm.is_above_scale, firm.zone, firm.is_first_time),
            ("small", True, "development_zone", True),
        )

    def test_bad_rows_are_listed_and_nothing_is_imported(self):
        result = import_participants(
            self.activity,
            sheet(
                [
                    HEADER,
                    ["企业", "好企业", None, 100, "是", "否"],
                    ["神仙", "无角色", None, 100, "否", "否"],
                    ["企业", "未知代码", uscc(2), 100, "否", "否"],
                    ["企业", "负金额", None, -5, "否", "否"],
                    ["企业", "", None, "很多", "否", "否"],
                ]
            ),
            actor=self.liaison_b,
            commit=True,
        )
        self.assertEqual(
            [(e.row, e.column) for e in result.errors],
            [(3, "角色"), (4, "统一社会信用代码"), (5, "金额（元）"), (6, "名称"), (6, "金额（元）")],
        )
        self.assertFalse(result.committed)
        self.assertEqual(Participant.objects.count(), 0)

    def test_a_missing_required_column(self):
        result = import_participants(
            self.activity, sheet([["名称"], ["某企业"]]), actor=self.liaison_b, commit=True
        )
        self.assertEqual([(e.row, e.column) for e in result.errors], [(1, "角色")])

    def test_another_unit_may_not_import(self):
        with self.assertRaises(actions.NotPermitted):
            import_participants(self.activity, sheet([HEADER]), actor=self.liaison_a, commit=True)

    def test_dry_run(self):
        result = import_participants(
            self.activity,
            sheet([HEADER, ["企业", "好企业", None, 100, "是", "否"]]),
            actor=self.liaison_b,
            commit=False,
        )
        self.assertEqual((result.rows, result.committed), (1, False))
        self.assertEqual(Participant.objects.count(), 0)
