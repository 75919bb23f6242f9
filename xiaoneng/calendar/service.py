"""The working-day calendar for Django code: shipped data plus the years loaded or edited in the DB.

Other mechanisms code against exactly these names:

    add_workdays(day, n) -> date              is_workday(day) -> bool
    is_provisional(day) -> bool               workdays_between(start, end) -> int
    current_calendar() -> WorkdayCalendar     register_recompute(callback); notify_years_changed(years)

`current_calendar()` is cached per process and keyed by the token of the single
`CalendarRevision` row, which every load or edit changes in the same transaction: each call costs
one primary-key query, and a process never uses a calendar older than the last committed change.
A token (not a counter) is used so that a change rolled back can never be mistaken for a later one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache

from xiaoneng.calendar.schedule import YearSchedule, shipped_schedules
from xiaoneng.calendar.workdays import WorkdayCalendar

log = logging.getLogger(__name__)

RecomputeCallback = Callable[[set[int]], None]
_callbacks: list[RecomputeCallback] = []
_lock = threading.Lock()
_cached: tuple[str, WorkdayCalendar] | None = None


@lru_cache(maxsize=1)
def shipped() -> dict[int, YearSchedule]:
    """The schedules shipped in data/cn-official.toml (read once per process)."""
    return shipped_schedules()


def _revision_token() -> str:
    from xiaoneng.calendar.models import CalendarRevision

    return CalendarRevision.objects.filter(pk=1).values_list("token", flat=True).first() or ""


def database_schedules() -> dict[int, YearSchedule]:
    from xiaoneng.calendar.models import CalendarYear

    return {row.year: row.to_schedule() for row in CalendarYear.objects.prefetch_related("days")}


def effective_schedules() -> dict[int, YearSchedule]:
    """Shipped years, overridden year by year by those loaded or edited in the database."""
    return {**shipped(), **database_schedules()}


def current_calendar() -> WorkdayCalendar:
    global _cached
    token = _revision_token()
    cached = _cached
    if cached is not None and cached[0] == token:
        return cached[1]
    with _lock:
        calendar = WorkdayCalendar(effective_schedules())
        _cached = (token, calendar)
    return calendar


def clear_cache() -> None:
    global _cached
    _cached = None


def add_workdays(day: date, n: int) -> date:
    """The Nth working day after `day` (before it for negative n); `day` itself never counts."""
    return current_calendar().add_workdays(day, n)


def add_workdays_provisional(day: date, n: int) -> tuple[date, bool]:
    """add_workdays, and whether the result relied on a year without a published schedule."""
    return current_calendar().add_workdays_provisional(day, n)


def is_workday(day: date) -> bool:
    return current_calendar().is_workday(day)


def is_provisional(day: date) -> bool:
    """True when the day's year has no loaded or shipped schedule (weekends alone are used)."""
    return current_calendar().is_provisional(day)


def workdays_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative if end < start."""
    return current_calendar().workdays_between(start, end)


def register_recompute(callback: RecomputeCallback) -> RecomputeCallback:
    """Call `callback(years)` after years are loaded or edited (usable as a decorator).

    Callbacks run inside the transaction that changed the calendar, after the cache was
    invalidated, so `current_calendar()` already answers with the new schedule. Anything that
    relied on a provisional year (a deadline in 2027, say) should recompute itself there, or
    enqueue that work if it is large. An exception rolls the calendar change back.
    """
    if callback not in _callbacks:
        _callbacks.append(callback)
    return callback


def unregister_recompute(callback: RecomputeCallback) -> None:
    if callback in _callbacks:
        _callbacks.remove(callback)


def notify_years_changed(years: Iterable[int]) -> None:
    """Mark the calendar changed for every process and call the recompute callbacks."""
    from xiaoneng.calendar.models import CalendarRevision, new_token

    changed = set(years)
    updated = CalendarRevision.objects.filter(pk=1).update(token=new_token())
    if not updated:
        CalendarRevision.objects.update_or_create(pk=1, defaults={"token": new_token()})
    clear_cache()
    for callback in list(_callbacks):
        log.info("calendar changed for %s: calling %r", sorted(changed), callback)
        callback(set(changed))
