"""What the API reads and writes. No schema has a field for a reporter's identity."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from xiaoneng.matters.deadlines import Colour
from xiaoneng.matters.models import Resolution, State, Verdict

StateCode = Literal[tuple(State.values)]
ColourCode = Literal[tuple(Colour.values)]
VerdictCode = Literal[tuple(Verdict.values)]
ResolutionCode = Literal[tuple(Resolution.values)]
ClosingResolution = Literal[tuple(v for v in Resolution.values if v)]



def _code():
    return Field(..., min_length=1, max_length=32)


def _text():
    return Field(..., min_length=1, max_length=10_000)


def _optional_text():
    return Field("", max_length=10_000)


def _workdays():
    return Field(None, ge=1, le=60)


class ComplaintInfo(Schema):
    """The complaint a matter carries, without who filed it."""

    category: str
    scope: str
    channel: str
    anonymous: bool
    occurred_on: datetime.date | None
    accused_unit: str | None
    duplicate_of: str | None = Field(..., description="public id of the original matter")
    is_public: bool
    satisfaction: str


class MatterOut(Schema):
    id: str = Field(..., description="the matter's public number, never the database key")
    kind: str
    kind_name: str
    source: str
    title: str
    description: str
    state: StateCode
    state_label: str
    unit: str | None
    unit_name: str | None
    co_units: list[str]
    received_at: datetime.datetime
    deadline: datetime.date | None
    deadline_provisional: bool
    colour: ColourCode
    overdue: bool
    escalation_level: int
    verdict: str
    resolution: str
    reason: str
    reply: str
    replied_at: datetime.datetime | None
    outcome: str
    closed_at: datetime.datetime | None
    actions: list[str] = Field(..., description="what the caller may do with the matter now")
    complaint: ComplaintInfo | None


class MatterPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[MatterOut]


class EventOut(Schema):
    seq: int
    kind: str
    label: str
    at: datetime.datetime
    actor: str | None
    data: dict[str, Any]
    attachments: int


class BodyIn(Schema):
    """A request body: a JSON object with only the documented fields, so a misspelt field is an
    error rather than silently ignored (and ninja validates the raw object, not its attributes)."""

    model_config = ConfigDict(extra="forbid")


class AssignIn(BodyIn):
    unit: str = _code()
    co_units: list[str] = Field(default_factory=list, max_length=50)
    time_limit: int | None = _workdays()
    note: str = _optional_text()


class ReplyIn(BodyIn):
    reply: str = _text()


class ReasonIn(BodyIn):
    reason: str = _text()


class ReopenIn(BodyIn):
    reason: str = _text()
    time_limit: int | None = _workdays()


class VerifyIn(BodyIn):
    verdict: VerdictCode
    resolution: ResolutionCode = ""
    note: str = _optional_text()


class CloseIn(BodyIn):
    resolution: ClosingResolution
    outcome: str = _optional_text()


class NoteIn(BodyIn):
    note: str = _optional_text()
