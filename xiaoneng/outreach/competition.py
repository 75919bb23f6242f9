"""The quarterly competition (分季度竞赛、亮晒): units ranked by quotas met and visits made."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from xiaoneng.outreach import quotas
from xiaoneng.outreach.models import Programme, Visit


@dataclass
class Standing:
    rank: int
    unit_id: int
    unit: str
    owed: int  # person-periods that ended in the quarter and owed a quota
    met: int
    visits: int
    problems: int  # problems from visits handed over as matters

    @property
    def rate(self) -> int:
        return round(100 * self.met / self.owed) if self.owed else 0


def quarter_table(programme: Programme, year: int, quarter: int, today: datetime.date) -> list[Standing]:
    """Every unit with pairings, ranked by the share of quotas met in periods ending in the quarter,
    then by visits in the quarter. Periods that have not ended yet count as they stand."""
    quarter_span = quotas.quarter_period(year, quarter)
    rows: dict[int, Standing] = {}

    def row(unit_id: int, name: str) -> Standing:
        return rows.setdefault(unit_id, Standing(0, unit_id, name, 0, 0, 0, 0))

    for tier in programme.tiers.all():
        for period in quotas.periods(tier):
            if not quarter_span.holds(period.end):
                continue
            for person in quotas.compliance(tier, period, today).people:
                standing = row(person.unit_id, person.unit_name)
                standing.owed += 1
                standing.met += person.met
    visits = (
        Visit.objects.filter(
            pairing__tier__programme=programme,
            visited_on__gte=quarter_span.start,
            visited_on__lte=quarter_span.end,
        )
        .values("unit", "unit__short_name")
        .annotate(n=Count("pk"), problems=Count("pk", filter=Q(matter__isnull=False)))
    )
    for entry in visits:
        standing = row(entry["unit"], entry["unit__short_name"])
        standing.visits, standing.problems = entry["n"], entry["problems"]
    ordered = sorted(rows.values(), key=lambda s: (-s.rate, -s.visits, s.unit))
    for position, standing in enumerate(ordered, start=1):
        standing.rank = position
    return ordered
