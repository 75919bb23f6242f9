"""The 三百工程 of 2013 (seed 2013-1): leaders of the 53 key units paired one-to-one with the 190-odd
listed enterprises and ¥100M projects, 150-odd section chiefs with one SME or project each."""

from __future__ import annotations

import datetime

from xiaoneng.activities.figures import approx
from xiaoneng.demo.county import CAMPAIGN_DAY
from xiaoneng.demo.jinhu_2013 import Figure
from xiaoneng.org.models import EnterpriseSize, Person, Position, TargetKind
from xiaoneng.outreach import figures as outreach_figures
from xiaoneng.outreach.models import Pairing, Tier
from xiaoneng.outreach.sanbai import create_sanbai

YEAR = 2013
PAIRED_ON = datetime.date(2013, 4, 1)
CHIEFS = 156


def _tier(code: str) -> Tier:
    return Tier.objects.get(programme__code=f"sanbai-{YEAR}", code=code)


def build(ctx) -> None:
    programme = create_sanbai(YEAR)
    leaders_tier, chiefs_tier = programme.tiers.get(code="leaders"), programme.tiers.get(code="chiefs")
    key_units = [
        u
        for u in ctx.units.values()
        if u.is_key and u.valid_from <= CAMPAIGN_DAY and (u.valid_to is None or u.valid_to >= CAMPAIGN_DAY)
    ]
    leaders = list(
        Person.objects.filter(
            unit__in=key_units, position__in=(Position.PRINCIPAL, Position.LEADERSHIP)
        ).order_by("unit__sort_order", "unit__code", "pk")
    )
    by_unit: dict[int, list[Person]] = {}
    for person in leaders:
        by_unit.setdefault(person.unit_id, []).append(person)
    # Every key unit first, then round the units again: one leader per target, all self-selected.
    order = [
        people[i]
        for i in range(max(map(len, by_unit.values())))
        for people in by_unit.values()
        if i < len(people)
    ]
    big = [t for t in ctx.targets if t.is_key and t.kind in (TargetKind.ENTERPRISE, TargetKind.PROJECT)]
    pairings = [
        Pairing(
            tier=leaders_tier,
            person=order[i % len(order)],
            unit_id=order[i % len(order)].unit_id,
            target=target,
            started_on=PAIRED_ON,
        )
        for i, target in enumerate(big)
    ]
    small = [
        t
        for t in ctx.targets
        if t.kind == TargetKind.PROJECT
        or t.kind == TargetKind.ENTERPRISE
        and t.size in (EnterpriseSize.SMALL, EnterpriseSize.MICRO)
    ]
    prefixes = tuple(u.path for u in key_units)
    chiefs = [
        p
        for p in Person.objects.filter(position=Position.CHIEF, is_active=True)
        .select_related("unit")
        .order_by("unit__path", "pk")
        if p.unit.path.startswith(prefixes)
    ][:CHIEFS]
    pairings += [
        Pairing(
            tier=chiefs_tier,
            person=chief,
            unit_id=chief.unit_id,
            target=small[i % len(small)],
            started_on=PAIRED_ON,
        )
        for i, chief in enumerate(chiefs)
    ]
    # Records of 2013 made in bulk: the rules do_pair enforces hold by construction (tested there).
    Pairing.objects.bulk_create(pairings, batch_size=500)


def figures() -> list[Figure]:
    return [
        Figure(
            "2013-1",
            "53个软环境和效能建设重点部门单位领导班子成员",
            53,
            lambda: outreach_figures.units_paired(_tier("leaders")),
        ),
        Figure(
            "2013-1",
            "与190多家列统企业、在建(投产)亿元项目形成对接",
            "190多",
            lambda: approx(outreach_figures.targets_paired(_tier("leaders"))),
        ),
        Figure(
            "2013-1",
            "5月底前主动上门访困问难",
            (5, 31),
            lambda: (_tier("leaders").due_on.month, _tier("leaders").due_on.day),
        ),
        Figure(
            "2013-1",
            "150多名重(热)点岗位上的科长(负责人)，每人自选一个中小(微)企业或在建(投产)项目挂钩联系",
            "150多",
            lambda: approx(outreach_figures.persons_paired(_tier("chiefs"))),
        ),
        Figure("2013-1", "年内上门帮办服务不少于6次", 6, lambda: _tier("chiefs").quota_visits),
        Figure("2013-1", "每月上门入户服务不少于3人次", 3, lambda: _tier("stations").quota_visits),
    ]
