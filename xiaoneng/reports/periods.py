"""Report periods: a month (2026-09), a quarter (2026-Q3), a year (2026) or any two dates."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


class BadPeriod(ValueError):
    """Not a period this parser knows."""


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # included
    code: str = ""  # 2026-Q3, 2026-09, 2026; empty for a custom range
    label: str = ""  # 2026年第三季度

    @classmethod
    def custom(cls, start: datetime.date, end: datetime.date) -> Period:
        if start > end:
            start, end = end, start
        return cls(start, end, "", f"{start.isoformat()} – {end.isoformat()}")


QUARTER_NAMES = "一二三四"


def parse(code: str) -> Period:
    code = (code or "").strip()
    if match := _QUARTER.match(code):
        year, quarter = int(match[1]), int(match[2])
        first = 3 * quarter - 2
        end = datetime.date(year, first + 2, calendar.monthrange(year, first + 2)[1])
        return Period(datetime.date(year, first, 1), end, f"{year}-Q{quarter}",
                      f"{year}年第{QUARTER_NAMES[quarter - 1]}季度")
    if match := _MONTH.match(code):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise BadPeriod(code)
        end = datetime.date(year, month, calendar.monthrange(year, month)[1])
        return Period(datetime.date(year, month, 1), end, f"{year}-{month:02d}", f"{year}年{month}月")
    if match := _YEAR.match(code):
        year = int(match[1])
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year), f"{year}年")
    raise BadPeriod(code)


def current_quarter(today: datetime.date) -> Period:
    return parse(f"{today.year}-Q{(today.month - 1) // 3 + 1}")


def recent(today: datetime.date) -> list[Period]:
    """The picker's choices: this quarter and the last, this month and the two before, this year."""
    quarter = current_quarter(today)
    last_quarter = current_quarter(quarter.start - datetime.timedelta(days=1))
    months, first = [], today.replace(day=1)
    for _step in range(3):
        months.append(parse(f"{first.year}-{first.month:02d}"))
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return [quarter, last_quarter, *months, parse(str(today.year))]
