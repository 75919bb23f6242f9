"""`xiaoneng calendar`: ask and load the working-day calendar.

    xiaoneng calendar add-workdays DATE N    the Nth working day after DATE (ISO; N may be negative)
    xiaoneng calendar is-workday DATE        yes (exit 0) or no (exit 1)
    xiaoneng calendar load FILE [--commit]   check a schedule file; store its years with --commit
    xiaoneng calendar show YEAR [--toml]     the year's holidays, adjusted working days and notice

Answers that rely on a year with no published schedule end in "provisional". Bad input exits 2
with the reason on stderr.
"""

from __future__ import annotations

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from xiaoneng.calendar import service
from xiaoneng.calendar.actions import do_load_schedules
from xiaoneng.calendar.schedule import ScheduleError, YearSchedule, day_ranges, load_file
from xiaoneng.calendar.workdays import FIRST_DAY, LAST_DAY, OutOfRange


def bad(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def parse_day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise bad(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-10-09") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise bad(f"{day} is outside the working-day calendar ({FIRST_DAY} to {LAST_DAY})")
    return day


def parse_count(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise bad(f"{text!r} is not a whole number of working days (e.g. 5 or -3)") from None


def parse_year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise bad(f"{text!r} is not a year (e.g. 2025)") from None
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise bad(f"{year} is outside the working-day calendar ({FIRST_DAY.year} to {LAST_DAY.year})")
    return year


class Command(BaseCommand):
    help = "Ask the working-day calendar, load a year's official schedule, or show a year."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        add = sub.add_parser("add-workdays", help="the Nth working day after DATE (before it if N < 0)")
        add.add_argument("date", metavar="DATE", help="ISO date, e.g. 2025-09-30")
        add.add_argument("n", metavar="N", help="working days; the start day never counts")
        ask = sub.add_parser("is-workday", help="yes (exit 0) or no (exit 1)")
        ask.add_argument("date", metavar="DATE")
        load = sub.add_parser("load", help="check a schedule file (docs/calendar.md); store it with --commit")
        load.add_argument("file", metavar="FILE")
        load.add_argument("--commit", action="store_true", help="store the years (otherwise a dry run)")
        show = sub.add_parser("show", help="a year's holidays, adjusted working days and notice")
        show.add_argument("year", metavar="YEAR")
        show.add_argument("--toml", action="store_true", help="print the year in the load file format")

    def handle(self, *args, action: str, **options) -> None:
        handler = {
            "add-workdays": self.add_workdays, "is-workday": self.is_workday,
            "load": self.load, "show": self.show,
        }[action]
        handler(**options)

    def add_workdays(self, date: str, n: str, **options) -> None:
        day, count = parse_day(date), parse_count(n)
        try:
            result, provisional = service.add_workdays_provisional(day, count)
        except OutOfRange as exc:
            raise bad(str(exc)) from None
        self.stdout.write(result.isoformat() + (" provisional" if provisional else ""))

    def is_workday(self, date: str, **options) -> None:
        day = parse_day(date)
        calendar = service.current_calendar()
        answer = "yes" if calendar.is_workday(day) else "no"
        self.stdout.write(answer + (" provisional" if calendar.is_provisional(day) else ""))
        if answer == "no":
            self.stdout.flush()
            sys.exit(1)

    def load(self, file: str, commit: bool, **options) -> None:
        try:
            schedules = load_file(file)
        except ScheduleError as exc:
            raise bad(str(exc)) from None
        in_db = set(service.database_schedules())
        shipped = set(service.shipped())
        for year, schedule in sorted(schedules.items()):
            was = ("replaces the year loaded earlier" if year in in_db
                   else "replaces the shipped schedule" if year in shipped else "new year")
            self.stdout.write(
                f"{year}: {len(schedule.holidays)} holidays, {len(schedule.off_days)} days off, "
                f"{len(schedule.workdays)} weekend days worked ({was})\n      {schedule.notice}"
            )
        if not commit:
            self.stdout.write("Dry run: the file is valid and nothing was saved. "
                              "Run again with --commit to load it.")
            return
        years = do_load_schedules(schedules)
        self.stdout.write(f"Loaded {len(years)} year(s): {', '.join(map(str, years))}.")

    def show(self, year: str, toml: bool, **options) -> None:
        number = parse_year(year)
        schedule: YearSchedule | None = service.effective_schedules().get(number)
        if schedule is None:
            self.stdout.write(f"{number}: no published schedule loaded; counted on weekends alone "
                              "(provisional).")
            return
        if toml:
            self.stdout.write(schedule.to_toml())
            return
        source = "database" if number in service.database_schedules() else "shipped"
        self.stdout.write(f"{number} ({source})")
        for notice in schedule.notices:
            self.stdout.write(f"  notice: {notice}")
        self.stdout.write("  holidays (days off):")
        for name, days in schedule.holidays.items():
            count = f"{len(days)} day" + ("s" if len(days) > 1 else "")
            self.stdout.write(f"    {name}: {', '.join(day_ranges(days))} ({count})")
        worked = ", ".join(f"{d.isoformat()} ({d.strftime('%a')})" for d in schedule.workdays) or "none"
        self.stdout.write(f"  adjusted working days (调休上班): {worked}")
