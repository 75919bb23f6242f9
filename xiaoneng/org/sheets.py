"""Spreadsheet columns of units, persons and targets, and reading and writing their cells.

Exported files carry the Chinese headers and labels; imports accept the Chinese
header, the English field name or label, and for choices the stored value, the
English label or the Chinese label. See docs/org.md for the column tables.
"""

from __future__ import annotations

import datetime
import decimal
from dataclasses import dataclass
from typing import IO, Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from xiaoneng.org.models import EnterpriseSize, Position, TargetKind, UnitKind, Zone

TRUE_WORDS = {"1", "true", "yes", "y", "是", "√", "✓", "x", "有"}
FALSE_WORDS = {"0", "false", "no", "n", "否", "", "无"}


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # the Chinese header written on export
    aliases: tuple[str, ...] = ()  # accepted as well, e.g. English names
    type: str = "text"  # text, code, bool, date, int, decimal, choice
    required: bool = False
    choices: type[models.TextChoices] | None = None
    default: Any = ""


UNIT_COLUMNS = (
    Column("code", "编码", ("code",), "code", required=True),
    Column("name", "全称", ("name", "full name"), required=True),
    Column("short_name", "简称", ("short name",)),
    Column("kind", "类型", ("kind", "type"), "choice", required=True, choices=UnitKind),
    Column("parent", "上级编码", ("parent", "parent code"), "code"),
    Column("is_key", "重点单位", ("key", "key unit"), "bool", default=False),
    Column("sort_order", "排序", ("order", "sort order"), "int", default=0),
    Column("valid_from", "启用日期", ("valid from",), "date", default=datetime.date(2000, 1, 1)),
    Column("valid_to", "终止日期", ("valid to",), "date", default=None),
    Column("successor", "继任单位编码", ("successor", "successor code"), "code"),
)
PERSON_COLUMNS = (
    Column("name", "姓名", ("name",), required=True),
    Column("unit", "单位编码", ("unit", "unit code"), "code", required=True),
    Column("position", "职位", ("position",), "choice", required=True, choices=Position),
    Column("title", "职务", ("title",)),
    Column("phone", "电话", ("phone",), "code"),
    Column("is_active", "在职", ("active",), "bool", default=True),
)
TARGET_COLUMNS = (
    Column("kind", "类型", ("kind", "type"), "choice", required=True, choices=TargetKind),
    Column("name", "名称", ("name",), required=True),
    Column("uscc", "统一社会信用代码", ("uscc", "credit code", "unified social credit code"), "code"),
    Column("town", "乡镇", ("town",)),
    Column("address", "地址", ("address",)),
    Column("contact", "联系人", ("contact", "contact person")),
    Column("phone", "电话", ("phone",), "code"),
    Column("industry", "行业", ("industry",)),
    Column("size", "规模", ("size",), "choice", choices=EnterpriseSize),
    Column("is_industrial", "工业企业", ("industrial",), "bool", default=False),
    Column("is_above_scale", "规上企业", ("above scale", "above designated scale"), "bool", default=False),
    Column("zone", "园区", ("zone",), "choice", choices=Zone),
    Column("investment", "投资额（元）", ("investment", "investment (yuan)"), "decimal", default=None),
    Column("is_key", "重点对象", ("key", "key target"), "bool", default=False),
)
COLUMNS = {"units": UNIT_COLUMNS, "persons": PERSON_COLUMNS, "targets": TARGET_COLUMNS}


class CellError(ValueError):
    """A cell's content cannot be understood; the message is shown to the user."""


def normalise_header(text: Any) -> str:
    return "".join(str(text or "").split()).replace("_", "").replace("(", "（").replace(")", "）").lower()


def column_lookup(columns: tuple[Column, ...]) -> dict[str, Column]:
    lookup = {}
    for column in columns:
        for name in (column.header, column.field, *column.aliases):
            lookup[normalise_header(name)] = column
    return lookup


def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # Excel turns typed codes like 1001 into numbers
    return str(raw).strip()


def choice_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    lookup = {}
    for value, label in choices.choices:
        lookup[value.lower()] = value
        for language in ("en", "zh-hans"):
            with translation.override(language):
                lookup[str(label).lower()] = value
    return lookup


def parse_cell(column: Column, raw: Any) -> Any:
    """The Python value of one cell, or CellError with a translated message."""
    text = _text(raw)
    if text == "" and not isinstance(raw, datetime.date):
        if column.required:
            raise CellError(_("This column is required."))
        return column.default
    if column.type in ("text", "code"):
        return text
    if column.type == "bool":
        if isinstance(raw, bool):
            return raw
        if text.lower() in TRUE_WORDS:
            return True
        if text.lower() in FALSE_WORDS:
            return False
        raise CellError(_("Write 是 or 否 (yes or no)."))
    if column.type == "choice":
        value = choice_lookup(column.choices).get(text.lower())
        if value is None:
            labels = "、".join(str(label) for _value, label in column.choices.choices if _value)
            raise CellError(_("Unknown value %(value)s; use one of: %(labels)s.") % {
                "value": text, "labels": labels})
        return value
    if column.type == "date":
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        try:
            return datetime.date.fromisoformat(text.replace("/", "-").replace(".", "-"))
        except ValueError:
            raise CellError(_("Write the date as YYYY-MM-DD.")) from None
    if column.type == "int":
        try:
            return int(text)
        except ValueError:
            raise CellError(_("Write a whole number.")) from None
    if column.type == "decimal":
        try:
            return decimal.Decimal(text.replace(",", "")).quantize(decimal.Decimal("0.01"))
        except decimal.InvalidOperation:
            raise CellError(_("Write a number.")) from None
    raise AssertionError(column.type)


def export_cell(column: Column, value: Any) -> Any:
    """The cell written on export for a stored value; parse_cell reads it back unchanged."""
    if value is None or value == "":
        return None
    if column.type == "bool":
        return "是" if value else "否"
    if column.type == "choice":
        with translation.override("zh-hans"):
            return str(column.choices(value).label)
    if column.type == "decimal":
        return value
    return value


def read_rows(stream: IO[bytes]) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """The header cells and the non-blank data rows (with their spreadsheet row numbers)."""
    import openpyxl

    workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    try:
        rows = workbook.active.iter_rows(values_only=True)
        header = list(next(rows, None) or [])
        data = []
        for number, row in enumerate(rows, start=2):
            if any(_text(cell) for cell in row):
                data.append((number, list(row)))
        return header, data
    finally:
        workbook.close()


def write_rows(stream: IO[bytes], columns: tuple[Column, ...], records) -> int:
    """Write the header and one row per record (a dict of field -> stored value)."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([column.header for column in columns])
    count = 0
    for record in records:
        sheet.append([export_cell(column, record.get(column.field)) for column in columns])
        count += 1
    workbook.save(stream)
    return count
