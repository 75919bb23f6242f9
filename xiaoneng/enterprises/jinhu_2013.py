"""百企帮扶 of 2013 (seed 2013-2): the economic commission's problems solved by type, its watch on key
enterprises and the monthly coordination meeting. Problems are recorded, handed over, replied to
and verified through the actions, on their true dates (matters' clock replayed)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from xiaoneng.demo.jinhu_2013 import Figure
from xiaoneng.enterprises import actions
from xiaoneng.enterprises import figures as enterprise_figures
from xiaoneng.enterprises.models import EnterpriseProblem, ProblemType
from xiaoneng.matters import clock
from xiaoneng.matters.actions import do_reply_matter, do_verify_matter
from xiaoneng.matters.models import Matter, MatterKind, Resolution, Source, State, Verdict
from xiaoneng.org.models import TargetKind

START, END = datetime.date(2013, 1, 1), datetime.date(2013, 6, 30)
# type code -> enterprises solved (the newsletter), and the unit that solves them
SOLVED = {"electricity_subsidy": (42, "gd"), "funding_shortage": (85, "rh"), "land_registration": (15, "gtj")}


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


FULL = 3  # per type, the first problems go through every action; the rest are loaded as history


def _through_actions(staff, liaison, target, kind, unit, day: datetime.date) -> None:
    with clock.as_of(_at(day)):
        problem = actions.do_record_problem(
            target, actor=staff, type=kind, title=kind.name + "问题", unit=unit, reported_on=day
        )
    with clock.as_of(_at(day + datetime.timedelta(days=6))):
        do_reply_matter(problem.matter, actor=None, reply="已协调解决")
        do_verify_matter(
            problem.matter, actor=liaison, verdict=Verdict.SUBSTANTIATED, resolution=Resolution.RESOLVED
        )


def _in_bulk(cases, kind, unit, staff) -> None:
    """Solved problems of 2013 loaded as history (as an import would): verified, resolved matters
    whose clocks have stopped, and their problems with the day they were solved. Matters' own
    actions cost ~0.1 s each, too slow for 130 records in a fixture every test run loads."""
    matter_kind = MatterKind.objects.get(code="enterprise")
    matters = Matter.objects.bulk_create(
        [
            Matter(
                kind=matter_kind,
                source=Source.ENTERPRISE,
                title=f"{target.name}：{kind.name}问题",
                unit=unit,
                state=State.VERIFIED,
                verdict=Verdict.SUBSTANTIATED,
                resolution=Resolution.RESOLVED,
                reply="已协调解决",
                received_at=_at(day),
                replied_at=_at(day + datetime.timedelta(days=6)),
                created_by=staff,
            )
            for target, day in cases
        ]
    )
    EnterpriseProblem.objects.bulk_create(
        [
            EnterpriseProblem(
                target=target,
                type=kind,
                title=kind.name + "问题",
                reported_on=day,
                unit=unit,
                matter=matter,
                solved_on=day + datetime.timedelta(days=6),
                recorded_by=staff,
            )
            for (target, day), matter in zip(cases, matters, strict=True)
        ]
    )


def build(ctx) -> None:
    staff, liaison = ctx.accounts["center_staff1"], ctx.accounts["center_staff2"]
    enterprises = [t for t in ctx.targets if t.kind == TargetKind.ENTERPRISE and t.is_key]
    jxw = ctx.unit("jxw")
    with clock.as_of(_at(datetime.date(2013, 1, 4))):
        for target in enterprises[:25]:
            actions.do_watch(
                target, actor=staff, unit=jxw, reason="重点企业", added_on=datetime.date(2013, 1, 4)
            )
    offset = 0
    for code, (count, unit_code) in SOLVED.items():
        kind = ProblemType.objects.get(code=code)
        unit = ctx.units.get(unit_code) or jxw
        cases = [
            (enterprises[(offset + i) % len(enterprises)], START + datetime.timedelta(days=7 + (i * 5) % 150))
            for i in range(count)
        ]
        for target, day in cases[:FULL]:
            _through_actions(staff, liaison, target, kind, unit, day)
        _in_bulk(cases[FULL:], kind, unit, staff)
        offset += count
    for month in range(1, 7):
        day = datetime.date(2013, month, 25)
        with clock.as_of(_at(day)):
            actions.do_call_meeting(
                actor=staff, title=f"2013年{month}月企业问题集中会办会", held_on=day, unit=jxw
            )


def figures() -> list[Figure]:
    def solved() -> tuple[int, int, int]:
        by_type = enterprise_figures.solved_by_type(START, END)
        return (
            by_type.get("electricity_subsidy", 0),
            by_type.get("funding_shortage", 0),
            by_type.get("land_registration", 0),
        )

    return [
        Figure(
            "2013-2",
            "解决了42家企业电能补助问题，85家企业资金短缺问题，15家企业厂房土地登记矛盾",
            (42, 85, 15),
            solved,
        ),
        Figure(
            "2013-2",
            "每月召开一次企业问题集中会办会",
            (6, 6),
            lambda: enterprise_figures.meeting_months(START, END),
        ),
    ]
