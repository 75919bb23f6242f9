"""Working-day arithmetic on the Chinese official calendar, as a precomputed index.

Pure Python and numpy, no Django. A `WorkdayCalendar` is built once from yearly schedules
(statutory days off, 放假; weekend days worked, 调休上班) over a span of days, 1990–2200 by
default. Years without a schedule follow the weekend rule alone and are *provisional*.

The index holds, per day of the span, whether it is a working day and the running count of
working days up to and including it, plus the list of working days. Every question is then one
or two array look-ups (O(1)), with no loop over days:

- the working days in (a, b] are cum[b] - cum[a];
- the Nth working day after D is the (cum[D] + N)-th working day of the span;
- the Nth working day before D is the (cum[D-1] + N + 1)-th.

The counting rule is the legal one: N working days from an act on day D end on the Nth working
day after D; D itself never counts, whether or not it is a working day. Negative N counts back
the same way; N = 0 gives D.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import numpy as np

from xiaoneng.calendar.schedule import YearSchedule

FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2200, 12, 31)
# date.toordinal() of 1970-01-01, the zero of numpy's datetime64[D].
_UNIX_ORDINAL = date(1970, 1, 1).toordinal()


class OutOfRange(ValueError):
    """A date, or the result of counting from it, is outside the calendar's span."""


class WorkdayCalendar:
    """The working-day index over FIRST_DAY..LAST_DAY for the given schedules."""

    def __init__(self, schedules: Mapping[int, YearSchedule], first: date = FIRST_DAY,
                 last: date = LAST_DAY) -> None:
        self.first, self.last = first, last
        self.schedules = {year: schedules[year] for year in sorted(schedules)
                          if first.year <= year <= last.year}
        self._base = first.toordinal()
        ordinals = np.arange(self._base, last.toordinal() + 1, dtype=np.int64)
        mask = (ordinals - 1) % 7 < 5  # ordinal 1 (0001-01-01) was a Monday
        for schedule in self.schedules.values():
            for day in schedule.off_days:
                mask[day.toordinal() - self._base] = False
            for day in schedule.workdays:
                mask[day.toordinal() - self._base] = True
        self.mask = mask
        self.cumulative = np.cumsum(mask, dtype=np.int64)
        self.working_days = np.flatnonzero(mask).astype(np.int64)
        # Python lists for single look-ups: indexing them is several times faster than numpy scalars.
        self._mask_list = mask.tolist()
        self._cum_list = self.cumulative.tolist()
        self._work_list = self.working_days.tolist()
        self._work_dates = [date.fromordinal(i + self._base) for i in self._work_list]
        self._size = len(self._mask_list)
        years = np.arange(first.year, last.year + 1)
        self._scheduled_years = np.isin(years, list(self.schedules))
        # Running count of provisional years, for "does any year in a..b lack a schedule" in O(1).
        self._provisional_cum = [0, *np.cumsum(~self._scheduled_years).tolist()]

    # -- single days ---------------------------------------------------------------------------

    def _index(self, day: date) -> int:
        i = day.toordinal() - self._base
        if not 0 <= i < len(self._mask_list):
            raise OutOfRange(f"{day} is outside the working-day calendar ({self.first} to {self.last})")
        return i

    def is_workday(self, day: date) -> bool:
        return self._mask_list[self._index(day)]

    def is_provisional(self, day: date) -> bool:
        """True when the day's year has no schedule: it is counted on weekends alone."""
        self._index(day)
        return day.year not in self.schedules

    def years_provisional(self, first_year: int, last_year: int) -> bool:
        """Whether any year in first_year..last_year (inclusive) has no schedule."""
        a, b = sorted((first_year, last_year))
        a, b = max(a, self.first.year), min(b, self.last.year)
        if a > b:
            return False
        return self._provisional_cum[b - self.first.year + 1] > self._provisional_cum[a - self.first.year]

    def add_workdays(self, day: date, n: int) -> date:
        """The Nth working day after `day` (before it when n < 0); `day` itself never counts."""
        # Inlined look-ups (no helper calls): this is the hot path of single deadline computations.
        i = day.toordinal() - self._base
        if not 0 <= i < self._size:
            raise OutOfRange(f"{day} is outside the working-day calendar ({self.first} to {self.last})")
        if n > 0:
            k = self._cum_list[i] + n - 1
        elif n < 0:
            k = self._cum_list[i] - self._mask_list[i] + n
        else:
            return day
        if not 0 <= k < len(self._work_dates):
            raise OutOfRange(f"{n} working days from {day} fall outside the working-day calendar "
                             f"({self.first} to {self.last})")
        return self._work_dates[k]

    def add_workdays_provisional(self, day: date, n: int) -> tuple[date, bool]:
        """The result of add_workdays and whether it relied on a year without a schedule."""
        result = self.add_workdays(day, n)
        if n == 0:
            return result, False
        if n > 0:
            return result, self.years_provisional((day + timedelta(days=1)).year, result.year)
        return result, self.years_provisional(result.year, (day - timedelta(days=1)).year)

    def workdays_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative (the days in (end, start]) when end < start."""
        return self._cum_list[self._index(end)] - self._cum_list[self._index(start)]

    # -- many days at once -----------------------------------------------------------------------

    def add_workdays_many(self, starts: np.ndarray, ns: np.ndarray) -> np.ndarray:
        """add_workdays over arrays, vectorised.

        `starts` is an array of datetime64[D] (the result is datetime64[D]) or of integer day
        ordinals as date.toordinal() gives them (the result is int64 ordinals). `ns` is an integer
        array broadcastable against `starts`.
        """
        starts = np.asarray(starts)
        is_datetime = np.issubdtype(starts.dtype, np.datetime64)
        if is_datetime:
            ordinals = starts.astype("datetime64[D]").astype(np.int64) + _UNIX_ORDINAL
        elif np.issubdtype(starts.dtype, np.integer):
            ordinals = starts.astype(np.int64)
        else:
            raise TypeError("starts must be datetime64[D] or integer day ordinals")
        ns = np.asarray(ns, dtype=np.int64)
        index = ordinals - self._base
        if index.size and (index.min() < 0 or index.max() >= len(self.mask)):
            raise OutOfRange(f"a start date is outside the calendar ({self.first} to {self.last})")
        cum = self.cumulative[index]
        k = np.where(ns > 0, cum + ns - 1, cum - self.mask[index] + ns)
        if k.size and (k.min() < 0 or k.max() >= len(self.working_days)):
            raise OutOfRange(f"a result falls outside the working-day calendar ({self.first} to {self.last})")
        result = np.where(ns == 0, ordinals, self.working_days[np.clip(k, 0, None)] + self._base)
        if is_datetime:
            return (result - _UNIX_ORDINAL).astype("datetime64[D]")
        return result
