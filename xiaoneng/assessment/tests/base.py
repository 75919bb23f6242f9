"""Assessment tests: the XiaonengTestCase county, a 2026 year with two groups, and a helper that
writes approved ledger entries at a given moment."""

from __future__ import annotations

from decimal import Decimal

import time_machine
from django.utils import translation

from xiaoneng.assessment.models import AssessmentYear, GroupMembership, UnitGroup
from xiaoneng.scoring.actions import do_approve_proposal, do_propose_entry
from xiaoneng.scoring.models import LedgerEntry
from xiaoneng.testing import XiaonengTestCase, make_user


class AssessmentTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.confirmer = make_user("confirmer", "confirmer")
        cls.ay = AssessmentYear.objects.create(year=2026, title="2026年度效能考核", base_score=Decimal("100"))
        cls.key_group = UnitGroup.objects.create(assessment_year=cls.ay, name="重点部门单位", sort_order=1)
        cls.station_group = UnitGroup.objects.create(assessment_year=cls.ay, name="站所", sort_order=2)
        for group, unit in [
            (cls.key_group, cls.unit_a),
            (cls.key_group, cls.unit_b),
            (cls.station_group, cls.section_a),
        ]:
            GroupMembership.objects.create(group=group, unit=unit)

    @classmethod
    def enter(
        cls,
        unit,
        rule_code: str,
        points,
        when: str = "2026-03-02 10:00:00+08:00",
        person=None,
        year: int = 2026,
    ) -> LedgerEntry:
        with time_machine.travel(when, tick=False):
            proposal = do_propose_entry(
                unit=None if person else unit,
                person=person,
                rule_code=rule_code,
                points=points,
                source=None,
                reason="测试",
                proposer=cls.staff,
                year=year,
            )
            return do_approve_proposal(proposal, cls.admin)

    def scores(self, quarter=None) -> dict[str, list[tuple[str, int, Decimal]]]:
        from xiaoneng.assessment.standings import compute_standings

        self.ay.refresh_from_db()
        return {
            g.name: [(r.unit.code, r.rank, r.score) for r in g.rows]
            for g in compute_standings(self.ay, quarter)
        }


class InEnglish:
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))
