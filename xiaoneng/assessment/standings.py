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

from django.db import connection
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiaoneng.assessment.models import AssessmentYear, GroupMembership, UnitGroup
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
    unit: UnitRef
    base: Decimal
    # (rule, raw, counted, entries) per rule; RuleLine objects are made only when asked for.
    parts: list[tuple[ScoreRule, Decimal, Decimal, int]] = field(default_factory=list)
    deductions: Decimal = ZERO
    bonuses: Decimal = ZERO
    score: Decimal = ZERO
    rank: int = 0
    entries: int = 0

    @property
    def lines(self) -> list[RuleLine]:
        return [RuleLine(*part) for part in self.parts]

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
        .annotate(points=Sum("points"), n=Count("*"))
        .order_by("unit_id", "rule_id")
    )


def fetch_rows(queryset) -> list[tuple]:
    """The ORM-built query's rows straight from the cursor: Django's per-value converters cost
    more than the scan on a million-entry ledger, and the sums are converted just below."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def as_points(value) -> Decimal:
    """A sum as exact points: PostgreSQL gives a Decimal, SQLite an int or a float."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(f"{value:.2f}")


def _clip(value: Decimal, kind: str, cap: Decimal | None) -> Decimal:
    if cap is None:
        return value
    return max(value, -cap) if kind == RuleKind.DEDUCTION else min(value, cap)


def _finish(row: StandingRow, ay: AssessmentYear) -> None:
    deductions = sum((part[2] for part in row.parts if part[2] < 0), ZERO)
    bonuses = sum((part[2] for part in row.parts if part[2] > 0), ZERO)
    if ay.max_deduction is not None:
        deductions = max(deductions, -ay.max_deduction)
    if ay.max_bonus is not None:
        bonuses = min(bonuses, ay.max_bonus)
    row.deductions, row.bonuses = deductions, bonuses
    row.score = (ay.base_score + deductions + bonuses).quantize(CENT)
    row.entries = sum(part[3] for part in row.parts)


def rank_rows(rows: list[StandingRow]) -> list[StandingRow]:
    """Sort by score (then unit order and code) and give tied scores the same rank."""
    rows.sort(key=lambda r: (-r.score, r.unit.sort_order, r.unit.code))
    for i, row in enumerate(rows):
        row.rank = rows[i - 1].rank if i and row.score == rows[i - 1].score else i + 1
    return rows


UNIT_FIELDS = ("pk", "code", "name", "short_name", "sort_order", "path")


@dataclass(frozen=True)
class UnitRef:
    """The few fields of a unit the standings show; plain values, not model instances (building
    2,000 Unit instances cost more than the aggregate itself)."""

    pk: int
    code: str
    name: str
    short_name: str
    sort_order: int
    path: str

    def __str__(self) -> str:
        return self.name

    def is_within(self, other: Unit) -> bool:
        return self.path.startswith(other.path)


def compute_standings(ay: AssessmentYear, quarter: int | None = None) -> list[GroupStandings]:
    """Every group of the year, ranked; units with entries but in no group come last, ranked
    among themselves ("not grouped")."""
    rules = {rule.pk: rule for rule in ScoreRule.objects.all()}
    in_year = UnitGroup.objects.filter(assessment_year=ay).order_by("sort_order", "pk")
    groups = {g.pk: GroupStandings(g.name, []) for g in in_year}
    members = GroupMembership.objects.filter(assessment_year=ay).values_list(
        "group_id", *(f"unit__{f}" if f != "pk" else "unit_id" for f in UNIT_FIELDS)
    )
    rows: dict[int, StandingRow] = {}
    for group_id, *unit in members.order_by("unit_id"):
        row = rows[unit[0]] = StandingRow(unit=UnitRef(*unit), base=ay.base_score)
        groups[group_id].rows.append(row)
    # One pass over the (unit, rule) sums, tens of thousands of rows at city scale: the rows of
    # units in no group wait in `loose` until their units are read.
    caps = {pk: (rule, rule.cap_per_unit_year) for pk, rule in rules.items()}
    loose: dict[int, list[tuple]] = {}
    for unit_id, rule_id, points, n in fetch_rows(rule_sums(ay.year, quarter)):
        raw = points if isinstance(points, Decimal) else as_points(points)
        rule, cap = caps[rule_id]
        part = (rule, raw, raw if cap is None else _clip(raw, rule.kind, cap), n)
        row = rows.get(unit_id)
        if row is None:
            loose.setdefault(unit_id, []).append(part)
        else:
            row.parts.append(part)
    strays = (
        [
            StandingRow(unit=UnitRef(*u), base=ay.base_score, parts=loose[u[0]])
            for u in Unit.objects.filter(pk__in=list(loose)).values_list(*UNIT_FIELDS)
        ]
        if loose
        else []
    )
    rows.update((row.unit.pk, row) for row in strays)
    for row in rows.values():
        _finish(row, ay)
    result = [GroupStandings(g.name, rank_rows(g.rows)) for g in groups.values() if g.rows]
    if strays:
        result.append(GroupStandings(str(_("Not grouped")), rank_rows(strays)))
    return result


def standing_of(ay: AssessmentYear, unit: Unit, quarter: int | None = None) -> tuple[str, StandingRow] | None:
    """The group name and row of one unit, or None if it has neither a group nor entries."""
    for group in compute_standings(ay, quarter):
        for row in group.rows:
            if row.unit.pk == unit.pk:
                return group.name, row
    return None
