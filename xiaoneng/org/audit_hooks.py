"""The organisation's audit calls go through here.

`xiaoneng.audit.record` is looked up at call time so that the organisation works
(and its tests run) whether or not the audit app provides it yet.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any


def record(action: str, *, actor=None, request=None, target=None,
           detail: dict[str, Any] | None = None) -> None:
    try:
        audit = import_module("xiaoneng.audit")
    except ImportError:
        return
    record_fn = getattr(audit, "record", None)
    if record_fn is None:
        return
    record_fn(action, actor=actor, request=request, target=target, detail=detail)
