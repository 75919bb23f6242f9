"""The 三百工程提升行动 as data: one programme, three tiers, as the 2013 newsletter describes it.

百户企业大走访: unit leaders, one-to-one and self-selected, with listed enterprises and ¥100M
projects, visiting before the end of May; 百名科长联百企: section chiefs, one SME or project each,
at least 6 visits a year; 百个站所进万家: station staff with sole traders and households, at least
3 visits a month each.
"""

from __future__ import annotations

import datetime

from xiaoneng.org.models import TargetKind
from xiaoneng.outreach.models import Programme, QuotaPeriod, QuotaScope, Tier, VisitorGroup

TIERS = [
    # code, name, who, kinds, one visitor per target, targets per person, visits, period, owed by
    (
        "leaders",
        "百户企业大走访",
        VisitorGroup.LEADERS,
        (TargetKind.ENTERPRISE, TargetKind.PROJECT),
        True,
        None,
        1,
        QuotaPeriod.BY_DATE,
        QuotaScope.PAIRING,
    ),
    (
        "chiefs",
        "百名科长联百企",
        VisitorGroup.CHIEFS,
        (TargetKind.ENTERPRISE, TargetKind.PROJECT),
        False,
        1,
        6,
        QuotaPeriod.YEAR,
        QuotaScope.PAIRING,
    ),
    (
        "stations",
        "百个站所进万家",
        VisitorGroup.STAFF,
        (TargetKind.SOLE_TRADER, TargetKind.HOUSEHOLD),
        False,
        None,
        3,
        QuotaPeriod.MONTH,
        QuotaScope.PERSON,
    ),
]


def create_sanbai(year: int, *, starts_on: datetime.date | None = None) -> Programme:
    """The programme of `year` with its three tiers (the leaders' visits due at the end of May)."""
    programme, _created = Programme.objects.get_or_create(
        code=f"sanbai-{year}",
        defaults={
            "name": f"{year}年“三百工程提升行动”",
            "year": year,
            "starts_on": starts_on or datetime.date(year, 1, 1),
            "ends_on": datetime.date(year, 12, 31),
            "description": "“百户企业大走访”、“百名科长联百企”、“百个站所进万家”。",
        },
    )
    for order, (code, name, group, kinds, one, most, visits, period, scope) in enumerate(TIERS, start=1):
        Tier.objects.get_or_create(
            programme=programme,
            code=code,
            defaults={
                "name": name,
                "order": order,
                "visitor_group": group,
                "target_kinds": ",".join(kinds),
                "one_visitor_per_target": one,
                "max_targets_per_person": most,
                "quota_visits": visits,
                "quota_period": period,
                "quota_scope": scope,
                "due_on": datetime.date(year, 5, 31) if period == QuotaPeriod.BY_DATE else None,
            },
        )
    return programme
