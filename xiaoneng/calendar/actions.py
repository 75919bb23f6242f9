"""The only ways the working-day calendar in the database changes.

Each action checks permission (when a user acts; the console operator acts as None), writes in one
transaction, marks the calendar changed for every process and calls the recompute callbacks.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction

from xiaoneng.audit import record
from xiaoneng.calendar import service
from xiaoneng.calendar.models import CalendarDay, CalendarYear
from xiaoneng.calendar.schedule import YearSchedule

log = logging.getLogger(__name__)

MANAGE_PERMISSION = "calendar.manage_calendar"


def can_manage(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.has_perm(MANAGE_PERMISSION))


def _check(actor) -> None:
    if actor is not None and not can_manage(actor):
        raise PermissionDenied("loading or editing the calendar needs calendar.manage_calendar")


def do_load_schedules(schedules: dict[int, YearSchedule], actor=None) -> list[int]:
    """Store each schedule as its year's calendar (replacing what the DB held for that year)."""
    _check(actor)
    with transaction.atomic():
        for year, schedule in sorted(schedules.items()):
            row, _created = CalendarYear.objects.update_or_create(
                year=year,
                defaults={"notice": schedule.notice, "other_notices": "\n".join(schedule.other_notices)},
            )
            row.days.all().delete()
            CalendarDay.objects.bulk_create(
                [CalendarDay(calendar_year=row, date=day, is_workday=False, name=name[:60])
                 for name, days in schedule.holidays.items() for day in days]
                + [CalendarDay(calendar_year=row, date=day, is_workday=True) for day in schedule.workdays]
            )
        notices = {str(year): schedule.notice for year, schedule in schedules.items()}
        record("calendar.load", actor=actor, detail={"years": sorted(schedules), "notices": notices})
        log.info("calendar years loaded by %s: %s", actor or "console", sorted(schedules))
        service.notify_years_changed(schedules)
    return sorted(schedules)


def do_note_years_edited(years: set[int], actor=None) -> None:
    """Called after the admin saved or deleted years or their days (inside the admin's transaction)."""
    _check(actor)
    log.info("calendar years %s edited by %s", sorted(years), actor or "console")
    service.notify_years_changed(years)
