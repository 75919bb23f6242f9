"""Two windows on the shared test county, their clerks and items, and a case factory."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import time_machine

from xiaoneng.org.models import Position, Target, TargetKind, UnitKind
from xiaoneng.testing import XiaonengTestCase, make_unit, make_user
from xiaoneng.windows import actions
from xiaoneng.windows.models import ServiceCase, ServiceItem

SHANGHAI = ZoneInfo("Asia/Shanghai")


def moment(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def at(year: int, month: int, day: int, hour: int = 10):
    """Freeze time on a day (Asia/Shanghai, mid-morning)."""
    return time_machine.travel(moment(year, month, day, hour), tick=False)


class WindowTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.window_a = make_unit(
            "jtj-ck", "县交通运输局窗口", UnitKind.WINDOW, parent=cls.unit_a, short_name="交通窗口"
        )
        cls.window_b = make_unit(
            "rsj-ck", "县人社局窗口", UnitKind.WINDOW, parent=cls.unit_b, short_name="人社窗口"
        )
        cls.clerk_a = make_user("clerk_a", "unit_staff", cls.window_a)
        cls.clerk_b = make_user("clerk_b", "unit_staff", cls.window_b)
        cls.item_a = ServiceItem.objects.create(
            unit=cls.window_a,
            code="JT-001",
            name="道路运输经营许可",
            legal_limit=20,
            promised_limit=10,
            materials="申请表\n营业执照复印件\n车辆行驶证",
        )
        cls.item_spot = ServiceItem.objects.create(
            unit=cls.window_a, code="JT-002", name="道路运输证年审", is_immediate=True, materials="道路运输证"
        )
        cls.item_b = ServiceItem.objects.create(
            unit=cls.window_b,
            code="RS-001",
            name="退休审批",
            legal_limit=15,
            promised_limit=5,
            materials="身份证\n退休审批表",
        )
        cls.firm = Target.objects.create(kind=TargetKind.ENTERPRISE, name="金湖县恒通物流有限公司")

    def case(self, item=None, *, received=None, completed=None, actor=None, **extra) -> ServiceCase:
        item = item or self.item_a
        clerk = actor or (self.clerk_a if item.unit_id == self.window_a.pk else self.clerk_b)
        case = actions.do_receive_case(
            item, actor=clerk, applicant_name="张三", received_at=received, **extra
        )
        if completed is not None:
            case, self.token = actions.do_complete_case(case, actor=clerk, completed_at=completed)
        return case


__all__ = ["WindowTestCase", "at", "moment", "Position"]
