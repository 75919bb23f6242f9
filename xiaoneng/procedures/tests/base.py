"""Shared set-up of the procedure tests: the shipped templates, standards and a helper to run steps."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.base import ContentFile
from django.utils import translation

from xiaoneng.procedures.actions import do_complete_step, do_open_case
from xiaoneng.procedures.models import DiscretionStandard, ProcedureTemplate
from xiaoneng.testing import XiaonengTestCase, make_user

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=SHANGHAI)


def frozen(year: int, month: int, day: int, hour: int = 10):
    return time_machine.travel(at(year, month, day, hour), tick=False)


def evidence_for(step) -> list:
    """Text evidence for every kind the step requires, plus one file."""
    items = [(kind, f"{kind} of {step.name}") for kind in step.evidence_kinds]
    return [*items, ("other", ContentFile(b"scan", name=f"step{step.order}.txt"))]


class ProcedureTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.penalty = ProcedureTemplate.objects.get(code="admin-penalty")
        cls.routine = ProcedureTemplate.objects.get(code="routine-inspection")
        cls.staff_a = make_user("staff_a", "unit_staff", cls.unit_a)
        cls.standard = DiscretionStandard.objects.create(
            unit=cls.unit_a, violation_code="JT-01", violation_name="未按规定办理道路运输证",
            circumstance="ordinary", min_amount=Decimal("1000"), max_amount=Decimal("3000"))

    def setUp(self) -> None:
        super().setUp()
        # Messages are asserted in English; the screens' tests check the Chinese ones.
        translation.activate("en")
        self.addCleanup(translation.deactivate)

    def step(self, template, order: int):
        return template.steps.get(order=order)

    def open(self, template=None, actor=None, unit=None, when=None, title="案件"):
        return do_open_case(template=template or self.penalty, unit=unit or self.unit_a, title=title,
                            actor=actor or self.liaison_a, at=when)

    def run_steps(self, case, upto: int, when=None, **decision):
        """Complete steps 1..upto with the right people: staff_a investigates, head_a reviews."""
        for order in range(case.next_step().order, upto + 1):
            step = self.step(case.template, order)
            actor = self.head_a if step.permission else self.staff_a
            extra = ({"violation_code": "JT-01", "circumstance": "ordinary", "amount": Decimal("2000")}
                     | decision) if step.is_penalty_decision else {}
            do_complete_step(case, step, actor=actor, evidence=evidence_for(step), at=when, **extra)
        case.refresh_from_db()
        return case
