"""Importing an activity's participants from .xlsx: every row is checked first; with any error
nothing is written, otherwise all rows go in one transaction (xiaoneng.org.sheets does the cells).

`parse_sheet` is shared with the watchlist import of xiaoneng.enterprises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from xiaoneng.activities.models import Activity, Participant, Role
from xiaoneng.audit.log import record
from xiaoneng.org.imports import RowError
from xiaoneng.org.models import EnterpriseSize, Target, Zone
from xiaoneng.org.sheets import CellError, Column, column_lookup, normalise_header, parse_cell, read_rows
from xiaoneng.trace.chain import append_event

PARTICIPANT_COLUMNS = (
    Column("role", "角色", ("role",), "choice", required=True, choices=Role),
    Column("name", "名称", ("name",), required=True),
    Column("uscc", "统一社会信用代码", ("uscc", "credit code"), "code"),
    Column("amount", "金额（元）", ("amount", "amount (yuan)"), "decimal", default=None),
    Column("headcount", "人次", ("headcount", "person-times"), "int", default=1),
    Column("is_first_time", "首次参加", ("first time",), "bool", default=False),
    Column("size", "规模", ("size",), "choice", choices=EnterpriseSize),
    Column("is_industrial", "工业企业", ("industrial",), "bool", default=False),
    Column("is_above_scale", "规上企业", ("above scale",), "bool", default=False),
    Column("zone", "园区", ("zone",), "choice", choices=Zone),
    Column("note", "备注", ("note",)),
)
# Values taken from the enterprise record when the file has no such column.
FROM_TARGET = ("size", "is_industrial", "is_above_scale", "zone")


@dataclass
class SheetResult:
    rows: int = 0
    created: int = 0
    committed: bool = False
    errors: list[RowError] = field(default_factory=list)

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, str(message)))


def parse_sheet(
    stream: IO[bytes], columns: tuple[Column, ...], result: SheetResult
) -> tuple[list[tuple[int, dict[str, Any]]], set[str]]:
    """The rows as (row number, field -> value) and the fields present; errors go to `result`."""
    try:
        header_cells, data = read_rows(stream)
    except Exception:  # openpyxl raises many kinds for a file that is not .xlsx
        result.error(1, "", _("This is not a readable .xlsx file."))
        return [], set()
    lookup = column_lookup(columns)
    present: dict[int, Column] = {}
    for index, cell in enumerate(header_cells):
        text = str(cell or "").strip()
        if not text:
            continue
        column = lookup.get(normalise_header(text))
        if column is None:
            result.error(1, text, _("Unknown column."))
        elif column in present.values():
            result.error(1, text, _("This column appears twice."))
        else:
            present[index] = column
    for column in columns:
        if column.required and column not in present.values():
            result.error(1, column.header, _("This column is missing."))
    if result.errors:
        return [], set()
    rows = []
    for number, cells in data:
        values: dict[str, Any] = {}
        failed = False
        for index, column in present.items():
            try:
                values[column.field] = parse_cell(column, cells[index] if index < len(cells) else None)
            except CellError as problem:
                result.error(number, column.header, str(problem))
                failed = True
        if not failed:  # a row with a bad cell is not checked further
            rows.append((number, values))
    result.rows = len(data)
    return rows, {column.field for column in present.values()}


def import_participants(activity: Activity, stream: IO[bytes], *, actor, commit: bool) -> SheetResult:
    """Add the file's participants to the activity; a dry run unless `commit`."""
    from xiaoneng.activities.actions import check_manage

    check_manage(actor, activity.unit)
    result = SheetResult()
    rows, present = parse_sheet(stream, PARTICIPANT_COLUMNS, result)
    codes = {values.get("uscc") for _n, values in rows if values.get("uscc")}
    targets = {t.uscc: t for t in Target.objects.filter(uscc__in=codes)}
    participants = []
    for number, values in rows:
        code = values.pop("uscc", "") or ""
        target = targets.get(code.upper()) if code else None
        if code and target is None:
            result.error(number, "统一社会信用代码", _("No enterprise has this code."))
            continue
        if values.get("amount") is not None and values["amount"] < 0:
            result.error(number, "金额（元）", _("The amount cannot be negative."))
            continue
        if values.get("headcount", 1) < 1:
            result.error(number, "人次", _("Write a whole number of at least 1."))
            continue
        for name in FROM_TARGET:
            if name not in present and target is not None:
                values[name] = getattr(target, name)
        participants.append(Participant(activity=activity, target=target, **values))
    result.errors.sort(key=lambda error: error.row)
    if result.errors or not rows:
        return result
    if commit:
        with transaction.atomic():
            Participant.objects.bulk_create(participants)
            append_event(activity, "participants_imported", actor, {"rows": len(participants)})
            record(
                "activities.import.participants",
                actor=actor,
                target=activity,
                detail={"rows": len(participants)},
            )
        result.created, result.committed = len(participants), True
    return result
