"""Outreach figures, shared by the screens, news.py and the jinhu_2013 fixture."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q

from xiaoneng.outreach.models import Pairing, Tier, Visit


def _active(tier: Tier, day: datetime.date | None):
    pairings = Pairing.objects.filter(tier=tier)
    return pairings.active_on(day) if day else pairings


def units_paired(tier: Tier, day: datetime.date | None = None) -> int:
    """How many units have cadres paired under the tier (e.g. "53个…重点部门单位领导班子成员")."""
    return _active(tier, day).values("unit").distinct().count()


def targets_paired(tier: Tier, day: datetime.date | None = None) -> int:
    """How many distinct targets are paired (e.g. "190多家列统企业、在建(投产)亿元项目")."""
    return _active(tier, day).values("target").distinct().count()


def persons_paired(tier: Tier, day: datetime.date | None = None) -> int:
    """How many cadres are paired (e.g. "150多名…科长")."""
    return _active(tier, day).values("person").distinct().count()


def visit_totals(start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Visits, visitors, targets visited and problems handed over between two dates (inclusive)."""
    return Visit.objects.filter(visited_on__gte=start, visited_on__lte=end).aggregate(
        visits=Count("pk"),
        visitors=Count("person", distinct=True),
        targets=Count("target", distinct=True),
        problems=Count("pk", filter=Q(matter__isnull=False)),
    )
