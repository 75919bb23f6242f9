from __future__ import annotations

import datetime

from xiaoneng.enterprises import actions
from xiaoneng.enterprises.models import ProblemType
from xiaoneng.org.models import Position, Target, TargetKind
from xiaoneng.org.uscc import check_character
from xiaoneng.testing import XiaonengTestCase, make_user

D = datetime.date


def uscc(n: int) -> str:
    first17 = f"91320831{n:08d}X"[:17]
    return first17 + check_character(first17)


def enterprise(name: str, n: int, **extra) -> Target:
    return Target.objects.create(kind=TargetKind.ENTERPRISE, name=name, uscc=uscc(n), **extra)


class EnterpriseTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.unit_staff_a = make_user("staff_a", "unit_staff", cls.unit_a, Position.STAFF)
        cls.factory = enterprise("金湖县示范机械有限公司", 1)
        cls.factory_b = enterprise("金湖县永和仪表有限公司", 2)
        cls.power = ProblemType.objects.get(code="electricity_subsidy")
        cls.funding = ProblemType.objects.get(code="funding_shortage")
        cls.problem_a = cls.record(cls.factory, cls.power, cls.unit_a, D(2026, 3, 2))
        cls.problem_b = cls.record(cls.factory_b, cls.funding, cls.unit_b, D(2026, 3, 3))

    @classmethod
    def record(cls, target, type, unit, day, title="申请电能补助"):
        return actions.do_record_problem(
            target, actor=cls.staff, type=type, title=title, unit=unit, reported_on=day
        )
