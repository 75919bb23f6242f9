"""叫号: issuing, calling, serving and abandoning queue tickets; waits per window and hour.

A ticket row carries its own events as timestamps (issued_at, called_at, finished_at), so a
year of three million queue events is one million rows. Green-card enterprises are called
before everyone else waiting at the same window. Each step also appends a trace event.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext

from xiaoneng.matters import clock
from xiaoneng.org.models import Person, Target, Unit
from xiaoneng.trace.chain import append_event
from xiaoneng.windows import rollup
from xiaoneng.windows.actions import WindowConflict, WindowError, check, has_green_card
from xiaoneng.windows.models import QueueHour, QueueTicket, TicketState


def _prefix(unit: Unit) -> str:
    """The window's letter on its tickets: the first letter of its code (G is kept for green cards)."""
    letter = unit.code[:1].upper()
    return letter if letter.isascii() and letter.isalpha() and letter != "G" else "A"


def do_issue_ticket(
    unit: Unit, *, actor, enterprise: Target | None = None, at: datetime.datetime | None = None
) -> QueueTicket:
    """取号: the next number of the day at this window; green cards are marked for priority."""
    check(actor, "operate_queue", unit)
    at = at or clock.now()
    day = timezone.localtime(at).date()
    green = bool(enterprise and has_green_card(enterprise, day))
    for attempt in range(5):  # two machines issuing in the same instant: take the next number
        try:
            with transaction.atomic():
                count = QueueTicket.objects.filter(unit=unit, day=day).count() + attempt
                number = f"{'G' if green else _prefix(unit)}{count + 1:03d}"
                ticket = QueueTicket.objects.create(
                    unit=unit,
                    day=day,
                    number=number,
                    green_card=green,
                    enterprise=enterprise,
                    issued_at=at,
                    hour=timezone.localtime(at).hour,
                )
                append_event(ticket, "issued", actor, {"number": number, "green_card": green}, at=at)
                rollup.bump_queue(ticket, tickets=1)
            break
        except IntegrityError:
            continue
    else:
        raise WindowConflict(gettext("The queue is busy; try again."), "busy")
    return ticket


def waiting(unit: Unit, day: datetime.date):
    """Tickets still waiting, in the order they will be called: green cards first."""
    return QueueTicket.objects.filter(unit=unit, day=day, state=TicketState.ISSUED).order_by(
        "-green_card", "issued_at", "pk"
    )


def do_call_next(
    unit: Unit, *, actor, counter: str = "", staff: Person | None = None, at: datetime.datetime | None = None
) -> QueueTicket | None:
    """叫号: call the next waiting ticket to a counter; None when nobody is waiting."""
    check(actor, "operate_queue", unit)
    at = at or clock.now()
    with transaction.atomic():
        ticket = waiting(unit, timezone.localtime(at).date()).select_for_update().first()
        if ticket is None:
            return None
        ticket.state, ticket.called_at, ticket.counter = TicketState.CALLED, at, counter[:20]
        ticket.staff = staff or getattr(actor, "person", None)
        ticket.wait_seconds = max(0, int((at - ticket.issued_at).total_seconds()))
        ticket.save()
        rollup.bump_queue(ticket, called=1, wait_sum=ticket.wait_seconds)
        append_event(ticket, "called", actor, {"counter": ticket.counter}, at=at)
    return ticket


def do_finish_ticket(
    ticket: QueueTicket, *, actor, served: bool = True, at: datetime.datetime | None = None
) -> QueueTicket:
    """办理完毕 (served) or 过号 (abandoned: called and not there, or left while waiting)."""
    check(actor, "operate_queue", ticket.unit)
    at = at or clock.now()
    with transaction.atomic():
        ticket = QueueTicket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.state in (TicketState.SERVED, TicketState.ABANDONED):
            raise WindowConflict(gettext("This ticket is already finished."), "already_finished")
        if served and ticket.state != TicketState.CALLED:
            raise WindowError(gettext("Only a called ticket can be served."), "not_called")
        ticket.state = TicketState.SERVED if served else TicketState.ABANDONED
        ticket.finished_at = at
        ticket.save()
        if not served:
            rollup.bump_queue(ticket, abandoned=1)
        append_event(ticket, ticket.state, actor, {}, at=at)
    return ticket


@dataclass(frozen=True)
class WaitRow:
    unit_id: int
    hour: int
    tickets: int
    called: int
    abandoned: int
    avg_wait: float | None  # seconds

    @property
    def avg_wait_minutes(self) -> float | None:
        return None if self.avg_wait is None else round(self.avg_wait / 60, 1)


def waits(start: datetime.date, end: datetime.date, units=None) -> list[WaitRow]:
    """Tickets and average waits per window and hour of issue: one grouped query on `QueueHour`."""
    rows = QueueHour.objects.filter(day__gte=start, day__lte=end)
    if units is not None:
        rows = rows.filter(unit__in=units)
    rows = (
        rows.values("unit_id", "hour")
        .annotate(n=Sum("tickets"), c=Sum("called"), a=Sum("abandoned"), w=Sum("wait_sum"))
        .order_by("unit_id", "hour")
    )
    return [
        WaitRow(r["unit_id"], r["hour"], r["n"], r["c"], r["a"], (r["w"] / r["c"]) if r["c"] else None)
        for r in rows
    ]


def calling_screen(units, day: datetime.date, recent: int = 8) -> dict:
    """What the hall display shows: the latest calls and how many wait at each window."""
    called = list(
        QueueTicket.objects.filter(unit__in=units, day=day, called_at__isnull=False)
        .select_related("unit")
        .order_by("-called_at")[:recent]
    )
    counts = dict(
        QueueTicket.objects.filter(unit__in=units, day=day, state=TicketState.ISSUED)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    return {"called": called, "waiting": counts}
