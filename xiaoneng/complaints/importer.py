"""Importing work orders (工单) transferred from the 12345 hotline, from .xlsx or JSON.

Columns are found through the field mapping (workorder_mapping, docs/12345-import.md). Each
work order becomes a complaint on the "12345" channel with the work-order number as its
external_ref, so importing the same file again creates nothing: a known number is reported
"unchanged", or "exists" when the file now says something else (history is never
overwritten). The whole import runs in one transaction that is rolled back when any row
fails or when it is a dry run, so a dry run checks exactly what a real import would write.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.audit.log import record
from xiaoneng.calendar import service as workdays
from xiaoneng.complaints import identity as protect
from xiaoneng.complaints.actions import ComplaintError, do_file_complaint
from xiaoneng.complaints.models import Channel, Complaint
from xiaoneng.complaints.workorder_mapping import REQUIRED, Mapping, load_mapping
from xiaoneng.matters import clock
from xiaoneng.matters.actions import do_assign_matter
from xiaoneng.matters.transitions import MatterError, NotPermitted
from xiaoneng.org.access import sees_all_units
from xiaoneng.org.models import Unit
from xiaoneng.org.sheets import normalise_header, read_rows
from xiaoneng.trace.chain import events_for

FORMATS = ("xlsx", "json")
CHANNEL = Channel.HOTLINE_12345
TITLE_LENGTH = 40
MAX_REF_LENGTH = 64


class Status:
    NEW = "new"
    UNCHANGED = "unchanged"
    EXISTS = "exists"
    ERROR = "error"


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the file as a whole (unreadable, a column missing)
    column: str
    message: str

    def __str__(self) -> str:
        values = {"row": self.row, "column": self.column, "message": self.message}
        if self.row is None:
            if self.column:
                return _("File: %(column)s: %(message)s") % values
            return _("File: %(message)s") % values
        if self.column:
            return _("Row %(row)s: %(column)s: %(message)s") % values
        return _("Row %(row)s: %(message)s") % values


@dataclass
class RowOutcome:
    row: int
    external_ref: str
    status: str
    tracking_code: str = ""
    unit: str = ""


@dataclass
class WorkOrderResult:
    outcomes: list[RowOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def rows(self) -> int:
        return len(self.outcomes)

    @property
    def created(self) -> int:
        return self.count(Status.NEW)

    @property
    def unchanged(self) -> int:
        return self.count(Status.UNCHANGED)

    @property
    def exists(self) -> int:
        return self.count(Status.EXISTS)

    @property
    def assigned(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == Status.NEW and outcome.unit)

    def counts(self) -> dict[str, int]:
        return {"rows": self.rows, "created": self.created, "unchanged": self.unchanged,
                "exists": self.exists, "assigned": self.assigned, "errors": len(self.errors)}


class CellError(ValueError):
    """A cell cannot be understood; the message is for the user."""


def may_import(user) -> bool:
    """Only the center's staff and administrators: recording complaints and assigning them."""
    return (user.is_authenticated and user.has_perm("complaints.record_complaint")
            and user.has_perm("matters.assign_matter") and sees_all_units(user))


# --- reading the file ------------------------------------------------------------------------

def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # Excel turns typed numbers such as work-order numbers into floats
    return str(raw).strip()


def read_records(stream: IO[bytes], fmt: str) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """The column headers and the non-blank records with their row numbers (xlsx row, JSON position)."""
    if fmt == "xlsx":
        header_cells, data = read_rows(stream)
        headers = [_text(cell) for cell in header_cells]
        records = [(number, {h: cells[i] if i < len(cells) else None for i, h in enumerate(headers) if h})
                   for number, cells in data]
        return headers, records
    raw = stream.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")  # exports saved by Chinese Windows tools
    payload = json.loads(text)
    if isinstance(payload, dict):
        payload = next((payload[key] for key in ("workorders", "records", "rows", "data")
                        if isinstance(payload.get(key), list)), None)
    if not isinstance(payload, list) or not all(isinstance(item, dict) for item in payload):
        raise ValueError("not a list of work orders")
    headers = list(dict.fromkeys(str(key) for item in payload for key in item))
    return headers, [(number, {str(k): v for k, v in item.items()}) for number, item in enumerate(payload, 1)
                     if any(_text(value) for value in item.values())]


def detect_format(filename: str) -> str | None:
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    return suffix if suffix in FORMATS else None


# --- cells ------------------------------------------------------------------------------------

def parse_datetime(raw: Any) -> datetime.datetime:
    if isinstance(raw, datetime.datetime):
        moment = raw
    elif isinstance(raw, datetime.date):
        moment = datetime.datetime.combine(raw, datetime.time())
    else:
        text = _text(raw).replace("年", "-").replace("月", "-").replace("日", " ").replace("/", "-")
        text = re.sub(r"\s+", " ", text.replace(".", "-")).strip()
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise CellError(_("Write the time as YYYY-MM-DD HH:MM.")) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def parse_time_limit(raw: Any, received: datetime.datetime) -> int:
    """A number of working days ("5", "5个工作日"), or a date: the working days from the received date."""
    text = _text(raw)
    found = re.fullmatch(r"(\d{1,3})\s*(个)?\s*(工作日)?", text)
    if found:
        limit = int(found.group(1))
    else:
        try:
            due = parse_datetime(raw)
        except CellError:
            raise CellError(_("Write the time limit as a number of working days or a date.")) from None
        received_on = timezone.localdate(received)
        due_on = timezone.localdate(due)
        limit = workdays.workdays_between(received_on, due_on) if due_on > received_on else 0
    if limit < 1:
        raise CellError(_("The time limit must be at least one working day after the received date."))
    return limit


class _Importer:
    def __init__(self, mapping: Mapping, result: WorkOrderResult):
        self.mapping, self.result = mapping, result
        self.headers: dict[str, str] = {}  # field -> the header as written in the file
        self.units: dict[str, Unit | str] = {}  # cell text -> unit, or the error message

    def error(self, row: int | None, column: str, message: str) -> None:
        self.result.errors.append(RowError(row, column, str(message)))

    def resolve_columns(self, headers: list[str]) -> bool:
        present = {normalise_header(header): header for header in headers if header}
        for name, candidates in self.mapping.columns.items():
            found = next((present[normalise_header(c)] for c in candidates if normalise_header(c) in present),
                         None)
            if found:
                self.headers[name] = found
        for name in REQUIRED:
            if name not in self.headers:
                self.error(None, self.mapping.columns[name][0], _("This column is missing."))
        return not self.result.errors

    def column(self, name: str) -> str:
        return self.headers.get(name) or (self.mapping.columns.get(name) or [name])[0]

    def value_map(self, name: str, raw: Any, default: Any) -> Any:
        text = _text(raw)
        if not text:
            return default
        table = self.mapping.values.get(name, {})
        for source, target in table.items():
            if normalise_header(source) == normalise_header(text):
                return target
        if name != "confidential" and text in set(table.values()):  # the stored code itself
            return text
        accepted = "、".join(table)
        raise CellError(_("Unknown value %(value)s; use one of: %(accepted)s.") % {
            "value": text, "accepted": accepted})

    def unit(self, text: str) -> Unit:
        if text not in self.units:
            self.units[text] = self.find_unit(text)
        if isinstance(self.units[text], str):
            raise CellError(self.units[text])
        return self.units[text]

    @staticmethod
    def find_unit(text: str) -> Unit | str:
        """The current unit with this full name, short name or code; a unit since reformed
        (an old name in the hotline's list) gives its successor. A message when none or several."""
        for units in (Unit.objects.current(), Unit.objects.all()):
            for lookup in (Q(name=text), Q(short_name=text), Q(code=text)):
                matches = list(units.filter(lookup)[:2])
                if len(matches) == 1:
                    return matches[0].current_unit()
                if matches:
                    return _("More than one unit is called %(name)s; write its full name or code.") % {
                        "name": text}
        return _("No unit is called %(name)s.") % {"name": text}

    def cell(self, number: int, values: dict, name: str, parse) -> Any:
        raw = values.get(self.headers[name]) if name in self.headers else None
        try:
            return parse(raw)
        except CellError as problem:
            self.error(number, self.column(name), str(problem))
            return None

    def parse_row(self, number: int, values: dict) -> dict[str, Any] | None:
        before = len(self.result.errors)
        defaults = self.mapping.defaults

        def required(raw: Any) -> str:
            if not _text(raw):
                raise CellError(_("This column is required."))
            return _text(raw)

        def ref(raw: Any) -> str:
            text = required(raw)
            if len(text) > MAX_REF_LENGTH:
                raise CellError(_("The work-order number is too long."))
            return text

        def received(raw: Any) -> datetime.datetime:
            moment = parse_datetime(required(raw) if not isinstance(raw, datetime.date) else raw)
            if moment > timezone.now():
                raise CellError(_("The time lies in the future."))
            return moment

        def optional_unit(raw: Any) -> Unit | None:
            return self.unit(_text(raw)) if _text(raw) else None

        def mapped(name: str, default: Any):
            return lambda raw: self.value_map(name, raw, default)

        parsers = {
            "external_ref": ref, "received_at": received, "content": required, "title": _text,
            "name": _text, "phone": _text, "address": _text,
            "kind": mapped("kind", defaults["kind"]), "scope": mapped("scope", defaults["scope"]),
            "confidential": mapped("confidential", False),
            "occurred_on": lambda raw: parse_datetime(raw).date() if _text(raw) else None,
            "unit": optional_unit, "accused_unit": optional_unit,
        }
        row = {name: self.cell(number, values, name, parse) for name, parse in parsers.items()}
        if row["received_at"] is not None:
            row["time_limit"] = self.cell(number, values, "time_limit",
                                          lambda raw: parse_time_limit(raw, row["received_at"]) if _text(raw)
                                          else None)
        if len(self.result.errors) > before:
            return None
        return self.complete(row)

    def complete(self, row: dict[str, Any]) -> dict[str, Any]:
        """Derived values: title, description, category, the unit complained about, anonymity."""
        content = row["content"]
        row["title"] = (row["title"] or " ".join(content.split())[:TITLE_LENGTH].strip())[:200].strip()
        row["description"] = content
        if row["address"]:
            where = _("Address of the incident: %(address)s") % {"address": row["address"]}
            row["description"] += "\n\n" + where
        row["category"] = self.mapping.category_of(f"{row['title']}\n{content}")
        if row["accused_unit"] is None and row["kind"] == "complaint":
            row["accused_unit"] = row["unit"]
        # Real-name only with both name and phone, and never when the caller asked for confidentiality;
        # the identity is kept, encrypted, either way.
        row["anonymous"] = row["confidential"] or not (row["name"] and row["phone"])
        return row

    # --- writing ----------------------------------------------------------------------------

    def matches(self, complaint: Complaint, row: dict[str, Any]) -> bool:
        """Whether the stored complaint is what this row would create now."""
        matter = complaint.matter
        first = events_for(matter).filter(kind="assigned").first()
        assigned = first.data.get("unit") if first else None
        return (
            matter.title == row["title"] and matter.description == row["description"].strip()
            and matter.received_at == row["received_at"] and matter.kind.code == row["kind"]
            and complaint.category == row["category"] and complaint.scope == row["scope"]
            and complaint.accused_unit_id == (row["accused_unit"].pk if row["accused_unit"] else None)
            and complaint.occurred_on == row["occurred_on"] and complaint.anonymous == row["anonymous"]
            and complaint.phone_hash == protect.phone_hash(row["phone"])
            and assigned == (row["unit"].code if row["unit"] else None)
        )

    def create(self, number: int, row: dict[str, Any], actor) -> tuple[Complaint, bool] | None:
        try:
            # The work order's own time: its trace and deadline count from when 12345 received it.
            with transaction.atomic(), clock.as_of(row["received_at"]):
                complaint, secret = do_file_complaint(
                    category=row["category"], scope=row["scope"], description=row["description"],
                    title=row["title"], accused_unit=row["accused_unit"], occurred_on=row["occurred_on"],
                    anonymous=row["anonymous"], name=row["name"], phone=row["phone"], channel=CHANNEL,
                    actor=actor, kind_code=row["kind"], external_ref=row["external_ref"],
                    received_at=row["received_at"],
                )
                if not secret:  # do_file_complaint found it already filed: nothing to assign
                    return complaint, False
                if row["unit"] is not None:
                    note = _("Transferred by the 12345 hotline, work order %(ref)s.") % {
                        "ref": row["external_ref"]}
                    do_assign_matter(complaint.matter, actor=actor, unit=row["unit"],
                                     time_limit=row["time_limit"], note=note)
        except (ComplaintError, MatterError) as problem:
            self.error(number, "", str(problem))
            return None
        return complaint, True

    def import_row(self, number: int, values: dict, actor, seen: dict[str, int]) -> None:
        row = self.parse_row(number, values)
        if row is None:
            return
        ref = row["external_ref"]
        if ref in seen:
            message = _("Same work order as row %(row)s.") % {"row": seen[ref]}
            self.error(number, self.column("external_ref"), message)
            return
        seen[ref] = number
        outcome = RowOutcome(number, ref, Status.NEW, unit=row["unit"].name if row["unit"] else "")
        existing = (Complaint.objects.select_related("matter__kind")
                    .filter(channel=CHANNEL, external_ref=ref).first())
        if existing is not None:
            outcome.status = Status.UNCHANGED if self.matches(existing, row) else Status.EXISTS
            outcome.tracking_code = existing.tracking_code
        else:
            created = self.create(number, row, actor)
            if created is None:
                return
            complaint, is_new = created
            if not is_new:  # another import filed the same work order a moment ago
                outcome.status = Status.UNCHANGED if self.matches(complaint, row) else Status.EXISTS
            outcome.tracking_code = complaint.tracking_code
        self.result.outcomes.append(outcome)


def import_workorders(actor, stream: IO[bytes], fmt: str, *, commit: bool = False,
                      mapping: Mapping | None = None, request=None, filename: str = "") -> WorkOrderResult:
    """Check every work order and, when `commit` and none failed, import them all in one transaction.

    `actor=None` is the command line (no permission check); a user needs `may_import`.
    """
    if actor is not None and not may_import(actor):
        raise NotPermitted(_("You may not import work orders."))
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    mapping = mapping or load_mapping()
    result = WorkOrderResult()
    importer = _Importer(mapping, result)
    try:
        headers, records = read_records(stream, fmt)
    except Exception:  # openpyxl and json raise many kinds for a file that is not what it claims
        importer.error(None, "", _("This is not a readable %(format)s file.") % {"format": fmt.upper()})
        return result
    if not importer.resolve_columns(headers):
        return result
    with transaction.atomic():
        seen: dict[str, int] = {}
        for number, values in records:
            importer.import_row(number, values, actor, seen)
        result.errors.sort(key=lambda error: error.row or 0)
        if result.errors or not commit:
            transaction.set_rollback(True)
            for outcome in result.outcomes:  # codes of complaints that were rolled back never existed
                if outcome.status == Status.NEW:
                    outcome.tracking_code = ""
        else:
            result.committed = True
            record("data.import", actor=actor, request=request,
                   detail={"source": "12345", "format": fmt, "file": filename, **result.counts()})
    return result
