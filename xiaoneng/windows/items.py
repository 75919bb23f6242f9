"""The service item catalogue as a spreadsheet: columns, import (all rows or none) and export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from xiaoneng.audit.log import record
from xiaoneng.matters import clock
from xiaoneng.org.models import Unit, UnitKind
from xiaoneng.org.sheets import (
    CellError,
    Column,
    column_lookup,
    export_cell,
    normalise_header,
    parse_cell,
    read_rows,
)
from xiaoneng.trace.chain import append_event
from xiaoneng.windows.actions import WindowError, check
from xiaoneng.windows.models import ServiceItem

ITEM_COLUMNS = (
    Column("code", "事项编码", ("code",), "code", required=True),
    Column("name", "事项名称", ("name",), required=True),
    Column("unit", "窗口编码", ("window", "window code", "unit"), "code", required=True),
    Column("legal_limit", "法定时限（工作日）", ("legal limit",), "int", default=0),
    Column("promised_limit", "承诺时限（工作日）", ("promised limit",), "int", default=0),
    Column("is_immediate", "即办件", ("immediate",), "bool", default=False),
    Column("materials", "申请材料", ("materials",)),
    Column("is_public", "公开", ("public",), "bool", default=True),
    Column("is_active", "受理中", ("active",), "bool", default=True),
)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


def _materials(text: str) -> str:
    parts = [p.strip() for p in text.replace("；", "\n").replace(";", "\n").splitlines()]
    return "\n".join(p for p in parts if p)


def parse_items(stream: IO[bytes]) -> tuple[list[dict], list[RowError]]:
    """Every row checked first: the values to write, or the row-level errors."""
    try:
        header, rows = read_rows(stream)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not .xlsx
        raise WindowError(_("The file is not an .xlsx spreadsheet."), "invalid_file") from None
    lookup = column_lookup(ITEM_COLUMNS)
    positions = {}
    for index, cell in enumerate(header):
        column = lookup.get(normalise_header(cell))
        if column:
            positions[column.field] = index
    missing = [c.header for c in ITEM_COLUMNS if c.required and c.field not in positions]
    if missing:
        raise WindowError(
            _("Columns missing: %(columns)s.") % {"columns": "、".join(missing)}, "missing_columns"
        )
    windows = {u.code: u for u in Unit.objects.filter(kind=UnitKind.WINDOW)}
    values, errors, seen = [], [], set()
    for number, row in rows:
        item, ok = {}, True
        for column in ITEM_COLUMNS:
            raw = (
                row[positions[column.field]]
                if column.field in positions and positions[column.field] < len(row)
                else None
            )
            try:
                item[column.field] = parse_cell(column, raw)
            except CellError as exc:
                errors.append(RowError(number, column.header, str(exc)))
                ok = False
        if not ok:
            continue
        if item["unit"] not in windows:
            errors.append(
                RowError(number, "窗口编码", _("No window has the code %(code)s.") % {"code": item["unit"]})
            )
            continue
        if item["code"] in seen:
            errors.append(
                RowError(number, "事项编码", _("The code %(code)s appears twice.") % {"code": item["code"]})
            )
            continue
        if item["promised_limit"] > item["legal_limit"] > 0:
            errors.append(
                RowError(number, "承诺时限（工作日）", _("The promised limit exceeds the legal limit."))
            )
            continue
        seen.add(item["code"])
        item["unit"] = windows[item["unit"]]
        item["materials"] = _materials(item["materials"])
        values.append(item)
    return values, errors


def do_import_items(stream: IO[bytes], *, actor, request=None) -> tuple[int, list[RowError]]:
    """Create or update items by code; with any row error nothing is written."""
    check(actor, "manage_items")
    values, errors = parse_items(stream)
    if errors:
        return 0, errors
    with transaction.atomic():
        for data in values:
            item, created = ServiceItem.objects.update_or_create(code=data.pop("code"), defaults=data)
            append_event(item, "imported", actor, {"created": created}, at=clock.now())
        record("windows.items_import", actor=actor, request=request, detail={"rows": len(values)})
    return len(values), []


def export_rows(items) -> tuple[list[str], list[list]]:
    headers = [c.header for c in ITEM_COLUMNS]
    rows = []
    for item in items:
        stored = {
            "code": item.code,
            "name": item.name,
            "unit": item.unit.code,
            "legal_limit": item.legal_limit,
            "promised_limit": item.promised_limit,
            "is_immediate": item.is_immediate,
            "materials": "；".join(item.material_list()),
            "is_public": item.is_public,
            "is_active": item.is_active,
        }
        rows.append([export_cell(c, stored[c.field]) for c in ITEM_COLUMNS])
    return headers, rows
