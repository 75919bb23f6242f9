"""The deadline scanner: warning colours, overdue marks and escalation for every registered model.

Each model with a `DeadlineMixin` registers once (in its AppConfig.ready) with the hooks that
record what happened (a trace event, a notice). A scan then asks the database only for rows
whose indexed scan date has come and whose colour or level is behind it, and handles them one
at a time: each row is claimed inside its own transaction by re-reading it with
SELECT ... FOR UPDATE SKIP LOCKED and the same conditions, so a row another worker holds is
skipped and a row another worker has just handled no longer matches. On SQLite, whose writers
are serialised by IMMEDIATE transactions, the re-read alone does the same. Scanning twice on
the same day changes nothing the second time.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from xiaoneng.matters import clock
from xiaoneng.matters.deadlines import Colour, DeadlineMixin

# on_colour(obj, old_colour, new_colour, today) and on_escalate(obj, new_level, today) are
# called inside the claiming transaction, after the row's fields are set and before it is saved.
ColourHook = Callable[[DeadlineMixin, str, str, datetime.date], None]
EscalateHook = Callable[[DeadlineMixin, int, datetime.date], None]
RecomputeHook = Callable[[DeadlineMixin, datetime.date | None, datetime.date], None]

BATCH = 500


@dataclass
class Registration:
    model: type[DeadlineMixin]
    on_colour: ColourHook | None = None
    on_escalate: EscalateHook | None = None
    on_recompute: RecomputeHook | None = None
    label: Callable[[DeadlineMixin], str] = field(default=str)


_registry: dict[str, Registration] = {}


def register(model: type[DeadlineMixin], *, on_colour: ColourHook | None = None,
             on_escalate: EscalateHook | None = None, on_recompute: RecomputeHook | None = None,
             label: Callable[[DeadlineMixin], str] = str) -> None:
    _registry[model._meta.label] = Registration(model, on_colour, on_escalate, on_recompute, label)


def registered() -> list[Registration]:
    return list(_registry.values())


@dataclass(frozen=True)
class Change:
    model: str
    pk: int
    label: str
    what: str

    def __str__(self) -> str:
        return f"{self.model} {self.label}: {self.what}"


def _due(today: datetime.date) -> list[Q]:
    return [
        Q(red_on__lte=today) & ~Q(colour=Colour.RED),
        Q(yellow_on__lte=today, colour=Colour.GREEN),
        Q(next_escalation_on__lte=today),
    ]


def _candidates(model: type[DeadlineMixin], condition: Q):
    """Primary keys matching `condition`, in batches by key: never the whole table at once."""
    last = 0
    while True:
        pks = list(
            model.objects.filter(condition, pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH]
        )
        yield from pks
        if len(pks) < BATCH:
            return
        last = pks[-1]


def _claim(model: type[DeadlineMixin], pk: int, condition: Q) -> DeadlineMixin | None:
    return (
        model.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(condition, pk=pk)
        .first()
    )


def _handle_colour(reg: Registration, obj: DeadlineMixin, today: datetime.date) -> Change | None:
    old = obj.colour
    new = Colour.RED if obj.red_on and today >= obj.red_on else Colour.YELLOW
    if new == old:
        return None
    obj.colour = new
    fields = ["colour"]
    if new == Colour.RED:
        obj.missed_deadline = True
        fields.append("missed_deadline")
    if reg.on_colour:
        reg.on_colour(obj, old, new, today)
    obj.save(update_fields=fields)
    return Change(reg.model._meta.label, obj.pk, reg.label(obj), f"{old} -> {new}")


def _handle_escalation(reg: Registration, obj: DeadlineMixin, today: datetime.date) -> Change | None:
    old = obj.escalation_level
    # A scanner that did not run for a while catches up level by level, each one recorded.
    while obj.next_escalation_on is not None and obj.next_escalation_on <= today:
        obj.escalation_level += 1
        obj.next_escalation_on = obj.escalation_day(obj.escalation_level)
        if reg.on_escalate:
            reg.on_escalate(obj, obj.escalation_level, today)
    obj.save(update_fields=["escalation_level", "next_escalation_on"])
    if obj.escalation_level == old:
        return None
    what = f"escalation {old} -> {obj.escalation_level}"
    return Change(reg.model._meta.label, obj.pk, reg.label(obj), what)


def scan(today: datetime.date | None = None) -> list[Change]:
    """One pass over every registered model; returns what changed."""
    today = today or clock.today()
    changes: list[Change] = []
    for reg in registered():
        red, yellow, escalate = _due(today)
        for condition, handler in ((red, _handle_colour), (yellow, _handle_colour),
                                   (escalate, _handle_escalation)):
            for pk in _candidates(reg.model, condition):
                with transaction.atomic():
                    obj = _claim(reg.model, pk, condition)
                    change = handler(reg, obj, today) if obj is not None else None
                if change:
                    changes.append(change)
    return changes


def recompute_provisional(years: set[int], today: datetime.date | None = None) -> list[Change]:
    """Recompute the provisional deadlines in `years` of running or paused clocks, now that the
    calendars of those years are known. A stopped clock keeps the deadline it was held to."""
    today = today or clock.today()
    changes: list[Change] = []
    condition = Q(deadline_provisional=True, deadline__year__in=sorted(years)) & (
        Q(red_on__isnull=False) | Q(paused_since__isnull=False)
    )
    for reg in registered():
        for pk in _candidates(reg.model, condition):
            with transaction.atomic():
                obj = _claim(reg.model, pk, condition)
                if obj is None:
                    continue
                old = obj.deadline
                obj.recompute_deadline(today)
                if reg.on_recompute and old != obj.deadline:
                    reg.on_recompute(obj, old, today)
                obj.save(update_fields=list(DeadlineMixin.DEADLINE_FIELDS))
            what = f"deadline {old} -> {obj.deadline}"
            changes.append(Change(reg.model._meta.label, pk, reg.label(obj), what))
    return changes
