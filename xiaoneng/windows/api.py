"""/api/v1/windows/…: the queue machines' API (token-authenticated, like the rest of /api/v1/).

Mounted by one line in xiaoneng/api/main.py: `api.add_router("", windows_api.router)` (the paths
carry their own /windows prefix, like the matters and complaints routers).
A queue machine gets an account with the center_staff role (or unit_staff of its window) and
an API token (`xiaoneng api_token`); it sends `Authorization: Bearer xn_…`.

    POST /api/v1/windows/{window}/tickets          issue a ticket (optional enterprise USCC)
    POST /api/v1/windows/{window}/call             call the next ticket (green cards first)
    POST /api/v1/windows/tickets/{id}/served       mark a called ticket served
    POST /api/v1/windows/tickets/{id}/abandoned    mark a ticket abandoned (过号)
    GET  /api/v1/windows/{window}/queue            today's waiting tickets, in calling order

`{window}` is the window's unit code. Another unit's window answers 404, like a missing one.
Errors have the API's one shape ({"error": {"code", "message"}}).
"""

from __future__ import annotations

import datetime

from ninja import Field, Path, Router, Schema, Status

from xiaoneng.api.errors import READ_ERRORS, WRITE_ERRORS, ApiError, forbidden, not_found
from xiaoneng.matters import clock
from xiaoneng.org.access import can_see_unit
from xiaoneng.org.models import Target, Unit, UnitKind
from xiaoneng.windows import queue
from xiaoneng.windows.actions import WindowError, WindowNotFound, WindowNotPermitted
from xiaoneng.windows.models import QueueTicket

router = Router(tags=["windows"])
MAX_ID = 2**31 - 1  # larger ids cannot exist; refused as a validation error, never an overflow


class TicketIn(Schema):
    enterprise_uscc: str | None = Field(None, max_length=18, description="unified social credit code")


class CallIn(Schema):
    counter: str = Field("", max_length=20, description="the counter's label shown on the screen")


class TicketOut(Schema):
    id: int
    window: str
    number: str
    state: str
    green_card: bool
    issued_at: datetime.datetime
    called_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    counter: str
    wait_seconds: int | None


class CallOut(Schema):
    ticket: TicketOut | None


def _out(ticket: QueueTicket) -> dict:
    return {
        "id": ticket.pk,
        "window": ticket.unit.code,
        "number": ticket.number,
        "state": ticket.state,
        "green_card": ticket.green_card,
        "issued_at": ticket.issued_at,
        "called_at": ticket.called_at,
        "finished_at": ticket.finished_at,
        "counter": ticket.counter,
        "wait_seconds": ticket.wait_seconds,
    }


def _window(request, code: str) -> Unit:
    if len(code) > 32:
        raise not_found()
    unit = Unit.objects.filter(code=code, kind=UnitKind.WINDOW).first()
    if unit is None or not can_see_unit(request.user, unit):
        raise not_found()
    return unit


def _call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except WindowNotFound:
        raise not_found() from None
    except WindowNotPermitted:
        raise forbidden() from None
    except WindowError as exc:
        raise ApiError(exc.status if exc.status != 400 else 422, exc.code, str(exc.message)) from None


def _perm(request) -> None:
    if not request.user.has_perm("windows.operate_queue"):
        raise forbidden()


@router.post("/windows/{window}/tickets", response={201: TicketOut, **WRITE_ERRORS})
def issue_ticket(request, window: str, payload: TicketIn):
    _perm(request)
    unit = _window(request, window)
    enterprise = None
    if payload.enterprise_uscc:
        enterprise = Target.objects.filter(uscc=payload.enterprise_uscc.upper()).first()
    ticket = _call(queue.do_issue_ticket, unit, actor=request.user, enterprise=enterprise)
    return Status(201, _out(ticket))


@router.post("/windows/{window}/call", response={200: CallOut, **WRITE_ERRORS})
def call_next(request, window: str, payload: CallIn):
    _perm(request)
    unit = _window(request, window)
    ticket = _call(queue.do_call_next, unit, actor=request.user, counter=payload.counter)
    return {"ticket": _out(ticket) if ticket else None}


def _ticket(request, ticket_id: int) -> QueueTicket:
    _perm(request)
    ticket = QueueTicket.objects.select_related("unit").filter(pk=ticket_id).first()
    if ticket is None or not can_see_unit(request.user, ticket.unit):
        raise not_found()
    return ticket


@router.post("/windows/tickets/{ticket_id}/served", response={200: TicketOut, **WRITE_ERRORS})
def ticket_served(request, ticket_id: int = Path(..., ge=1, le=MAX_ID)):
    ticket = _call(queue.do_finish_ticket, _ticket(request, ticket_id), actor=request.user, served=True)
    return _out(ticket)


@router.post("/windows/tickets/{ticket_id}/abandoned", response={200: TicketOut, **WRITE_ERRORS})
def ticket_abandoned(request, ticket_id: int = Path(..., ge=1, le=MAX_ID)):
    ticket = _call(queue.do_finish_ticket, _ticket(request, ticket_id), actor=request.user, served=False)
    return _out(ticket)


@router.get("/windows/{window}/queue", response={200: list[TicketOut], **READ_ERRORS})
def window_queue(request, window: str):
    _perm(request)
    unit = _window(request, window)
    return [_out(t) for t in queue.waiting(unit, clock.today()).select_related("unit")[:200]]
