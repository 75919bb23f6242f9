"""/api/v1/matters: the list, one matter, its trace, and one POST per action.

Each action endpoint parses, finds the matter the caller may see, calls the matters action
function (which checks permission, unit scope and the state machine) and returns the matter.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Field, Path, Query, Router, Schema

from xiaoneng.api import schemas as s
from xiaoneng.api.errors import READ_ERRORS, WRITE_ERRORS, invalid_field
from xiaoneng.api.present import (
    events_out,
    get_matter,
    matter_out,
    sees_original_text,
    visible_matters,
    with_relations,
)
from xiaoneng.complaints.actions import do_reopen_complaint
from xiaoneng.matters import actions
from xiaoneng.matters.models import Matter
from xiaoneng.org.models import Unit

router = Router(tags=["matters"])

MAX_LIMIT = 100
MAX_OFFSET = 100_000
# Days far enough from year 1 and 9999 that turning them into times in any zone cannot overflow.
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(9000, 12, 31)


class MatterFilters(Schema):
    state: s.StateCode | None = None
    unit: str | None = Field(None, max_length=32, description="unit code; its sections are included")
    kind: str | None = Field(None, max_length=32, description="matter kind code")
    colour: s.ColourCode | None = None
    overdue: bool | None = Field(None, description="open with its deadline passed")
    created_from: datetime.date | None = Field(None, ge=EARLIEST, le=LATEST,
                                               description="received on or after this day")
    created_to: datetime.date | None = Field(None, ge=EARLIEST, le=LATEST,
                                             description="received on or before this day")
    text: str | None = Field(None, max_length=200, description="words in the title, or the number")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _filtered(matters: QuerySet[Matter], f: MatterFilters, user) -> QuerySet[Matter]:
    if f.state:
        matters = matters.filter(state=f.state)
    if f.colour:
        matters = matters.filter(colour=f.colour)
    if f.kind:
        matters = matters.filter(kind__code=f.kind)
    if f.unit:
        unit = Unit.objects.filter(code=f.unit).first()
        matters = matters.filter(unit__path__startswith=unit.path) if unit else matters.none()
    if f.overdue is not None:
        late = Q(red_on__lte=timezone.localdate())
        matters = matters.filter(late) if f.overdue else matters.exclude(late)
    if f.created_from:
        matters = matters.filter(received_at__gte=_day_start(f.created_from))
    if f.created_to:
        matters = matters.filter(received_at__lt=_day_start(f.created_to + datetime.timedelta(days=1)))
    if f.text and f.text.strip():
        text = f.text.strip()
        match = Q(title__icontains=text) | Q(public_id=text.upper())
        if sees_original_text(user):
            match |= Q(description__icontains=text)
        else:  # search what the caller reads: a redacted complaint's unit text, not its original
            unredacted = Q(complaint__isnull=True) | Q(complaint__unit_text="")
            match |= (unredacted & Q(description__icontains=text)) | Q(complaint__unit_text__icontains=text)
        matters = matters.filter(match)
    return matters


@router.get("/matters", response={200: s.MatterPage, **READ_ERRORS}, summary="List matters")
def list_matters(request, filters: Query[MatterFilters]):
    user = request.auth
    matters = _filtered(visible_matters(user), filters, user)
    page = with_relations(matters)[filters.offset:filters.offset + filters.limit]
    return {"count": matters.count(), "limit": filters.limit, "offset": filters.offset,
            "items": [matter_out(m, user) for m in page]}




def _public_id():
    return Path(..., max_length=40, pattern=r"^[0-9A-Za-z]+$", description="the matter’s public number")


@router.get("/matters/{id}", response={200: s.MatterOut, **READ_ERRORS}, summary="One matter")
def read_matter(request, id: str = _public_id()):
    return matter_out(get_matter(request.auth, id), request.auth)


@router.get("/matters/{id}/events", response={200: list[s.EventOut], **READ_ERRORS},
            summary="A matter's trace events, oldest first")
def list_matter_events(request, id: str = _public_id()):
    return events_out(get_matter(request.auth, id))


def _act(request, public_id: str, call: Callable[[Matter], object]) -> dict:
    user = request.auth
    matter = get_matter(user, public_id)
    call(matter)
    return matter_out(with_relations(Matter.objects.filter(pk=matter.pk)).get(), user)


def _unit(code: str, loc: list) -> Unit:
    unit = Unit.objects.current().filter(code=code).first()
    if unit is None:
        raise invalid_field(loc, gettext("No current unit has the code “%(code)s”.") % {"code": code})
    return unit


@router.post("/matters/{id}/assign", response={200: s.MatterOut, **WRITE_ERRORS}, summary="Assign (交办)")
def assign_matter(request, body: s.AssignIn, id: str = _public_id()):
    def call(matter: Matter) -> Matter:
        unit = _unit(body.unit, ["body", "unit"])
        co_units = [_unit(code, ["body", "co_units", i]) for i, code in enumerate(body.co_units)]
        return actions.do_assign_matter(matter, actor=request.auth, unit=unit, co_units=co_units,
                                        time_limit=body.time_limit, note=body.note)

    return _act(request, id, call)


@router.post("/matters/{id}/reply", response={200: s.MatterOut, **WRITE_ERRORS}, summary="Reply (办复)")
def reply_matter(request, body: s.ReplyIn, id: str = _public_id()):
    return _act(request, id, lambda m: actions.do_reply_matter(m, actor=request.auth, reply=body.reply))


@router.post("/matters/{id}/return", response={200: s.MatterOut, **WRITE_ERRORS},
             summary="Return to the center (退回)")
def return_matter(request, body: s.ReasonIn, id: str = _public_id()):
    return _act(request, id, lambda m: actions.do_return_matter(m, actor=request.auth, reason=body.reason))


@router.post("/matters/{id}/verify", response={200: s.MatterOut, **WRITE_ERRORS}, summary="Verify (核实)")
def verify_matter(request, body: s.VerifyIn, id: str = _public_id()):
    return _act(request, id, lambda m: actions.do_verify_matter(
        m, actor=request.auth, verdict=body.verdict, resolution=body.resolution, note=body.note))


@router.post("/matters/{id}/close", response={200: s.MatterOut, **WRITE_ERRORS}, summary="Close (办结)")
def close_matter(request, body: s.CloseIn, id: str = _public_id()):
    return _act(request, id, lambda m: actions.do_close_matter(
        m, actor=request.auth, resolution=body.resolution, outcome=body.outcome))


@router.post("/matters/{id}/reopen", response={200: s.MatterOut, **WRITE_ERRORS}, summary="Reopen (重办)")
def reopen_matter(request, body: s.ReopenIn, id: str = _public_id()):
    def call(matter: Matter) -> object:
        complaint = getattr(matter, "complaint", None)
        if complaint is not None:
            # A complaint's reopening also clears the reporter's rating and "needs attention".
            return do_reopen_complaint(complaint, actor=request.auth, reason=body.reason,
                                       time_limit=body.time_limit)
        return actions.do_reopen_matter(matter, actor=request.auth, reason=body.reason,
                                        time_limit=body.time_limit)

    return _act(request, id, call)


@router.post("/matters/{id}/urge", response={200: s.MatterOut, **WRITE_ERRORS}, summary="Urge (催办)")
def urge_matter(request, body: s.NoteIn, id: str = _public_id()):
    return _act(request, id, lambda m: actions.do_urge_matter(m, actor=request.auth, note=body.note))
