"""Window figures: one aggregate query over ServiceCase per figure set.

cases, completed, on-time rate (on the spot + on time, of completed), on-the-spot rate, average
queue wait, satisfaction rate (levels 3–5 of rated; an unrated case completed at least
XIAONENG_WINDOWS_DEEM_AFTER working days ago counts as satisfied when
XIAONENG_WINDOWS_DEEM_SATISFIED is on), bad ratings (levels 1–2) and how many of those are
rectified. Every rate comes with its numerator and denominator (`Rate`).

The period is the day a case was received (start and end inclusive). The figures sum the daily
rollup `CaseDay` (per day, window and staff member; kept by the actions, see rollup.py): a month
of a city-sized hall is a few thousand rollup rows, not a hundred thousand cases. Only the deemed
satisfaction needs the cases themselves: the few completed after the cutoff and still unrated
(partial index `windows_case_unrated`).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from xiaoneng.calendar import service as workdays
from xiaoneng.matters import clock
from xiaoneng.org.models import Unit
from xiaoneng.windows import config
from xiaoneng.windows.models import CaseDay, ServiceCase


@dataclass(frozen=True)
class Rate:
    count: int
    of: int

    @property
    def percent(self) -> Decimal | None:
        if not self.of:
            return None
        return (Decimal(self.count) * 100 / self.of).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def __str__(self) -> str:
        percent = self.percent
        return "—" if percent is None else f"{percent.normalize():f}% ({self.count}/{self.of})"


@dataclass
class Figures:
    key: int | None = None  # the unit or person id when grouped
    cases: int = 0
    completed: int = 0
    on_the_spot: int = 0
    on_time: int = 0  # on the spot included
    late: int = 0
    rated: int = 0  # real ratings plus deemed ones
    satisfied: int = 0
    bad: int = 0
    rectified: int = 0
    avg_wait: float | None = None  # seconds
    extra: dict = field(default_factory=dict)

    @property
    def on_time_rate(self) -> Rate:
        return Rate(self.on_time, self.completed)

    @property
    def on_the_spot_rate(self) -> Rate:
        return Rate(self.on_the_spot, self.completed)

    @property
    def satisfaction_rate(self) -> Rate:
        return Rate(self.satisfied, self.rated)

    @property
    def rectified_rate(self) -> Rate:
        return Rate(self.rectified, self.bad)

    @property
    def avg_wait_minutes(self) -> Decimal | None:
        if self.avg_wait is None:
            return None
        return (Decimal(str(self.avg_wait)) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def score(self) -> Decimal:
        """The ranking score: satisfaction and on-time rates weigh equally; no cases, no score."""
        parts = [r.percent for r in (self.satisfaction_rate, self.on_time_rate) if r.percent is not None]
        return sum(parts, Decimal(0)) / len(parts) if parts else Decimal(0)


def deem_cutoff(today: datetime.date | None = None) -> datetime.date | None:
    """Completed on or before this day and still unrated: counts as satisfied (None: switch off)."""
    if not config.deem_satisfied():
        return None
    day = today or clock.today()
    calendar = workdays.current_calendar()
    for _ in range(config.deem_after()):
        day -= datetime.timedelta(days=1)
        while not calendar.is_workday(day):
            day -= datetime.timedelta(days=1)
    return day


_SUMS = (
    "cases",
    "completed",
    "on_the_spot",
    "on_time",
    "late",
    "rated",
    "satisfied",
    "bad",
    "rectified",
    "unrated_completed",
    "wait_sum",
    "wait_n",
)


def _scope(queryset, *, unit=None, units=None, person=None, staff_field="staff_key"):
    if unit is not None:
        if unit.kind == "window":
            queryset = queryset.filter(unit=unit)
        else:
            queryset = queryset.filter(unit__path__startswith=unit.path)
    if units is not None:
        queryset = queryset.filter(unit__in=units)
    if person is not None:
        queryset = queryset.filter(**{staff_field: person.pk})
    return queryset


def _unit_ids(unit=None, units=None) -> set[int] | None:
    allowed = None
    if unit is not None:
        allowed = (
            {unit.pk}
            if unit.kind == "window"
            else set(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))
        )
    if units is not None:
        ids = (
            set(units.values_list("pk", flat=True))
            if hasattr(units, "values_list")
            else {u if isinstance(u, int) else u.pk for u in units}
        )
        allowed = ids if allowed is None else allowed & ids
    return allowed


def _recent_unrated(start, end, cutoff, group: str | None, *, unit=None, units=None, person=None) -> Counter:
    """Completed after the cutoff and unrated: not yet deemed satisfied. Read through the partial
    index `windows_case_unrated` (its condition is repeated so the planner can use it): only the
    last few working days' unrated cases, filtered and counted here."""
    rows = ServiceCase.objects.filter(
        rating_level__isnull=True, completed_on__isnull=False, completed_on__gt=cutoff
    ).values_list("unit_id", "staff_id", "received_on")
    allowed = _unit_ids(unit, units)
    counts: Counter = Counter()
    for unit_id, staff_id, received_on in rows:
        if not start <= received_on <= end or (allowed is not None and unit_id not in allowed):
            continue
        if person is not None and staff_id != person.pk:
            continue
        counts[None if group is None else unit_id if group == "unit" else staff_id or 0] += 1
    return counts


def _make(row: dict, deemed: int) -> Figures:
    deemed = max(0, deemed)
    return Figures(
        cases=row["cases"] or 0,
        completed=row["completed"] or 0,
        on_the_spot=row["on_the_spot"] or 0,
        on_time=row["on_time"] or 0,
        late=row["late"] or 0,
        rated=(row["rated"] or 0) + deemed,
        satisfied=(row["satisfied"] or 0) + deemed,
        bad=row["bad"] or 0,
        rectified=row["rectified"] or 0,
        avg_wait=(row["wait_sum"] / row["wait_n"]) if row["wait_n"] else None,
    )


def figures(
    start: datetime.date,
    end: datetime.date,
    *,
    unit=None,
    units=None,
    person=None,
    today: datetime.date | None = None,
) -> Figures:
    """The figures of one window, unit subtree, person or the whole hall over a period."""
    scope = {"unit": unit, "units": units, "person": person}
    row = _scope(CaseDay.objects.filter(day__gte=start, day__lte=end), **scope).aggregate(
        **{name: Sum(name) for name in _SUMS}
    )
    cutoff = deem_cutoff(today)
    deemed = 0
    if cutoff is not None and row["unrated_completed"]:
        deemed = row["unrated_completed"] - _recent_unrated(start, end, cutoff, None, **scope)[None]
    return _make(row, deemed)


def figures_by(
    group: str,
    start: datetime.date,
    end: datetime.date,
    *,
    unit=None,
    units=None,
    today: datetime.date | None = None,
) -> dict[int, Figures]:
    """Figures per window ("unit") or per person ("staff"): one grouped query on the rollup."""
    if group not in ("unit", "staff"):
        raise ValueError(group)
    field = "unit_id" if group == "unit" else "staff_key"
    rows = (
        _scope(CaseDay.objects.filter(day__gte=start, day__lte=end), unit=unit, units=units)
        .values(field)
        .order_by()
        .annotate(**{name: Sum(name) for name in _SUMS})
    )
    rows = [r for r in rows if r[field]]
    cutoff = deem_cutoff(today)
    recent = {}
    if cutoff is not None and any(r["unrated_completed"] for r in rows):
        recent = _recent_unrated(start, end, cutoff, group, unit=unit, units=units)
    out = {}
    for r in rows:
        key = r[field]
        deemed = (r["unrated_completed"] - recent.get(key, 0)) if cutoff is not None else 0
        out[key] = _make(r, deemed)
        out[key].key = key
    return out


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = month.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, 3 * quarter - 2, 1)
    return first, month_bounds(datetime.date(year, 3 * quarter, 1))[1]
