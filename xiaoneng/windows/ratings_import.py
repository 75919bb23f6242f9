"""Ratings from the provincial 好差评 platform's .xlsx export, through a fixed column mapping.

| platform column | ours | notes |
|---|---|---|
| 评价编号 | Rating.external_ref | unique: a row already imported is skipped, so re-importing is harmless |
| 办件编号 | ServiceCase.number | must name a case of ours, completed |
| 评价等级 | Rating.level | 非常满意 5, 满意 4, 基本满意 3, 不满意 2, 非常不满意 1 (or the digit) |
| 评价时间 | Rating.rated_at | date or date and time |
| 服务态度, 办事效率, 办事指引, 业务水平, 服务环境 | Rating.dimensions | same words or digits; may be empty |
| 评价内容 | Rating.comment | |

Every row is checked first; any error and nothing is written. A bad rating imported opens its
rectification matter and return visit exactly as one given through the link.
"""

from __future__ import annotations

import datetime
from typing import IO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.audit.log import record
from xiaoneng.org.sheets import CellError, Column, column_lookup, normalise_header, parse_cell, read_rows
from xiaoneng.windows.actions import WindowError, check, import_rating
from xiaoneng.windows.items import RowError
from xiaoneng.windows.models import CaseState, Rating, ServiceCase

LEVEL_WORDS = {"非常满意": 5, "满意": 4, "基本满意": 3, "不满意": 2, "非常不满意": 1}
DIMENSION_COLUMNS = {
    "服务态度": "attitude",
    "办事效率": "efficiency",
    "办事指引": "guidance",
    "业务水平": "competence",
    "服务环境": "environment",
}
COLUMNS = (
    Column("external_ref", "评价编号", ("rating id",), "code", required=True),
    Column("case", "办件编号", ("case number",), "code", required=True),
    Column("level", "评价等级", ("level",), required=True),
    Column("rated_at", "评价时间", ("rated at",), required=True),
    Column("comment", "评价内容", ("comment",)),
    *(Column(key, header) for header, key in DIMENSION_COLUMNS.items()),
)


def _level(text) -> int:
    text = str(text).strip()
    if text in LEVEL_WORDS:
        return LEVEL_WORDS[text]
    if text in {"1", "2", "3", "4", "5"}:
        return int(text)
    raise CellError(_("Unknown rating level %(value)s.") % {"value": text})


def _when(raw) -> datetime.datetime:
    if isinstance(raw, datetime.datetime):
        value = raw
    elif isinstance(raw, datetime.date):
        value = datetime.datetime.combine(raw, datetime.time(12))
    else:
        try:
            value = datetime.datetime.fromisoformat(str(raw).strip().replace("/", "-"))
        except ValueError:
            raise CellError(_("Write the time as YYYY-MM-DD HH:MM.")) from None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def parse(stream: IO[bytes]) -> tuple[list[dict], list[RowError]]:
    try:
        header, rows = read_rows(stream)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not .xlsx
        raise WindowError(_("The file is not an .xlsx spreadsheet."), "invalid_file") from None
    lookup = column_lookup(COLUMNS)
    positions = {
        lookup[normalise_header(c)].field: i for i, c in enumerate(header) if normalise_header(c) in lookup
    }
    missing = [c.header for c in COLUMNS if c.required and c.field not in positions]
    if missing:
        raise WindowError(
            _("Columns missing: %(columns)s.") % {"columns": "、".join(missing)}, "missing_columns"
        )
    numbers = set()
    raw_rows = []
    for number, row in rows:
        cells = {f: (row[i] if i < len(row) else None) for f, i in positions.items()}
        raw_rows.append((number, cells))
        numbers.add(str(cells.get("case") or "").strip())
    cases = ServiceCase.objects.in_bulk(numbers, field_name="number")
    known = set(Rating.objects.filter(external_ref__isnull=False).values_list("external_ref", flat=True))
    values, errors, seen_cases = [], [], set()
    for number, cells in raw_rows:
        try:
            ref = parse_cell(COLUMNS[0], cells.get("external_ref"))
            case_no = parse_cell(COLUMNS[1], cells.get("case"))
            level = _level(parse_cell(COLUMNS[2], cells.get("level")))
            rated_at = _when(cells.get("rated_at"))
            dims = {
                key: _level(cells[key])
                for key in DIMENSION_COLUMNS.values()
                if cells.get(key) not in (None, "")
            }
        except CellError as exc:
            errors.append(RowError(number, "", str(exc)))
            continue
        if ref in known:
            continue
        case = cases.get(case_no)
        if case is None or case.state != CaseState.COMPLETED:
            errors.append(
                RowError(number, "办件编号", _("No completed case has the number %(n)s.") % {"n": case_no})
            )
            continue
        if case.rating_level is not None or case.pk in seen_cases:
            errors.append(RowError(number, "办件编号", _("Case %(n)s is already rated.") % {"n": case_no}))
            continue
        seen_cases.add(case.pk)
        values.append(
            {
                "case": case,
                "level": level,
                "dimensions": dims,
                "rated_at": rated_at,
                "comment": str(cells.get("comment") or "").strip(),
                "external_ref": ref,
            }
        )
    return values, errors


def do_import_ratings(stream: IO[bytes], *, actor, request=None) -> tuple[int, list[RowError]]:
    check(actor, "import_ratings")
    values, errors = parse(stream)
    if errors:
        return 0, errors
    with transaction.atomic():
        for data in values:
            import_rating(data.pop("case"), **data)
        record("windows.ratings_import", actor=actor, request=request, detail={"rows": len(values)})
    return len(values), []
