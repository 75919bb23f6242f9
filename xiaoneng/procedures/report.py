"""The completeness report: per unit and period, which cases have missing, late or out-of-order traces.

It reads the trace itself, not only the CompletedStep rows, so a case imported or edited outside
the action functions is caught too.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from xiaoneng.calendar.service import add_workdays
from xiaoneng.org.models import Unit
from xiaoneng.procedures.models import CaseState, ProcedureCase
from xiaoneng.trace.models import Event


@dataclass
class CaseRow:
    case: ProcedureCase
    missing: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    out_of_order: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.late or self.out_of_order)


@dataclass
class Report:
    unit: Unit | None
    since: datetime.date
    until: datetime.date
    as_of: datetime.date
    rows: list[CaseRow]

    @property
    def flagged(self) -> list[CaseRow]:
        return [r for r in self.rows if not r.clean]

    def figures(self) -> dict[str, int]:
        return {
            "cases": len(self.rows),
            "completed": sum(r.case.state == CaseState.COMPLETED for r in self.rows),
            "missing": sum(bool(r.missing) for r in self.rows),
            "late": sum(bool(r.late) for r in self.rows),
            "out_of_order": sum(bool(r.out_of_order) for r in self.rows),
            "clean": sum(r.clean for r in self.rows),
        }


def _start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def cases_in(cases, since: datetime.date, until: datetime.date):
    end = _start(until + datetime.timedelta(days=1))
    return cases.filter(opened_at__gte=_start(since), opened_at__lt=end)


def _row(case: ProcedureCase, events: list[Event], as_of: datetime.date) -> CaseRow:
    row = CaseRow(case)
    steps = {s.order: s for s in case.template.steps.all()}
    seen: dict[int, Event] = {}
    last = 0
    for event in events:
        order = int(event.data.get("order", 0))
        name = steps[order].name if order in steps else str(order)
        if order <= last or order != last + 1:
            row.out_of_order.append(name)
        seen.setdefault(order, event)
        last = max(last, order)
        if event.data.get("late"):
            row.late.append(name)
    if case.state != CaseState.COMPLETED:
        pending = next((s for o, s in sorted(steps.items()) if o not in seen), None)
        if pending is not None and pending.time_limit_workdays is not None:
            previous = seen.get(pending.order - 1)
            if previous is not None or pending.order == min(steps):
                start = previous.at if previous is not None else case.opened_at
                if add_workdays(timezone.localdate(start), pending.time_limit_workdays) < as_of:
                    row.missing.append(pending.name)
    return row


def completeness_report(unit: Unit | None, since: datetime.date, until: datetime.date, *,
                        cases=None, as_of: datetime.date | None = None) -> Report:
    """Cases opened in [since, until] in the unit's subtree (all units when None), each checked."""
    as_of = as_of or timezone.localdate()
    cases = ProcedureCase.objects.all() if cases is None else cases
    if unit is not None:
        cases = cases.filter(unit__path__startswith=unit.path)
    cases = list(cases_in(cases, since, until).select_related("template", "unit")
                 .prefetch_related("template__steps").order_by("opened_at", "pk"))
    by_case: dict[int, list[Event]] = defaultdict(list)
    ct = ContentType.objects.get_for_model(ProcedureCase)
    ids = [c.pk for c in cases]
    for start in range(0, len(ids), 500):
        for event in Event.objects.filter(content_type=ct, object_id__in=ids[start:start + 500],
                                          kind="step_completed").order_by("object_id", "seq"):
            by_case[event.object_id].append(event)
    return Report(unit, since, until, as_of, [_row(c, by_case[c.pk], as_of) for c in cases])
