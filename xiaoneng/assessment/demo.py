"""The demo county's assessment year (a step of xiaoneng.demo.builder.STEPS): groups, entries
from several rules (manual ones; other mechanisms' proposals come through their own steps), one
appeal granted and one refused, and the standings published."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from xiaoneng.assessment.actions import do_file_appeal, do_grant_appeal, do_refuse_appeal, do_set_published
from xiaoneng.assessment.models import AssessmentYear, GroupMembership, UnitGroup
from xiaoneng.org.models import Unit, UnitKind
from xiaoneng.scoring.actions import do_approve_proposal, do_propose_entry
from xiaoneng.scoring.models import LedgerEntry

# (unit code, rule, points or None for the rule's default, reason)
ENTRIES = [
    ("jtj", "commitment_breached", None, "承诺“道路运输证5个工作日办结”未兑现"),
    ("jtj", "competition", Decimal("1"), "一季度“三百工程提升行动”竞赛获奖"),
    ("rsj", "complaint_verified", None, "窗口服务态度投诉经查属实"),
    ("rsj", "top_ten_measures", None, "“五险合一”征缴入选十佳举措"),
    ("cgj", "matter_overdue", None, "路灯报修督办事项超期"),
    ("cgj", "ten_practical_things", None, "背街小巷整治入选十件实事"),
    ("gtj", "complaint_verified", None, "企业用地报批投诉经查属实"),
    ("gtj", "complaint_verified", None, "不动产登记窗口投诉经查属实"),
    ("hbj", "matter_overdue", None, "环评审批督办事项超期"),
    ("zjj", "competition", Decimal("2"), "二季度服务企业竞赛第一名"),
    ("scjgj-tj", "complaint_verified", None, "个体户登记投诉经查属实"),
]


def active(unit: Unit, day: datetime.date) -> bool:
    return unit.valid_from <= day and (unit.valid_to is None or unit.valid_to >= day)


def stage_year(ctx, year: int, title: str, groups: dict[str, list[Unit]], **fields) -> AssessmentYear:
    ay, _ = AssessmentYear.objects.get_or_create(year=year, defaults={"title": title, **fields})
    for order, (name, units) in enumerate(groups.items()):
        group = UnitGroup.objects.create(assessment_year=ay, name=name, sort_order=order)
        GroupMembership.objects.bulk_create(
            GroupMembership(assessment_year=ay, group=group, unit=unit) for unit in units
        )
    return ay


def enter(ctx, unit: Unit, rule: str, points, reason: str, year: int) -> LedgerEntry:
    proposal = do_propose_entry(
        unit=unit,
        rule_code=rule,
        points=points,
        source=None,
        reason=reason,
        proposer=ctx.accounts["center_staff1"],
        year=year,
    )
    return do_approve_proposal(proposal, ctx.accounts["center_admin"])


def default_groups(ctx, year: int) -> dict[str, list[Unit]]:
    day = datetime.date(year, 12, 31)
    units = sorted((u for u in ctx.units.values() if active(u, day)), key=lambda u: (u.sort_order, u.code))
    return {
        "重点部门单位": [u for u in units if u.kind == UnitKind.DEPARTMENT and u.is_key],
        "其他部门单位": [u for u in units if u.kind == UnitKind.DEPARTMENT and not u.is_key],
        "基层站所": [u for u in units if u.kind == UnitKind.STATION],
    }


def build_assessment(ctx) -> None:
    year = timezone.localdate().year
    ay = stage_year(
        ctx,
        year,
        f"{year}年度软环境和效能建设考核",
        default_groups(ctx, year),
        max_deduction=Decimal("30"),
        max_bonus=Decimal("10"),
        appeal_workdays=5,
    )
    entries = {
        (code, rule): enter(ctx, ctx.unit(code), rule, points, reason, year)
        for code, rule, points, reason in ENTRIES
        if code in ctx.units
    }
    granted = do_file_appeal(
        entries["jtj", "commitment_breached"],
        ctx.accounts["jtj_liaison"],
        grounds="该事项因申请人补正材料延误，已在补正后5个工作日内办结，附办件记录。",
    )
    do_grant_appeal(
        granted, ctx.accounts["center_admin"], reason="经复核，超时系申请人补正材料所致，申诉成立。"
    )
    refused = do_file_appeal(
        entries["rsj", "complaint_verified"], ctx.accounts["rsj_liaison"], grounds="当事人态度问题系误会。"
    )
    do_refuse_appeal(
        refused, ctx.accounts["confirmer"], reason="经调看窗口录像，投诉反映情况属实，维持扣分。"
    )
    do_set_published(ay, ctx.accounts["center_admin"], published=True)
