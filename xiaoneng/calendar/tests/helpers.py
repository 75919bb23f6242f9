"""Shared test helpers: the shipped calendar and a naive day-by-day reference."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from xiaoneng.calendar.schedule import YearSchedule, shipped_schedules
from xiaoneng.calendar.workdays import WorkdayCalendar


@lru_cache(maxsize=1)
def shipped_calendar() -> WorkdayCalendar:
    return WorkdayCalendar(shipped_schedules())


class NaiveCalendar:
    """The rule read straight from the schedules, counted one day at a time."""

    def __init__(self, schedules: dict[int, YearSchedule]) -> None:
        self.off = {d for s in schedules.values() for d in s.off_days}
        self.on = {d for s in schedules.values() for d in s.workdays}

    def is_workday(self, day: date) -> bool:
        return day in self.on or (day.weekday() < 5 and day not in self.off)

    def add_workdays(self, day: date, n: int) -> date:
        step = timedelta(days=1 if n > 0 else -1)
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_workday(day):
                remaining -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        sign = 1 if end >= start else -1
        low, high = sorted((start, end))
        count = sum(self.is_workday(low + timedelta(days=i)) for i in range(1, (high - low).days + 1))
        return sign * count


def d(text: str) -> date:
    return date.fromisoformat(text)
