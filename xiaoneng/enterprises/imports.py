"""Importing key enterprises and projects onto the watchlist from .xlsx.

An enterprise is matched by its credit code, a project by its name; one not yet known is created
as a target (its credit code checked, GB 32100). Every row is checked first: with any error nothing
is written; otherwise all rows go in one transaction.
"""

from __future__ import annotations

import datetime
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiaoneng.activities.imports import SheetResult, parse_sheet
from xiaoneng.audit.log import record
from xiaoneng.enterprises.actions import NotPermitted
from xiaoneng.enterprises.models import WatchItem
from xiaoneng.org.access import can_see_unit
from xiaoneng.org.models import Target, TargetKind, Unit
from xiaoneng.org.sheets import Column
from xiaoneng.org.uscc import is_valid_uscc
from xiaoneng.trace.chain import append_event


class WatchKind:
    """Only enterprises and projects may be watched; the TextChoices shape parse_cell expects."""

    choices = [
        (TargetKind.ENTERPRISE, TargetKind.ENTERPRISE.label),
        (TargetKind.PROJECT, TargetKind.PROJECT.label),
    ]


WATCH_COLUMNS = (
    Column("kind", "类型", ("kind", "type"), "choice", required=True, choices=WatchKind),
    Column("name", "名称", ("name",), required=True),
    Column("uscc", "统一社会信用代码", ("uscc", "credit code"), "code"),
    Column("unit", "责任单位编码", ("unit", "unit code"), "code", required=True),
    Column("reason", "跟踪原因", ("reason",)),
    Column("town", "乡镇", ("town",)),
    Column("industry", "行业", ("industry",)),
)


def _target(kind: str, name: str, code: str) -> Target:
    if kind == TargetKind.ENTERPRISE:
        found = Target.objects.filter(uscc=code).first()
    else:
        found = Target.objects.filter(kind=kind, name=name).first()
    return found or Target(kind=kind, name=name, uscc=code or None)


def import_watchlist(stream: IO[bytes], *, actor, commit: bool, today: datetime.date) -> SheetResult:
    if actor is None or not actor.has_perm("enterprises.manage_watchlist"):
        raise NotPermitted(_("You may not do this."))
    result = SheetResult()
    rows, _present = parse_sheet(stream, WATCH_COLUMNS, result)
    units = {u.code: u for u in Unit.objects.filter(code__in={v.get("unit") for _n, v in rows})}
    plans: list[tuple[Target, Unit, dict]] = []
    seen: dict[tuple, int] = {}
    for number, values in rows:
        kind, name = values.get("kind"), values.get("name", "")
        code = (values.get("uscc") or "").upper()
        unit = units.get(values.get("unit", ""))
        if unit is None or not can_see_unit(actor, unit):
            result.error(number, "责任单位编码", _("No such unit among yours."))
            continue
        if kind == TargetKind.ENTERPRISE and not is_valid_uscc(code):
            result.error(number, "统一社会信用代码", _("Write a valid unified social credit code."))
            continue
        key = (kind, code or name)
        if key in seen:
            result.error(number, "名称", _("Same as row %(row)s.") % {"row": seen[key]})
            continue
        seen[key] = number
        target = _target(kind, name, code)
        plans.append((target, unit, values))
    result.errors.sort(key=lambda error: error.row)
    if result.errors or not rows:
        return result
    with transaction.atomic():
        for target, unit, values in plans:
            if target.pk is None:
                target.town, target.industry, target.is_key = (
                    values.get("town", ""),
                    values.get("industry", ""),
                    True,
                )
                try:
                    target.full_clean()
                except ValidationError as error:
                    result.error(0, "名称", "；".join(error.messages))
                    continue
                target.save()
            item, created = WatchItem.objects.update_or_create(
                target=target,
                defaults={
                    "unit": unit,
                    "reason": values.get("reason", ""),
                    "is_active": True,
                    "added_on": today,
                },
            )
            result.created += created
            append_event(item, "watched", actor, {"target": target.name, "unit": unit.code, "via": "import"})
        if result.errors or not commit:
            transaction.set_rollback(True)
            result.created = 0 if result.errors else result.created
        else:
            result.committed = True
            record(
                "enterprises.import.watchlist",
                actor=actor,
                detail={"rows": result.rows, "created": result.created},
            )
    return result
