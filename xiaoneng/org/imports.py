"""Importing and exporting units, persons and targets as .xlsx, all rows or none.

`run_import` always does the whole import inside one transaction, then rolls it back
when any row failed or when it is a dry run: a dry run validates exactly what a real
import would write, including the database's own constraints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _

from xiaoneng.org import audit_hooks
from xiaoneng.org.actions import MANAGE_REFERENCE_DATA, require_perm
from xiaoneng.org.models import Person, Target, Unit, User
from xiaoneng.org.sheets import (
    COLUMNS,
    CellError,
    Column,
    column_lookup,
    normalise_header,
    parse_cell,
    read_rows,
    write_rows,
)
from xiaoneng.org.tree import tree_order

KINDS = tuple(COLUMNS)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.column}: {self.message}"


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    committed: bool = False
    errors: list[RowError] = field(default_factory=list)


@dataclass
class Row:
    number: int
    values: dict[str, Any]
    headers: dict[str, str]  # field -> header as written in the file
    columns: tuple[Column, ...] = ()
    ok: bool = True  # False once any error was found in this row

    def header(self, name: str) -> str:
        if name in self.headers:
            return self.headers[name]
        # A model error on a column the file does not have: name it by its usual header.
        return next((column.header for column in self.columns if column.field == name), name)


class _Importer:
    def __init__(self, kind: str, result: ImportResult):
        self.kind, self.result = kind, result
        self.failed_codes: set[str | None] = set()

    def error(self, row: Row | int, column: str, message: str) -> None:
        if isinstance(row, Row):
            row.ok = False
            number, header = row.number, row.header(column)
        else:
            number, header = row, column
        self.result.errors.append(RowError(number, header, str(message)))

    def parse(self, stream: IO[bytes]) -> list[Row]:
        try:
            header_cells, data = read_rows(stream)
        except Exception:  # openpyxl raises many kinds for a file that is not .xlsx
            self.error(1, "", _("This is not a readable .xlsx file."))
            return []
        columns: dict[int, Column] = {}
        headers: dict[str, str] = {}
        lookup = column_lookup(COLUMNS[self.kind])
        for index, cell in enumerate(header_cells):
            text = str(cell or "").strip()
            if not text:
                continue
            column = lookup.get(normalise_header(text))
            if column is None:
                self.error(1, text, _("Unknown column."))
            elif column.field in headers:
                self.error(1, text, _("This column appears twice."))
            else:
                columns[index], headers[column.field] = column, text
        for column in COLUMNS[self.kind]:
            if column.required and column.field not in headers:
                self.error(1, column.header, _("This column is missing."))
        if self.result.errors:
            return []
        rows = []
        for number, cells in data:
            row = Row(number, {}, headers, COLUMNS[self.kind])
            for index, column in columns.items():
                try:
                    cell = cells[index] if index < len(cells) else None
                    row.values[column.field] = parse_cell(column, cell)
                except CellError as problem:
                    self.error(row, column.field, str(problem))
            rows.append(row)
        self.result.rows = len(rows)
        return rows

    def duplicates(self, rows: list[Row], key, column: str) -> None:
        seen: dict[Any, int] = {}
        for row in rows:
            value = key(row)
            if value is None:
                continue
            if value in seen:
                self.error(row, column, _("Same as row %(row)s.") % {"row": seen[value]})
            else:
                seen[value] = row.number

    def save(self, row: Row, instance: models.Model, values: dict[str, Any], count: bool = True) -> bool:
        """Apply `values` to `instance`, validate and save it; False (with errors) when it fails."""
        created = instance.pk is None
        changed = created or not values or any(
            getattr(instance, name) != value for name, value in values.items()
        )
        for name, value in values.items():
            setattr(instance, name, value)
        if not changed:
            self.result.unchanged += count
            return True
        try:
            instance.full_clean()
            with transaction.atomic():
                instance.save()
        except ValidationError as problem:
            for name, messages in problem.message_dict.items():
                for message in messages:
                    self.error(row, "" if name == NON_FIELD_ERRORS else name, message)
            return False
        except DatabaseError:
            self.error(row, "", _("The database refused this row."))
            return False
        if not count:
            pass
        elif created:
            self.result.created += 1
        else:
            self.result.updated += 1
        return True

    def unit_ref(self, row: Row, column: str) -> Unit | None | bool:
        """The unit a code cell names, None when blank, False (with an error) when unknown."""
        code = row.values.get(column)
        if not code:
            return None
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            if code not in self.failed_codes:  # that row's own error says what is wrong
                self.error(row, column, _("No unit has the code %(code)s.") % {"code": code})
            row.ok = False
            return False
        return unit

    # --- units -------------------------------------------------------------------------------
    def import_units(self, rows: list[Row]) -> None:
        self.duplicates(rows, lambda row: row.values.get("code"), "code")
        by_code = {row.values["code"]: row for row in rows if row.values.get("code")}
        ordered: list[Row] = []
        state: dict[int, str] = {}

        def visit(row: Row) -> None:
            # Parents first: a parent that appears later in the file is placed before its children.
            if state.get(row.number) == "done":
                return
            if state.get(row.number) == "visiting":
                self.error(row, "parent", _("The parent codes form a loop."))
                return
            state[row.number] = "visiting"
            parent = by_code.get(row.values.get("parent"))
            if parent is row:
                self.error(row, "parent", _("A unit cannot be placed under itself."))
            elif parent is not None:
                visit(parent)
            state[row.number] = "done"
            ordered.append(row)

        for row in rows:
            visit(row)
        for row in ordered:
            if not row.ok:
                self.failed_codes.add(row.values.get("code"))
                continue
            values = {k: v for k, v in row.values.items() if k not in ("parent", "successor")}
            parent = self.unit_ref(row, "parent")
            if parent is False:
                self.failed_codes.add(values["code"])
                continue
            if "parent" in row.values:
                values["parent"] = parent
            unit = Unit.objects.filter(code=values["code"]).first() or Unit()
            if unit.pk is None and not values.get("short_name"):
                values["short_name"] = values["name"][:60]
            if not self.save(row, unit, values):
                self.failed_codes.add(values["code"])
        for row in ordered:
            if not row.ok or "successor" not in row.values:
                continue
            successor = self.unit_ref(row, "successor")
            unit = Unit.objects.get(code=row.values["code"])
            if successor is not False and unit.successor_id != (successor.pk if successor else None):
                unit.successor = successor
                self.save(row, unit, {}, count=False)

    # --- persons ------------------------------------------------------------------------------
    def import_persons(self, rows: list[Row]) -> None:
        self.duplicates(rows, lambda row: (row.values.get("unit"), row.values.get("name")), "name")
        for row in rows:
            unit = self.unit_ref(row, "unit") if row.ok else False
            if not row.ok or not unit:
                continue
            values = {**row.values, "unit": unit}
            person = Person.objects.filter(unit=unit, name=values["name"]).first() or Person()
            self.save(row, person, values)

    # --- targets ------------------------------------------------------------------------------
    @staticmethod
    def target_key(row: Row) -> tuple:
        uscc = row.values.get("uscc")
        return ("uscc", uscc) if uscc else ("name", row.values.get("kind"), row.values.get("name"))

    def import_targets(self, rows: list[Row]) -> None:
        for row in rows:
            if "uscc" in row.values:
                row.values["uscc"] = row.values["uscc"].upper() or None
        self.duplicates(rows, self.target_key, "uscc")
        for row in rows:
            if not row.ok:
                continue
            values = dict(row.values)
            if values.get("uscc"):
                target = Target.objects.filter(uscc=values["uscc"]).first()
            else:
                target = Target.objects.filter(uscc__isnull=True, kind=values["kind"],
                                               name=values["name"]).first()
            self.save(row, target or Target(), values)


def run_import(actor: User | None, kind: str, stream: IO[bytes], *, commit: bool = False,
               request=None) -> ImportResult:
    """Validate every row and, when `commit` and no row failed, import them all in one transaction."""
    require_perm(actor, MANAGE_REFERENCE_DATA)
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}")
    result = ImportResult(kind)
    importer = _Importer(kind, result)
    rows = importer.parse(stream)
    if not rows:  # a bad file or header, or a file with no data rows
        result.committed = commit and not result.errors
        return result
    with transaction.atomic():
        getattr(importer, f"import_{kind}")(rows)
        result.errors.sort(key=lambda error: error.row)
        if result.errors or not commit:
            transaction.set_rollback(True)
        else:
            result.committed = True
            audit_hooks.record(f"org.import.{kind}", actor=actor, request=request, detail={
                "rows": result.rows, "created": result.created, "updated": result.updated,
            })
    return result


def export_records(kind: str):
    """Stored values, one dict per record, in the order an import can read them back."""
    if kind == "units":
        for unit in tree_order(Unit.objects.select_related("parent", "successor")):
            yield {**_fields(unit), "parent": unit.parent.code if unit.parent else None,
                   "successor": unit.successor.code if unit.successor else None}
    elif kind == "persons":
        for person in Person.objects.select_related("unit").order_by("unit__code", "name", "pk").iterator():
            yield {**_fields(person), "unit": person.unit.code}
    elif kind == "targets":
        for target in Target.objects.order_by("kind", "name", "uscc", "pk").iterator():
            yield _fields(target)
    else:
        raise ValueError(f"unknown export kind {kind!r}")


def _fields(instance: models.Model) -> dict[str, Any]:
    return {f.name: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def run_export(kind: str, stream: IO[bytes]) -> int:
    return write_rows(stream, COLUMNS[kind], export_records(kind))
