"""Standings (考核排名): base score + ledger entries, per group, with caps, ranks and breakdown.

Computed, never stored: one aggregate query over the ledger (sums per unit and rule for the
year or quarter), then caps and ranks in Python over a few thousand rows. Ordering is total:
score descending, then the unit's sort order and code, so a recomputation from the same ledger
always gives the same table. Ties share a rank (standard competition ranking: 1, 2, 2, 4).

Caps are applied here, not at approval: the ledger keeps every approved entry as it happened
(the record of each breach stays complete and appealable), a granted appeal simply lowers the
rule's sum and the capped total follows, and a cap the admin changes applies to the whole year
at once instead of depending on the order in which entries were approved.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiaoneng.assessment.models import AssessmentYear, GroupMembership
from xiaoneng.org.models import Unit
from xiaoneng.scoring.models import LedgerEntry, RuleKind, ScoreRule

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
QUARTERS = (1, 2, 3, 4)


@dataclass
class RuleLine:
    rule: ScoreRule
    raw: Decimal
    counted: Decimal
    entries: int

    @property
    def capped(self) -> bool:
        return self.raw != self.counted


@dataclass
class StandingRow:
    unit: Unit
    base: Decimal
    lines: list[RuleLine] = field(default_factory=list)
    deductions: Decimal = ZERO
    bonuses: Decimal = ZERO
    score: Decimal = ZERO
    rank: int = 0
    entries: int = 0

    @property
    def raw_total(self) -> Decimal:
        return sum((line.raw for line in self.lines), ZERO)


@dataclass
class GroupStandings:
    name: str
    rows: list[StandingRow]


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """Approval times that count in a quarter of `year`'s entries (first and last stay open-ended,
    so an entry of the year approved early in the next year still counts, in the fourth quarter)."""

    def start(month: int) -> datetime.datetime:
        return datetime.datetime(year, month, 1, tzinfo=timezone.get_default_timezone())

    low = None if quarter == 1 else start(3 * quarter - 2)
    return low, None if quarter == 4 else start(3 * quarter + 1)


def rule_sums(year: int, quarter: int | None = None):
    """The one aggregate query: (unit, rule) → points and number of entries, for unit entries."""
    entries = LedgerEntry.objects.filter(year=year, unit__isnull=False)
    if quarter is not None:
        low, high = quarter_bounds(year, quarter)
        if low is not None:
            entries = entries.filter(approved_at__gte=low)
        if high is not None:
            entries = entries.filter(approved_at__lt=high)
    return (
        entries.order_by()
        .values_list("unit_id", "rule_id")
        .annotate(points=Sum("points"), n=Count("pk"))
        .order_by("unit_id", "rule_id")
    )


def _clip(value: Decimal, kind: str, cap: Decimal | None) -> Decimal:
    if cap is None:
        return value
    return max(value, -cap) if kind == RuleKind.DEDUCTION else min(value, cap)


def _finish(row: StandingRow, ay: AssessmentYear) -> None:
    deductions = sum((line.counted for line in row.lines if line.counted < 0), ZERO)
    bonuses = sum((line.counted for line in row.lines if line.counted > 0), ZERO)
    if ay.max_deduction is not None:
        deductions = max(deductions, -ay.max_deduction)
    if ay.max_bonus is not None:
        bonuses = min(bonuses, ay.max_bonus)
    row.deductions, row.bonuses = deductions, bonuses
    row.score = (ay.base_score + deductions + bonuses).quantize(CENT)
    row.entries = sum(line.entries for line in row.lines)


def rank_rows(rows: list[StandingRow]) -> list[StandingRow]:
    """Sort by score (then unit order and code) and give tied scores the same rank."""
    rows.sort(key=lambda r: (-r.score, r.unit.sort_order, r.unit.code))
    for i, row in enumerate(rows):
        row.rank = rows[i - 1].rank if i and row.score == rows[i - 1].score else i + 1
    return rows


def compute_standings(ay: AssessmentYear, quarter: int | None = None) -> list[GroupStandings]:
    """Every group of the year, ranked; units with entries but in no group come last, unranked
    against the groups ("not grouped")."""
    rules = {rule.pk: rule for rule in ScoreRule.objects.all()}
    members = list(
        GroupMembership.objects.filter(assessment_year=ay)
        .select_related("group", "unit")
        .order_by("group__sort_order", "group_id")
    )
    rows: dict[int, StandingRow] = {m.unit_id: StandingRow(unit=m.unit, base=ay.base_score) for m in members}
    lines: dict[int, list[tuple[int, Decimal, int]]] = {}
    for unit_id, rule_id, points, n in rule_sums(ay.year, quarter):
        lines.setdefault(unit_id, []).append((rule_id, Decimal(points).quantize(CENT), n))
    stray = [uid for uid in lines if uid not in rows]
    for unit in Unit.objects.filter(pk__in=stray):
        rows[unit.pk] = StandingRow(unit=unit, base=ay.base_score)
    for unit_id, row in rows.items():
        for rule_id, raw, n in lines.get(unit_id, []):
            rule = rules[rule_id]
            row.lines.append(RuleLine(rule, raw, _clip(raw, rule.kind, rule.cap_per_unit_year), n))
        _finish(row, ay)
    groups: dict[int, GroupStandings] = {}
    for m in members:
        groups.setdefault(m.group_id, GroupStandings(m.group.name, [])).rows.append(rows[m.unit_id])
    result = [GroupStandings(g.name, rank_rows(g.rows)) for g in groups.values()]
    if stray:
        result.append(GroupStandings(str(_("Not grouped")), rank_rows([rows[uid] for uid in stray])))
    return result


def standing_of(ay: AssessmentYear, unit: Unit, quarter: int | None = None) -> tuple[str, StandingRow] | None:
    """The group name and row of one unit, or None if it has neither a group nor entries."""
    for group in compute_standings(ay, quarter):
        for row in group.rows:
            if row.unit.pk == unit.pk:
                return group.name, row
    return None
