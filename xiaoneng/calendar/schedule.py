"""Reading and checking yearly schedules (放假安排) from the plain TOML format.

Pure Python, no Django: the shipped data, `xiaoneng calendar load FILE` and the tests all
read schedules through `parse_schedules`. The format is documented in docs/calendar.md.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "cn-official.toml"

YEAR_KEYS = {"notice", "other_notices", "workdays", "holidays"}
FIRST_YEAR, LAST_YEAR = 1990, 2200


class ScheduleError(ValueError):
    """A schedule file is not valid; the message names the line and field."""


@dataclass(frozen=True)
class YearSchedule:
    """One calendar year's official schedule: the days off by holiday and the weekend days worked."""

    year: int
    notice: str
    holidays: dict[str, tuple[date, ...]] = field(default_factory=dict)
    workdays: tuple[date, ...] = ()
    other_notices: tuple[str, ...] = ()

    @property
    def off_days(self) -> frozenset[date]:
        return frozenset(day for days in self.holidays.values() for day in days)

    @property
    def notices(self) -> tuple[str, ...]:
        return (self.notice, *self.other_notices)

    def to_toml(self) -> str:
        """This schedule in the file format, one table (used by `calendar show --toml`)."""
        lines = [f"[{self.year}]", f"notice = {_quote(self.notice)}"]
        if self.other_notices:
            lines.append("other_notices = [" + ", ".join(_quote(n) for n in self.other_notices) + "]")
        lines.append("workdays = [" + ", ".join(d.isoformat() for d in sorted(self.workdays)) + "]")
        lines += ["", f"[{self.year}.holidays]"]
        for name, days in self.holidays.items():
            lines.append(f"{_quote(name)} = [" + ", ".join(_quote(r) for r in day_ranges(days)) + "]")
        return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def day_ranges(days: Iterable[date]) -> list[str]:
    """Consecutive days as "first..last" strings (a lone day as its ISO date)."""
    out: list[list[date]] = []
    for day in sorted(days):
        if out and day - out[-1][1] == timedelta(days=1):
            out[-1][1] = day
        else:
            out.append([day, day])
    return [a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}" for a, b in out]


def load_file(path: Path | str) -> dict[int, YearSchedule]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScheduleError(f"{path}: cannot read: {exc}") from None
    return parse_schedules(text, source=str(path))


def shipped_schedules() -> dict[int, YearSchedule]:
    return load_file(SHIPPED_FILE)


def parse_schedules(text: str, source: str = "<text>") -> dict[int, YearSchedule]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleError(f"{source}: not valid TOML: {exc}") from None
    locate = _Locator(text, source)
    schedules: dict[int, YearSchedule] = {}
    for key, table in data.items():
        if not re.fullmatch(r"\d{4}", key):
            raise ScheduleError(f"{locate(key)}: [{key}] is not a year (name tables by year: [2027])")
        year = int(key)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ScheduleError(f"{locate(key)}: year {year} is outside {FIRST_YEAR}–{LAST_YEAR}")
        if not isinstance(table, dict):
            raise ScheduleError(f"{locate(key)}: {key} must be a table [{key}]")
        schedules[year] = _parse_year(year, table, locate)
    if not schedules:
        raise ScheduleError(f"{source}: no year tables found")
    return schedules


class _Locator:
    """Best-effort "file:line" for a field, found by searching the text after the year's table."""

    def __init__(self, text: str, source: str) -> None:
        self.lines = text.splitlines()
        self.source = source

    def __call__(self, year: str, needle: str | None = None) -> str:
        start = next((i for i, line in enumerate(self.lines)
                      if re.match(rf"\s*\[\s*\"?{year}\"?\s*[\].]", line)), 0)
        if needle is not None:
            for i in range(start, len(self.lines)):
                if needle in self.lines[i]:
                    return f"{self.source}:{i + 1}"
        return f"{self.source}:{start + 1}"


def _parse_year(year: int, table: dict, locate: _Locator) -> YearSchedule:
    y = str(year)
    unknown = sorted(set(table) - YEAR_KEYS)
    if unknown:
        raise ScheduleError(f"{locate(y, unknown[0])}: [{year}] unknown key {unknown[0]!r}; "
                            f"allowed: {', '.join(sorted(YEAR_KEYS))}")
    notice = table.get("notice")
    if not isinstance(notice, str) or not notice.strip():
        raise ScheduleError(f"{locate(y, 'notice')}: [{year}].notice is required: the State Council "
                            "notice the schedule comes from")
    others = table.get("other_notices", [])
    if not isinstance(others, list) or not all(isinstance(n, str) and n.strip() for n in others):
        raise ScheduleError(f"{locate(y, 'other_notices')}: [{year}].other_notices must be a list of strings")
    holidays_table = table.get("holidays", {})
    if not isinstance(holidays_table, dict):
        raise ScheduleError(f"{locate(y, 'holidays')}: [{year}].holidays must be a table [{year}.holidays]")
    holidays: dict[str, tuple[date, ...]] = {}
    seen_off: dict[date, str] = {}
    for name, value in holidays_table.items():
        where = f"[{year}.holidays].{name!r}"
        days = _days(value, year, where, locate, name)
        if not days:
            raise ScheduleError(f"{locate(y, name)}: {where} lists no days")
        for day in days:
            if day in seen_off:
                raise ScheduleError(f"{locate(y, name)}: {where}: {day} is also listed under "
                                    f"{seen_off[day]!r}")
            seen_off[day] = name
        holidays[name] = tuple(sorted(days))
    raw_workdays = table.get("workdays", [])
    if not isinstance(raw_workdays, list):
        raise ScheduleError(f"{locate(y, 'workdays')}: [{year}].workdays must be a list of dates")
    workdays: list[date] = []
    for index, value in enumerate(raw_workdays):
        where = f"[{year}].workdays[{index}]"
        if not isinstance(value, date):
            raise ScheduleError(f"{locate(y, 'workdays')}: {where} = {value!r} is not a date (2027-02-07)")
        _check_in_year(value, year, where, locate, "workdays")
        if value.weekday() < 5:
            raise ScheduleError(f"{locate(y, value.isoformat())}: {where} = {value} is a "
                                f"{value.strftime('%A')}: adjusted working days (调休上班) are weekend days")
        if value in seen_off:
            raise ScheduleError(f"{locate(y, value.isoformat())}: {where} = {value} is listed both as a "
                                f"working day and as a day off under {seen_off[value]!r}")
        if value in workdays:
            raise ScheduleError(f"{locate(y, value.isoformat())}: {where} = {value} is listed twice")
        workdays.append(value)
    return YearSchedule(year=year, notice=notice.strip(), holidays=holidays,
                        workdays=tuple(sorted(workdays)), other_notices=tuple(n.strip() for n in others))


def _days(value, year: int, where: str, locate: _Locator, name: str) -> list[date]:
    items = value if isinstance(value, list) else [value]
    days: list[date] = []
    for item in items:
        if isinstance(item, date) and not hasattr(item, "hour"):
            found = [item]
        elif isinstance(item, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", item):
            try:
                found = [date.fromisoformat(item.strip())]
            except ValueError:
                raise ScheduleError(f"{locate(str(year), name)}: {where}: {item!r} is not a date") from None
        elif isinstance(item, str) and (m := re.fullmatch(r"\s*(\S+)\s*\.\.\s*(\S+)\s*", item)):
            try:
                first, last = date.fromisoformat(m[1]), date.fromisoformat(m[2])
            except ValueError:
                raise ScheduleError(f"{locate(str(year), name)}: {where}: {item!r} is not a range of "
                                    "ISO dates (write \"2027-02-05..2027-02-11\")") from None
            if last < first:
                raise ScheduleError(f"{locate(str(year), name)}: {where}: {item!r} ends before it starts")
            found = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        else:
            raise ScheduleError(f"{locate(str(year), name)}: {where}: {item!r} is neither a date nor a "
                                "\"first..last\" range")
        for day in found:
            _check_in_year(day, year, where, locate, name)
            if day in days:
                raise ScheduleError(f"{locate(str(year), name)}: {where}: {day} is listed twice")
            days.append(day)
    return days


def _check_in_year(day: date, year: int, where: str, locate: _Locator, needle: str) -> None:
    if day.year != year:
        raise ScheduleError(f"{locate(str(year), needle)}: {where}: {day} is outside {year} "
                            f"(list it in the table [{day.year}])")
