"""Tables as downloads: .xlsx (openpyxl) and CSV that Excel and WPS open with Chinese intact.

CSV is written as UTF-8 with a byte-order mark: without it Excel on Chinese Windows reads the
file as GBK and shows mojibake. Cells that a spreadsheet would run as a formula are quoted.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (int, float, decimal.Decimal, datetime.date)):
        return value
    return str(value)


def _safe_text(value: Any) -> Any:
    """Defuse formula injection in text cells (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _disposition(filename: str) -> str:
    from urllib.parse import quote

    ascii_name = filename.encode("ascii", "ignore").decode() or "export"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str = "Sheet1") -> bytes:
    book = Workbook(write_only=True)
    ws = book.create_sheet(title=str(sheet)[:31])
    widths = [max(8, len(str(h)) * 2 + 2) for h in headers]
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.append([str(h) for h in headers])
    for row in rows:
        ws.append([_safe_text(_plain(v)) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                  *, sheet: str = "Sheet1") -> HttpResponse:
    response = HttpResponse(xlsx_bytes(headers, rows, sheet=sheet), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    return response


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow([_safe_text(_plain(v)) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    response = HttpResponse(csv_bytes(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    return response
