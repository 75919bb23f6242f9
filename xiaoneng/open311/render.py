"""GeoReport v2 answers in JSON or XML, chosen by the URL's extension, and its error format."""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

# A list under one of these keys becomes <key><child>…</child>…</key> in XML.
LIST_CHILDREN = {
    "services": "service", "attributes": "attribute", "values": "value", "service_requests": "request",
    "errors": "error", "endpoints": "endpoint", "formats": "format",
}
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def w3c(moment: datetime.datetime | None) -> str | None:
    """W3C/ISO 8601 with the local offset, e.g. 2026-11-23T09:30:00+08:00."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _json_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _fill(element: ET.Element, value) -> None:
    for key, item in value.items():
        child = ET.SubElement(element, key)
        if isinstance(item, dict):
            _fill(child, item)
        elif isinstance(item, list | tuple):
            _fill_list(child, LIST_CHILDREN[key], item)
        else:
            child.text = _text(item)


def _fill_list(element: ET.Element, child_name: str, items) -> None:
    for item in items:
        child = ET.SubElement(element, child_name)
        if isinstance(item, dict):
            _fill(child, item)
        else:
            child.text = _text(item)


def to_xml(root: str, payload) -> bytes:
    element = ET.Element(root)
    if isinstance(payload, list | tuple):
        _fill_list(element, LIST_CHILDREN[root], payload)
    else:
        _fill(element, payload)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def respond(fmt: str, root: str, payload, status: int = 200) -> HttpResponse:
    """`payload` is a list (of `root`'s children) or a dict (the fields of `root`)."""
    if fmt == "xml":
        body = to_xml(root, payload)
    else:
        body = json.dumps(_json_value(payload), ensure_ascii=False).encode("utf-8")
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return respond(fmt, "errors", [{"code": status, "description": str(description)}], status=status)
