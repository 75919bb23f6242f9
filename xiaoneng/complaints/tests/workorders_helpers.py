"""Small 12345 work-order files for the import tests, and the shipped samples."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import openpyxl
from django.conf import settings
from django.utils import timezone

SAMPLES = Path(settings.BASE_DIR).parent / "docs" / "samples"
SAMPLE_XLSX = SAMPLES / "12345-workorders.xlsx"
SAMPLE_JSON = SAMPLES / "12345-workorders.json"
# Every sample work order was received before this moment.
NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=timezone.get_fixed_timezone(480))

HEADERS = ["工单编号", "受理时间", "来电人", "联系电话", "诉求类型", "诉求内容", "事发地址", "承办单位",
           "办理时限", "是否保密"]


def order(ref: str = "GD001", **changes) -> dict:
    """One work order as a header -> value dict; keyword names are the English field names."""
    values = {
        "工单编号": ref, "受理时间": "2026-11-16 09:00", "来电人": "王先生", "联系电话": "13812345678",
        "诉求类型": "投诉", "诉求内容": "窗口工作人员态度恶劣。", "事发地址": "政务服务中心",
        "承办单位": "县交通运输局", "办理时限": "", "是否保密": "否",
    }
    names = dict(zip(("ref", "received", "name", "phone", "kind", "content", "address", "unit", "limit",
                      "secret"), HEADERS, strict=True))
    values.update({names.get(key, key): value for key, value in changes.items()})
    return values


def xlsx_file(orders: list[dict]) -> io.BytesIO:
    workbook = openpyxl.Workbook()
    headers = list(dict.fromkeys(key for item in orders for key in item)) or HEADERS
    workbook.active.append(headers)
    for item in orders:
        workbook.active.append([item.get(header) for header in headers])
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    return stream


def json_file(orders: list[dict]) -> io.BytesIO:
    return io.BytesIO(json.dumps(orders, ensure_ascii=False).encode())
