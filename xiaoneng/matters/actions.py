"""Every change of a matter's state: one function per action.

Each function locks the matter row (SELECT ... FOR UPDATE), checks the actor's permission,
unit scope and the state machine (xiaoneng.matters.transitions), writes the new state and
appends its trace event, all in one transaction. A refusal raises MatterError (NotPermitted
or IllegalTransition) with a message for the user. `actor=None` means the system itself
(the scanner, a public intake form): no permission check, the state machine still applies.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext

from xiaoneng.matters import clock
from xiaoneng.matters.models import (
    Escalation,
    Extension,
    Matter,
    MatterKind,
    Resolution,
    Source,
    State,
    Verdict,
)
from xiaoneng.matters.transitions import IllegalTransition, MatterError, NotPermitted, check
from xiaoneng.notifications import matter_hooks as notifications
from xiaoneng.org.models import Unit
from xiaoneng.search.hooks import matter_text_changed
from xiaoneng.trace.chain import append_event

log = logging.getLogger(__name__)

__all__ = [
    "MatterError", "IllegalTransition", "NotPermitted", "do_receive_matter", "do_assign_matter",
    "do_reject_matter", "do_return_matter", "do_sign_matter", "do_reply_matter", "do_approve_reply",
    "do_verify_matter", "do_close_matter", "do_reopen_matter", "do_pause_matter",
    "do_resume_matter", "do_request_extension", "do_decide_extension", "do_urge_matter",
    "do_order_matter", "do_refer_matter", "register_verify_hook",
]

# Per-kind hooks do_verify_matter calls, inside its transaction, after the verdict is written:
# explicit registration (complaints registers one in its AppConfig.ready), not signals.
VerifyHook = Callable[[Matter, object], None]
_VERIFY_HOOKS: dict[str, list[VerifyHook]] = {}


def register_verify_hook(kind_code: str, hook: VerifyHook) -> None:
    """Call `hook(matter, actor)` whenever a matter of this kind is verified (once per hook)."""
    hooks = _VERIFY_HOOKS.setdefault(kind_code, [])
    if hook not in hooks:
        hooks.append(hook)


def _trace(matter: Matter, kind: str, actor, data: dict, attachments: Iterable[File] = ()) -> None:
    append_event(matter, kind, actor, data, attachments=attachments, at=clock.now())


def _locked(matter: Matter) -> Matter:
    return Matter.objects.select_for_update(of=("self",)).select_related("kind", "unit").get(pk=matter.pk)


def _require(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise MatterError(message)
    return text


def _dates(matter: Matter) -> dict:
    return {"deadline": matter.deadline.isoformat() if matter.deadline else None,
            "provisional": matter.deadline_provisional}


def _finish(matter: Matter, kind: str, actor, data: dict, attachments: Iterable[File] = ()) -> Matter:
    matter.save()
    _trace(matter, kind, actor, {"state": matter.state, **data}, attachments)
    return matter


def do_receive_matter(*, kind: MatterKind, title: str, actor, description: str = "",
                      source: str = Source.OTHER, received_at: datetime.datetime | None = None,
                      attachments: Iterable[File] = (), event_data: dict | None = None) -> Matter:
    """Register a new matter (收件). Complaints, inspections and enterprise problems come in here.
    `attachments` (already sanitised files) and `event_data` (the caller's own facts, e.g. a
    complaint's channel) go on the "received" event."""
    if actor is not None and not actor.has_perm("matters.receive_matter"):
        raise NotPermitted(gettext("You may not register matters."))
    title = _require(title, gettext("A matter needs a title."))
    with transaction.atomic():
        matter = Matter.objects.create(
            kind=kind, title=title, description=description, source=source,
            received_at=received_at or clock.now(), created_by=actor,
        )
        _trace(matter, "received", actor, {**(event_data or {}), "state": matter.state, "kind": kind.code,
                                           "title": title, "source": source}, attachments)
        matter_text_changed(matter)  # the search index, in this transaction
    return matter


def do_assign_matter(matter: Matter, *, actor, unit: Unit, co_units: Iterable[Unit] = (),
                     time_limit: int | None = None, note: str = "") -> Matter:
    """交办: hand the matter to a unit; its clock starts today (today never counts)."""
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, "assign")
        co_units = [u for u in co_units if u.pk != unit.pk]
        limit = time_limit or matter.kind.time_limit
        matter.unit, matter.state, matter.reason, matter.signed_at = unit, State.ASSIGNED, "", None
        matter.start_clock(clock.today(), limit)
        matter.save()
        matter.co_units.set(co_units)
        _trace(matter, "assigned", actor, {
            "state": matter.state, "unit": unit.code, "unit_name": unit.name,
            "co_units": [u.code for u in co_units], "time_limit": limit, "note": note, **_dates(matter),
        })
        notifications.matter_assigned(matter)
    return matter


def do_reject_matter(matter: Matter, *, actor, reason: str) -> Matter:
    """不予受理: refuse the matter, saying why; who rejected it is kept."""
    reason = _require(reason, gettext("Say why the matter is rejected."))
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, "reject")
        matter.state, matter.reason, matter.rejected_by = State.REJECTED, reason, actor
        matter.resolution = Resolution.NOT_APPLICABLE
        matter.closed_at = clock.now()
        matter.stop_clock()
        return _finish(matter, "rejected", actor, {"reason": reason})


def do_return_matter(matter: Matter, *, actor, reason: str) -> Matter:
    """退回: the unit says the matter is not its to handle; the center reassigns or rejects it."""
    reason = _require(reason, gettext("Say why the matter is returned."))
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, "return")
        matter.state, matter.reason = State.RETURNED, reason
        matter.stop_clock()
        return _finish(matter, "returned", actor, {"reason": reason, "unit": matter.unit.code})


def do_sign_matter(matter: Matter, *, actor) -> Matter:
    """签收: the unit's liaison acknowledges receipt; once per assignment or reopening."""
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, "sign")
        if matter.signed_at is not None:
            raise IllegalTransition(gettext("This matter has already been signed for."))
        matter.signed_at = clock.now()
        return _finish(matter, "signed", actor, {"unit": matter.unit.code})


def do_reply_matter(matter: Matter, *, actor, reply: str, attachments: Iterable[File] = ()) -> Matter:
    """办复: the unit's answer, with its evidence (`attachments`, already sanitised files, go on
    the "replied" event). Where the kind asks for it, the unit head approves it first."""
    reply = _require(reply, gettext("The reply is empty."))
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, "reply")
        matter.reply, matter.replied_at = reply, clock.now()
        if matter.kind.reply_needs_head_approval:
            matter.resume_state = matter.state  # where a refused reply goes back to
            matter.state = State.AWAITING_APPROVAL
        else:
            matter.state = State.REPLIED
            matter.stop_clock()
        late = matter.deadline is not None and clock.today() > matter.deadline
        matter = _finish(matter, "replied", actor, {"reply": reply, "late": late}, attachments)
        matter_text_changed(matter)
        return matter


def do_approve_reply(matter: Matter, *, actor, approve: bool, note: str = "") -> Matter:
    """The unit head lets the reply go to the center, or sends it back to be redone."""
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, "approve_reply")
        if approve:
            matter.state = State.REPLIED
            matter.stop_clock()
        else:
            _require(note, gettext("Say what must change in the reply."))
            matter.state = matter.resume_state or State.ASSIGNED
        matter.resume_state = ""
        return _finish(matter, "reply_approved" if approve else "reply_sent_back", actor, {"note": note})


def do_verify_matter(matter: Matter, *, actor, verdict: str, resolution: str = "", note: str = "") -> Matter:
    """核实: 查实 / 部分查实 / 不实, and whether the problem is resolved (a separate fact)."""
    if verdict not in Verdict.values:
        raise MatterError(gettext("Choose the result of the verification."))
    if resolution and resolution not in Resolution.values:
        raise MatterError(gettext("Say whether the matter was resolved."))
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, "verify")
        matter.state, matter.verdict = State.VERIFIED, verdict
        if resolution:
            matter.resolution = resolution
        _finish(matter, "verified", actor,
                {"verdict": verdict, "resolution": matter.resolution, "note": note})
        for hook in _VERIFY_HOOKS.get(matter.kind.code, ()):
            hook(matter, actor)
        return matter


def do_close_matter(matter: Matter, *, actor, resolution: str, outcome: str = "") -> Matter:
    """办结: closing says the work stopped; `resolution` says whether the problem was solved."""
    if resolution not in (Resolution.RESOLVED, Resolution.UNRESOLVED, Resolution.NOT_APPLICABLE):
        raise MatterError(gettext("Say whether the matter was resolved."))
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, "close")
        matter.state, matter.resolution, matter.outcome = State.CLOSED, resolution, outcome
        matter.closed_at = clock.now()
        return _finish(matter, "closed", actor, {"resolution": resolution, "outcome": outcome})


def do_reopen_matter(matter: Matter, *, actor, reason: str, time_limit: int | None = None) -> Matter:
    """回访不满意: back to the same unit with a fresh clock."""
    reason = _require(reason, gettext("Say why the matter is reopened."))
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, "reopen")
        matter.state, matter.reason, matter.signed_at = State.REOPENED, reason, None
        matter.verdict, matter.resolution, matter.closed_at = "", Resolution.PENDING, None
        matter.start_clock(clock.today(), time_limit or matter.kind.time_limit)
        return _finish(matter, "reopened", actor, {"reason": reason, **_dates(matter)})


def do_pause_matter(matter: Matter, *, actor, reason: str) -> Matter:
    """挂起: waiting on the reporter or an outside body; the clock stops."""
    reason = _require(reason, gettext("Say what the matter is waiting for."))
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, "pause")
        matter.resume_state, matter.state, matter.reason = matter.state, State.PAUSED, reason
        matter.pause_clock(clock.today())
        return _finish(matter, "paused", actor, {"reason": reason})


def do_resume_matter(matter: Matter, *, actor, note: str = "") -> Matter:
    """The wait is over: the deadline moves by the working days the matter was paused."""
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, "resume")
        matter.state, matter.resume_state = matter.resume_state or State.ASSIGNED, ""
        paused = matter.resume_clock(clock.today())
        return _finish(matter, "resumed", actor, {"paused_workdays": paused, "note": note, **_dates(matter)})


def do_request_extension(matter: Matter, *, actor, workdays: int, reason: str) -> Extension:
    """延期申请: the unit asks; the deadline moves only if the center grants it."""
    reason = _require(reason, gettext("Say why more time is needed."))
    if not 1 <= workdays <= 60:
        raise MatterError(gettext("Ask for between 1 and 60 working days."))
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, "request_extension")
        if matter.extensions.filter(decision=Extension.Decision.PENDING).exists():
            raise IllegalTransition(gettext("An extension request for this matter is already waiting."))
        extension = Extension.objects.create(
            matter=matter, workdays=workdays, reason=reason, requested_by=actor, requested_at=clock.now()
        )
        _trace(matter, "extension_requested", actor,
                     {"state": matter.state, "workdays": workdays, "reason": reason})
    return extension


def do_decide_extension(extension: Extension, *, actor, grant: bool, note: str = "",
                        workdays: int | None = None) -> Extension:
    """The center grants (possibly fewer days) or refuses; a grant moves the deadline."""
    with transaction.atomic():
        matter = _locked(extension.matter)
        check(actor, matter, "decide_extension")
        extension = Extension.objects.select_for_update().get(pk=extension.pk)
        if extension.decision != Extension.Decision.PENDING:
            raise IllegalTransition(gettext("This extension request has already been decided."))
        if grant:
            days = workdays or extension.workdays
            if not 1 <= days <= 60:
                raise MatterError(gettext("Grant between 1 and 60 working days."))
            extension.workdays = days
            if matter.is_paused:
                matter.time_limit += days
                matter.recompute_deadline(clock.today())
            else:
                matter.extend_clock(days, clock.today())
            matter.save()
        extension.decision = Extension.Decision.GRANTED if grant else Extension.Decision.REFUSED
        extension.decided_by, extension.decided_at, extension.note = actor, clock.now(), note
        extension.save()
        _trace(matter, "extension_granted" if grant else "extension_refused", actor, {
            "state": matter.state, "workdays": extension.workdays, "note": note, **_dates(matter)
        })
        notifications.extension_decided(extension)
    return extension


_ESCALATION_EVENTS = {
    Escalation.URGED: "urged",
    Escalation.SUPERVISION_ORDER: "supervision_order",
    Escalation.REFERRED: "referred",
}


def _escalate(matter: Matter, actor, action: str, level: int, note: str) -> Matter:
    with transaction.atomic():
        matter = _locked(matter)
        check(actor, matter, action)
        if matter.escalation_level > level and action != "urge":
            raise IllegalTransition(gettext("This matter has already been escalated further."))
        level = max(level, matter.escalation_level)
        matter.escalation_level = level
        if matter.clock_running:
            matter.next_escalation_on = matter.escalation_day(level)
        kind = "urged" if action == "urge" else _ESCALATION_EVENTS[level]
        # The document first: the urge or order event closes the step.
        _issue_document(matter, Escalation.URGED if action == "urge" else level, actor, clock.today(), note)
        _finish(matter, kind, actor, {"level": level, "note": note})
        notifications.matter_escalated(matter, Escalation.URGED if action == "urge" else level)
        return matter


def do_urge_matter(matter: Matter, *, actor, note: str = "") -> Matter:
    """催办: remind the unit; may be repeated."""
    return _escalate(matter, actor, "urge", Escalation.URGED, note)


def do_order_matter(matter: Matter, *, actor, note: str = "") -> Matter:
    """督办单: a formal supervision order to the unit."""
    return _escalate(matter, actor, "order", Escalation.SUPERVISION_ORDER, note)


def do_refer_matter(matter: Matter, *, actor, note: str = "") -> Matter:
    """问责移送: refer the unit's handling of the matter for accountability."""
    return _escalate(matter, actor, "refer", Escalation.REFERRED, note)


def record_escalation(matter: Matter, level: int, today: datetime.date) -> None:
    """Scanner hook: the event of an automatic escalation (the scanner saves the row)."""
    _trace(matter, _ESCALATION_EVENTS[level], None, {
        "state": matter.state, "level": level, "automatic": True,
        "workdays_late": -(matter.workdays_left(today) or 0),
    })
    # Rendered once the claim commits: the scanner holds no lock while the files are drawn.
    # Not while history is replayed (the demo builder): its months of escalations would all be
    # drawn at its one commit, dated today.
    if not clock.replaying():
        transaction.on_commit(lambda: _issue_document(matter, level, None, today, after_commit=True))
    notifications.matter_escalated(matter, level)


def _issue_document(matter: Matter, level: int, actor, today: datetime.date, note: str = "",
                    after_commit: bool = False) -> None:
    """催办单 / 督办单: the numbered document of an urge or supervision order, on the trace."""
    from xiaoneng.documents.matters import issue_escalation_document

    try:
        issue_escalation_document(matter, level=level, actor=actor, today=today, note=note)
    except Exception:
        if not after_commit:
            raise
        # The escalation has committed; a worker must not stop over its document.
        log.exception("no document issued for the escalation of matter %s", matter.public_id)


OVERDUE_RULE = "matter_overdue"


def record_colour(matter: Matter, old: str, new: str, today: datetime.date) -> None:
    """Scanner hook: the event of a warning colour change; an overdue matter also gets a
    deduction proposed for its unit (scoring de-duplicates; a person confirms or refuses it)."""
    _trace(matter, "overdue" if new == "red" else "due_soon", None,
           {"state": matter.state, "colour": new, "was": old, **_dates(matter)})
    if new == "red" and matter.unit_id:
        _propose_overdue_deduction(matter)
    notifications.matter_colour(matter, new)


def _propose_overdue_deduction(matter: Matter) -> None:
    from xiaoneng.scoring.actions import ScoringError, do_propose_entry

    reason = gettext("Matter %(number)s “%(title)s” passed its deadline of %(deadline)s.") % {
        "number": matter.public_id, "title": matter.title, "deadline": matter.deadline.isoformat()}
    try:
        do_propose_entry(unit=matter.unit, rule_code=OVERDUE_RULE, source=matter, reason=reason,
                         proposer=None, year=matter.deadline.year)
    except ScoringError:
        # A rule switched off or removed by the admin: the overdue mark and its event still stand.
        log.warning("no deduction proposed for overdue matter %s", matter.public_id, exc_info=True)


def record_recompute(matter: Matter, old: datetime.date | None, today: datetime.date) -> None:
    """Scanner hook: a provisional deadline recomputed when its year's calendar was published."""
    _trace(matter, "deadline_recomputed", None,
                 {"state": matter.state, "was": old.isoformat() if old else None, **_dates(matter)})
