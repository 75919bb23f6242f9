"""Window figures: one aggregate query over ServiceCase per figure set.

cases, completed, on-time rate (on the spot + on time, of completed), on-the-spot rate, average
queue wait, satisfaction rate (levels 3–5 of rated; an unrated case completed at least
XIAONENG_WINDOWS_DEEM_AFTER working days ago counts as satisfied when
XIAONENG_WINDOWS_DEEM_SATISFIED is on), bad ratings (levels 1–2) and how many of those are
rectified. Every rate comes with its numerator and denominator (`Rate`).

The period is the day a case was received (start and end inclusive); the index
`windows_case_figures` covers every column counted, so a month of a city-sized hall is one
index range scan.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q

from xiaoneng.calendar import service as workdays
from xiaoneng.matters import clock
from xiaoneng.windows import config
from xiaoneng.windows.models import BAD_LEVELS, Outcome, Rating, ServiceCase


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


def _aggregates(cutoff: datetime.date | None) -> dict:
    good = Q(rating_level__gte=3)
    deemed = Q(rating_level__isnull=True, completed_on__lte=cutoff) if cutoff else Q(pk__in=[])
    return {
        "cases": Count("id"),
        "completed": Count("id", filter=Q(completed_on__isnull=False)),
        "on_the_spot": Count("id", filter=Q(outcome=Outcome.ON_THE_SPOT)),
        "on_time": Count("id", filter=Q(outcome__in=(Outcome.ON_THE_SPOT, Outcome.ON_TIME))),
        "late": Count("id", filter=Q(outcome=Outcome.LATE)),
        "rated": Count("id", filter=Q(rating_level__isnull=False) | deemed),
        "satisfied": Count("id", filter=good | deemed),
        "bad": Count("id", filter=Q(rating_level__in=BAD_LEVELS)),
        "avg_wait": Avg("wait_seconds"),
    }


def _cases(start: datetime.date, end: datetime.date, *, units=None, unit=None, person=None):
    cases = ServiceCase.objects.filter(received_on__gte=start, received_on__lte=end)
    if unit is not None:
        cases = (
            cases.filter(unit__path__startswith=unit.path)
            if unit.kind != "window"
            else cases.filter(unit=unit)
        )
    if units is not None:
        cases = cases.filter(unit__in=units)
    if person is not None:
        cases = cases.filter(staff=person)
    return cases


def _rectified(start, end, group: str | None, **scope) -> dict:
    ratings = Rating.objects.filter(
        level__in=BAD_LEVELS, rectified_at__isnull=False, case__in=_cases(start, end, **scope).values("pk")
    )
    if group is None:
        return {None: ratings.count()}
    return dict(
        ratings.values_list(f"case__{group}").annotate(n=Count("id")).values_list(f"case__{group}", "n")
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
    row = _cases(start, end, unit=unit, units=units, person=person).aggregate(
        **_aggregates(deem_cutoff(today))
    )
    result = Figures(**row)
    if result.bad:
        result.rectified = _rectified(start, end, None, unit=unit, units=units, person=person)[None]
    return result


def figures_by(
    group: str,
    start: datetime.date,
    end: datetime.date,
    *,
    unit=None,
    units=None,
    today: datetime.date | None = None,
) -> dict[int, Figures]:
    """Figures per window ("unit") or per person ("staff"): one grouped query."""
    if group not in ("unit", "staff"):
        raise ValueError(group)
    rows = (
        _cases(start, end, unit=unit, units=units)
        .values(f"{group}_id")
        .order_by()
        .annotate(**_aggregates(deem_cutoff(today)))
    )
    out = {r.pop(f"{group}_id"): Figures(**r) for r in rows}
    out = {key: fig for key, fig in out.items() if key is not None}
    for key, fig in out.items():
        fig.key = key
    if any(fig.bad for fig in out.values()):
        for key, n in _rectified(start, end, group, unit=unit, units=units).items():
            if key in out:
                out[key].rectified = n
    return out


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = month.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, 3 * quarter - 2, 1)
    return first, month_bounds(datetime.date(year, 3 * quarter, 1))[1]
